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
  const { meetings: dir, port, browser } = options;
  const preview = await startPreview({ dir, date, port, browser, timeoutMs: options.timeout * 1000, warn });
  try {
    process.stdout.write(`agenda preview of ${preview.file}: ${preview.url}  (Ctrl-C to stop)\n`);
    if (options.open) await openInBrowser(preview.url);
    await interrupted();
  } finally {
    await preview.stop();
  }
}

function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The user's own browser, where the system says which (xdg-open, open, start); the address is printed anyway. */
async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url).catch(() => undefined);
  child?.once('error', () => undefined);
}

/**
 * Until Ctrl-C, a stop from the system, or the terminal closing (SIGHUP, which would otherwise end the
 * process with the browser's profile left on disk); another meanwhile does not cut the closing short.
 */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => resolve());
  });
}
