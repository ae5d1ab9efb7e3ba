import { chooseCommittee, chooseCommitteeOf } from '../input/repository.js';
import { openPrivately } from '../preview/open.js';
import { startPreview } from '../preview/preview.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type PreviewOptions = OptionsOf<'preview'>;

/** `agenda preview [date]`: the meeting's document, printed anew on every save, on a page at 127.0.0.1; until Ctrl-C. */
export async function previewCommand(date: string | undefined, options: PreviewOptions): Promise<void> {
  const { port, browser } = options;
  const committee = date === undefined ? await chooseCommittee(options) : await chooseCommitteeOf(options, date);
  const preview = await startPreview({ committee, date, port, browser, timeoutMs: options.timeout * 1000, warn });
  let forget: () => void = () => undefined;
  try {
    process.stdout.write(`agenda preview of ${preview.file}: ${preview.url}  (Ctrl-C to stop)\n`);
    if (options.open) forget = await openPrivately(preview.url);
    await interrupted();
  } finally {
    forget();
    await preview.stop();
  }
}

function warn(line: string): void {
  process.stderr.write(`${line}\n`);
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
