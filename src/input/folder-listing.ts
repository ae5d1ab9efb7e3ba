import { existsSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../shared/errors.js';
import { exists } from './read-file.js';

/** Whether something is at a file's path, as a run's folder listings tell it. */
export interface Listed {
  /** lstat's answer (`exists`): a symbolic link counts, even to nothing. */
  exists: (file: string) => Promise<boolean>;
  /** stat's answer (`existsSync`): a link counts where what it leads to is there. */
  existsFollowing: (file: string) => Promise<boolean>;
  /** A folder's entries, as its listing has them; undefined where it cannot be listed. */
  entries: (folder: string) => Promise<Dirent[] | undefined>;
}

/**
 * What is in each folder a run looks in, each folder listed once (readdir): a build of 4,000 meetings
 * asked the file system of each meeting's logs, archive and PDFs one call at a time (some 0.1 ms each).
 * A listing gives the same answer as the call for a name it lists or lacks; a link, whose target it
 * does not know, and a folder it cannot list (no permission to read it) are asked of the file system.
 * Only for one run: a file made meanwhile in a folder listed is not seen.
 */
export function folderListings(): Listed {
  const folders = new Map<string, Promise<Map<string, Dirent> | undefined>>();
  const listing = (folder: string) => {
    const at = path.resolve(folder);
    const names = folders.get(at) ?? listed(at);
    folders.set(at, names);
    return names;
  };
  const entry = async (file: string): Promise<Dirent | 'none' | undefined> => {
    const names = await listing(path.dirname(file));
    return names === undefined ? undefined : (names.get(path.basename(file)) ?? 'none');
  };
  return {
    entries: async (folder) => {
      const names = await listing(folder);
      return names && [...names.values()];
    },
    exists: async (file) => {
      const found = await entry(file);
      return found === undefined ? exists(file) : found !== 'none';
    },
    existsFollowing: async (file) => {
      const found = await entry(file);
      return found === undefined || (found !== 'none' && found.isSymbolicLink()) ? existsSync(file) : found !== 'none';
    },
  };
}

/** A folder's entries by name; none in a folder that is not there (nothing is in it), undefined where it cannot be listed. */
async function listed(folder: string): Promise<Map<string, Dirent> | undefined> {
  try {
    return new Map((await readdir(folder, { withFileTypes: true })).map((e) => [e.name, e]));
  } catch (err) {
    const code = errnoCode(err);
    return code === 'ENOENT' || code === 'ENOTDIR' ? new Map() : undefined;
  }
}
