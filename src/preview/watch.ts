import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';

export interface WatchedFolder {
  dir: string;
  /** Whether a change to this file or folder, relative to `dir`, is worth a rebuild. */
  matters: (file: string) => boolean;
}

export interface Watcher {
  close(): Promise<void>;
}

/**
 * Calls `onChange` with the files changed in `folders`, once the saves have gone quiet for `quietMs`;
 * resolves once it watches. chokidar watches each folder with the system's own notices (inotify,
 * FSEvents) and sees a file that an editor saves by writing a new one and renaming it over the old
 * (vim, many IDEs); Node's own recursive watch polls each file on Linux, seconds late. The quiet time
 * joins the several writes of one save; a file caught half-written is read again at the next write.
 */
export async function watchFolders(folders: WatchedFolder[], quietMs: number, onChange: (files: string[]) => void): Promise<Watcher> {
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const files = [...changed];
    changed = new Set();
    onChange(files);
  };
  const watchers: FSWatcher[] = folders.map(({ dir, matters }) =>
    watch(dir, { ignoreInitial: true, ignored: (file) => !matters(path.relative(dir, file)) }).on('all', (_event, file) => {
      changed.add(file);
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    }),
  );
  await Promise.all(watchers.map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve()))));
  return {
    async close() {
      clearTimeout(timer);
      await Promise.all(watchers.map((w) => w.close()));
    },
  };
}
