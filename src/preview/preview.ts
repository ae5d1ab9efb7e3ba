import { meetingFile } from '../input/load.js';
import { meetingDates } from '../input/meeting-names.js';
import type { CommitteeFolder } from '../input/repository.js';
import { exists } from '../input/read-file.js';
import { findBrowser } from '../pdf/browser.js';
import { reloadTemplates } from '../pipeline/document.js';
import { checkedDate } from '../pipeline/select.js';
import { MissingFileError, UsageError } from '../shared/errors.js';
import { isTemplate, previewFolders } from './folders.js';
import { LiveDocument } from './live.js';
import { LastingPrinter } from './printer.js';
import { previewRoutes } from './routes.js';
import { serveLocally, type LocalServer } from './server.js';
import { watchFolders, type Watcher } from './watch.js';
import { growHeapSlowly } from '../shared/heap.js';

export interface PreviewRequest {
  /** The committee's folder, and its repository's, whose kommune.yaml, kalender.yaml and husstil/ it follows too. */
  committee: CommitteeFolder;
  /** The meeting's date; default the latest meeting file. */
  date?: string;
  port: number;
  browser?: string;
  timeoutMs: number;
  /** Told a warning line (a file it cannot watch) while it runs. */
  warn: (line: string) => void;
}

export interface RunningPreview {
  /** The meeting file shown. */
  file: string;
  url: string;
  stop(): Promise<void>;
}

/**
 * The meeting's document on a page at 127.0.0.1, printed anew on every save of what it is made from,
 * with `agenda check`'s findings over it, until stopped.
 */
export async function startPreview(request: PreviewRequest): Promise<RunningPreview> {
  const { dir } = request.committee;
  const day = request.date ? checkedDate(request.date) : (await meetingDates(dir)).at(-1);
  if (!day) throw new UsageError(`no meeting files in ${dir}: name a date, or write one with agenda new`);
  const file = meetingFile(dir, day);
  if (!(await exists(file))) throw new MissingFileError(`${file}: no such file`);
  growHeapSlowly(); // a preview prints edit after edit, for hours
  const printer = new LastingPrinter(findBrowser({ explicit: request.browser }), request.timeoutMs);
  const live = new LiveDocument(dir, day, printer);
  let server: LocalServer | undefined;
  let watcher: Watcher | undefined;
  const stop = async () => {
    await watcher?.close();
    await server?.close();
    await printer.close();
  };
  try {
    server = await serveLocally(request.port, previewRoutes(live, day));
    watcher = await watchFolders(
      previewFolders(request.committee, day),
      (files) => {
        if (files.some(isTemplate)) reloadTemplates();
        live.changed();
      },
      request.warn,
    );
    void live.rebuild();
    return { file, url: server.url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
