import type { Stats } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../shared/errors.js';
import { statusOf } from '../shared/files.js';
import { stateFile, type EarlierPublication } from './state.js';

// A site folder may hold files of others (a web root's own index.html, a page a clerk put there by
// hand): publish replaces a file only where the state file names it as its own (one it wrote, edited
// since by hand, is written back: republish.md), so where one of others stands in the way of a file it
// writes, it stops before anything is written and names them all. Anything but a regular file where a
// file goes (a folder, a named pipe, a symbolic link, a device) and anything but a folder where a
// folder goes are named in the same refusal, whoever made them: each is told by lstat alone, so no
// link is followed (it may point out of the site) and no pipe opened (a FIFO opened for reading waits
// for a writer for ever), and --overwrite never replaces one. Asked twice (pipeline/publish.ts): before
// anything is printed, of every path the site map says publish writes that the state file does not
// list, and when the site is written, of the files that changed (one may have appeared meanwhile).
// In the second, a file of the very bytes publish writes is not in its way (it is not changed). On a
// case-insensitive file system a file whose name differs in case only is the same file, and is refused as well.

/** How many of them the message names; the rest are counted. */
const named = 10;

/** What publish writes: `files` and, where it makes them, `folders` (a search index's, whose files are named only as Pagefind writes them). */
export interface SitePaths {
  files: Iterable<string>;
  folders?: Iterable<string>;
}

const othersFile = 'a file publish did not write';

/**
 * Refuses the publication where anything but a folder stands where publish makes a folder, anything
 * but a regular file where it writes a file, or a regular file it did not write (one the state file
 * does not list: unless `overwrite`): each named, the site untouched.
 */
export function refuseInTheWay(out: string, { files, folders = [] }: SitePaths, earlier: EarlierPublication, overwrite: boolean): void {
  const kinds = new Map<string, Stats | undefined>();
  // Synchronous (statusOf): a first publication asks it of every file of the site, with their folders once each.
  const kindOf = (file: string) => {
    if (!kinds.has(file)) kinds.set(file, statusOf(path.join(out, file)));
    return kinds.get(file);
  };
  const inTheWay = new Map<string, string>();
  /** Whether each folder of `file` (itself too, where `isFolder`) is a folder or is not there: none of them is told twice. */
  const foldersClear = (file: string, isFolder: boolean) => {
    const parts = file.split('/');
    for (let i = 1; i <= (isFolder ? parts.length : parts.length - 1); i++) {
      const folder = parts.slice(0, i).join('/');
      const kind = kindOf(folder);
      if (!kind) return true;
      if (!kind.isDirectory()) {
        inTheWay.set(folder, `${kindName(kind)} where publish makes a folder`);
        return false;
      }
    }
    return true;
  };
  for (const folder of folders) foldersClear(folder, true);
  for (const file of files) {
    if (!foldersClear(file, false)) continue;
    const kind = kindOf(file);
    if (!kind) continue;
    if (!kind.isFile()) inTheWay.set(file, `${kindName(kind)} where publish writes a file`);
    else if (!overwrite && !isListed(earlier, file)) inTheWay.set(file, othersFile);
  }
  if (inTheWay.size > 0) throw new EnvironmentError(refusal(out, inTheWay, earlier.files.size === 0 && !earlier.named?.size));
}

/** Whether `file` is publish's: the state file itself, or a file it names (an earlier version's, by its name alone). */
export const isListed = (earlier: EarlierPublication, file: string) =>
  file === stateFile || earlier.files.has(file) || (earlier.named?.has(file) ?? false);

/** What stands there, as the clerk calls it. */
function kindName(kind: Stats): string {
  if (kind.isFile()) return 'a file';
  if (kind.isDirectory()) return 'a folder';
  if (kind.isSymbolicLink()) return 'a symbolic link';
  if (kind.isFIFO()) return 'a named pipe (FIFO)';
  if (kind.isSocket()) return 'a socket';
  return 'a device';
}

const stateless = `(the folder has no ${stateFile}, publish's list of the files it wrote there: if publish wrote these and the list was lost, or the site was copied without it, --overwrite takes them as its own)`;

const neverReplaced =
  '(--overwrite replaces only files where publish writes its own: never a folder, a file where it makes a folder, a symbolic link (which may point out of the site), a named pipe or a device)';

/** The message; `unlisted`: the site names no file as publish's (no state file, or an empty one). */
function refusal(out: string, inTheWay: Map<string, string>, unlisted: boolean): string {
  // What --overwrite does not replace first: it needs the clerk's hand whatever they choose.
  const order = ([file, why]: [string, string]) => `${why === othersFile ? 1 : 0}${file}`;
  const lines = [...inTheWay].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map(([file, why]) => `  ${file}: ${why}`);
  const more = lines.length > named ? [`  … and ${lines.length - named} more`] : [];
  const whys = [...inTheWay.values()];
  const others = whys.includes(othersFile);
  const special = whys.some((why) => why !== othersFile);
  return [
    `cannot publish to ${out}: ${lines.length} ${lines.length === 1 ? 'file stands' : 'files stand'} where publish writes its own, and ${lines.length === 1 ? 'is' : 'are'} not its to replace; nothing was written:`,
    ...lines.slice(0, named),
    ...more,
    `move ${lines.length === 1 ? 'it' : 'them'} out of the site folder and publish again${others ? ' (or, to have publish replace the files it did not write with its own, publish with --overwrite)' : ''}`,
    ...(others && special ? [neverReplaced] : []),
    ...(others && unlisted ? [stateless] : []),
  ].join('\n');
}
