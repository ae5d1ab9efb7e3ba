import { performance } from 'node:perf_hooks';
import { checkSiteAddress } from '../publish/site-address.js';
import { startPrinting } from './batch.js';
import type { PublishRequest, PublishResult } from './publish.js';

/**
 * `agenda publish` on a browser of its own, started only when a PDF is to be printed: a publication
 * that keeps every PDF needs none (the committees' modules too load only now).
 */
export async function publishSite(
  request: PublishRequest & { browser?: string; timeoutMs?: number; jobs?: number; libreoffice?: string },
): Promise<PublishResult & { seconds: number }> {
  const started = performance.now();
  if (request.url !== undefined) checkSiteAddress(request.url);
  const printing = startPrinting(request);
  try {
    const { publish } = await import('./publish.js');
    return { ...(await publish(request, printing.print)), seconds: (performance.now() - started) / 1000 };
  } finally {
    await printing.close();
  }
}
