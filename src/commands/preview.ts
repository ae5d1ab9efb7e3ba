import { startPreview } from '../preview/preview.js';

export interface PreviewOptions {
  meetings: string;
  port: number;
  open: boolean;
  browser?: string;
  timeout: number;
}

/** `agenda preview [date]`: the meeting's document, printed anew on every save, on a page at 127.0.0.1; until Ctrl-C. */
export async function previewCommand(date: string | undefined, options: PreviewOptions): Promise<void> {
  const preview = await startPreview({ dir: options.meetings, date, port: options.port, browser: options.browser, timeoutMs: options.timeout * 1000 });
  try {
    process.stdout.write(`agenda preview of ${preview.file}: ${preview.url}  (Ctrl-C to stop)\n`);
    if (options.open) await openInBrowser(preview.url);
    await interrupted();
  } finally {
    await preview.stop();
  }
}

/** The user's own browser, where the system says which (xdg-open, open, start); the address is printed anyway. */
async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url).catch(() => undefined);
  child?.once('error', () => undefined);
}

/** Until Ctrl-C (or a stop from the system); another meanwhile does not cut the closing short. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => resolve());
  });
}
