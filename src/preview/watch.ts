import { watch, type FSWatcher } from 'chokidar';
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { printable } from '../shared/errors.js';

export interface WatchedFolder {
  dir: string;
  /** Whether a change to this file or folder, relative to `dir`, is worth a rebuild. */
  matters: (file: string) => boolean;
}

/**
 * Saves this close together are one change (an editor's write, rename and touch of one save). Over 50 ms: chokidar
 * passes over a file's change within 50 ms of the last it told, and tells none after (its `_throttle`), so a save in
 * two writes 30-50 ms apart (a truncate, then the text, on a loaded machine or a share) was read half-written, and
 * its second write never told: the page stayed stale until the next save.
 */
const quietMs = 100;

export interface Watcher {
  close(): Promise<void>;
}

/**
 * Calls `onChange` with the files changed in `folders`, once the saves have gone quiet (`quietMs`);
 * resolves once it watches. chokidar watches each folder with the system's own notices (inotify,
 * FSEvents) and sees a file that an editor saves by writing a new one and renaming it over the old
 * (vim, many IDEs); Node's own recursive watch polls each file on Linux, seconds late. The quiet time
 * joins the several writes of one save; a file caught half-written is read again at the next write.
 * A symbolic link in a loop, or one that cannot be watched, is passed over and told once to `onUnwatched`:
 * no file of the meeting's is in it, and it is no reason to end the preview.
 */
export async function watchFolders(
  folders: WatchedFolder[],
  onChange: (files: string[]) => void,
  onUnwatched: (warning: string) => void,
): Promise<Watcher> {
  let changed = new Set<string>();
  // chokidar tries such a file again at each change in its folder; one word of it is enough.
  const told = new Set<string>();
  const tell = (warning: string) => void (told.has(warning) || (told.add(warning), onUnwatched(warning)));
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const files = [...changed];
    changed = new Set();
    onChange(files);
  };
  const passedOver = (file: string) => leadsBack(file) && (tell(`${printable(file)}: warning: ${loop}`), true);
  const watchers: FSWatcher[] = folders.map(({ dir, matters }) =>
    watch(dir, { ignoreInitial: true, ignored: (file) => !matters(path.relative(dir, file)) || passedOver(file) })
      .on('all', (_event, file) => {
        changed.add(file);
        clearTimeout(timer);
        timer = setTimeout(flush, quietMs);
      })
      .on('error', (err) => tell(unwatched(err instanceof Error ? err : new Error(String(err))))),
  );
  await Promise.all(watchers.map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve()))));
  return {
    async close() {
      clearTimeout(timer);
      await Promise.all(watchers.map((w) => w.close()));
    },
  };
}

const loop = 'a symbolic link in a loop (it leads back to a folder it is in, or to itself); the preview passes it over';

/**
 * A link to a folder it is in (`up -> ..`, `self -> .`): chokidar would follow it round and round,
 * some 40 folders deep, and watch every file there as often.
 */
function leadsBack(file: string): boolean {
  try {
    if (!lstatSync(file).isSymbolicLink()) return false;
    const relative = path.relative(realpathSync(file), realpathSync(path.dirname(file)));
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  } catch {
    return false; // gone meanwhile, or links that lead round to no file at all, which chokidar tells of as ELOOP
  }
}

/** Links that lead round to no file at all (`a -> b`, `b -> a`) cannot even be looked at (ELOOP). */
function unwatched(err: NodeJS.ErrnoException): string {
  const file = printable(err.path ?? 'a file in a watched folder');
  const why = err.code === 'ELOOP' ? loop : `not watched (${err.code ?? err.message}); a change to it does not update the preview`;
  return `${file}: warning: ${why}`;
}
