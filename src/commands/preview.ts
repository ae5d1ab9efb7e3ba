import { MissingFileError, UsageError } from '../shared/errors.js';
import { exists, meetingDates, meetingFile } from '../input/load.js';
import { findBrowser } from '../pdf/browser.js';
import { isTemplate, previewFolders } from '../preview/folders.js';
import { LiveDocument } from '../preview/live.js';
import { LastingPrinter } from '../preview/printer.js';
import { previewRoutes } from '../preview/routes.js';
import { serveLocally, type LocalServer } from '../preview/server.js';
import { watchFolders, type Watcher } from '../preview/watch.js';
import { reloadTemplates } from '../render/html.js';
import { checkedDate } from '../pipeline/select.js';

export interface PreviewOptions {
  meetings: string;
  port: number;
  open: boolean;
  browser?: string;
  timeout: number;
}

/** Saves this close together are one change (an editor's write, rename and touch of one save). */
const quietMs = 30;

/**
 * `agenda preview [date]`: the meeting's document on a page at 127.0.0.1, printed anew on every save
 * of what it is made from, with `agenda check`'s findings over it; until Ctrl-C.
 */
export async function previewCommand(date: string | undefined, options: PreviewOptions): Promise<void> {
  const dir = options.meetings;
  const day = date ? checkedDate(date) : (await meetingDates(dir)).at(-1);
  if (!day) throw new UsageError(`no meeting files in ${dir}: name a date, or write one with agenda new`);
  if (!(await exists(meetingFile(dir, day)))) throw new MissingFileError(`${meetingFile(dir, day)}: no such file`);
  const printer = new LastingPrinter(findBrowser({ explicit: options.browser }), options.timeout * 1000);
  const live = new LiveDocument(dir, day, printer);
  let server: LocalServer | undefined;
  let watcher: Watcher | undefined;
  try {
    server = await serveLocally(options.port, previewRoutes(live, day));
    watcher = await watchFolders(previewFolders(dir, day), quietMs, (files) => {
      if (files.some(isTemplate)) reloadTemplates();
      void live.rebuild();
    });
    void live.rebuild();
    process.stdout.write(`agenda preview of ${meetingFile(dir, day)}: ${server.url}  (Ctrl-C to stop)\n`);
    if (options.open) await openInBrowser(server.url);
    await interrupted();
  } finally {
    await watcher?.close();
    await server?.close();
    await printer.close();
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
