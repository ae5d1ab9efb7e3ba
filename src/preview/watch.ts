import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchedFolder {
  dir: string;
  /** Whether a change to this file, relative to `dir`, is worth a rebuild. */
  matters: (file: string) => boolean;
}

export interface Watcher {
  close(): void;
}

/**
 * Calls `onChange` with the files changed in `folders`, once the saves have gone quiet for `quietMs`.
 * Folders are watched rather than files: an editor that saves by writing a new file and renaming it
 * over the old one (vim, many IDEs) replaces the file a file watcher would hold on to, while its folder
 * sees the rename. The quiet time joins the several writes of one save; a file caught half-written is
 * read again at the next write.
 */
export function watchFolders(folders: WatchedFolder[], quietMs: number, onChange: (files: string[]) => void): Watcher {
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const files = [...changed];
    changed = new Set();
    onChange(files);
  };
  const watchers: FSWatcher[] = folders.map(({ dir, matters }) =>
    watch(dir, { recursive: true }, (_event, name) => {
      if (name === null || !matters(name.toString())) return;
      changed.add(path.join(dir, name.toString()));
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    }),
  );
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
