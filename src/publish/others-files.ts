import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../shared/errors.js';
import { inBatches } from '../shared/in-batches.js';
import { stateFile, type EarlierPublication } from './state.js';

// A site folder may hold files of others (a web root's own index.html, a page a clerk put there by
// hand): publish replaces a file only where the state file names it as its own (one it wrote, edited
// since by hand, is written back: republish.md), so where one of others stands in the way of a file it
// writes, it stops before anything is written and names them all. A file of the very bytes publish
// writes is not in its way (it is not changed): it is taken as publish's, so a site copied without its
// state file is refused only for the files that differ. On a case-insensitive file system a file whose
// name differs in case only is the same file, and is refused as well.

/** How many of them the message names; the rest are counted. */
const named = 10;

/**
 * Refuses the publication where a file publish did not write stands where it writes one of `files`
 * (unless `overwrite`), or any file stands where it makes a folder: each named, the site untouched.
 */
export async function refuseOthersFiles(out: string, files: string[], earlier: EarlierPublication, overwrite: boolean): Promise<void> {
  const kinds = new Map<string, Promise<Stats | undefined>>();
  const kindOf = (file: string) => {
    const found = kinds.get(file) ?? lstat(path.join(out, file)).catch(() => undefined);
    kinds.set(file, found);
    return found;
  };
  const inTheWay = new Map<string, string>();
  await inBatches(files, async (file) => {
    const folders = path.posix.dirname(file).split('/');
    for (let i = 1; i <= folders.length && folders[0] !== '.'; i++) {
      const folder = folders.slice(0, i).join('/');
      const kind = await kindOf(folder);
      if (!kind) return;
      if (!kind.isDirectory()) {
        inTheWay.set(folder, 'a file where publish makes a folder');
        return;
      }
    }
    if (overwrite || earlier.files.has(file)) return;
    if ((await kindOf(file))?.isFile()) inTheWay.set(file, 'a file publish did not write');
  });
  if (inTheWay.size > 0) throw new EnvironmentError(refusal(out, inTheWay, earlier.files.size === 0));
}

const stateless = `(the folder has no ${stateFile}, publish's list of the files it wrote there: if publish wrote these and the list was lost, or the site was copied without it, --overwrite takes them as its own)`;

/** The message; `unlisted`: the site names no file as publish's (no state file, or an empty one). */
function refusal(out: string, inTheWay: Map<string, string>, unlisted: boolean): string {
  const lines = [...inTheWay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, why]) => `  ${file}: ${why}`);
  const more = lines.length > named ? [`  … and ${lines.length - named} more`] : [];
  const others = [...inTheWay.values()].some((why) => why === 'a file publish did not write');
  return [
    `cannot publish to ${out}: ${lines.length} ${lines.length === 1 ? 'file stands' : 'files stand'} where publish writes its own, and ${lines.length === 1 ? 'is' : 'are'} not its to replace; nothing was written:`,
    ...lines.slice(0, named),
    ...more,
    `move ${lines.length === 1 ? 'it' : 'them'} out of the site folder and publish again${others ? ' (or, to have publish replace the files it did not write with its own, publish with --overwrite)' : ''}`,
    ...(others && unlisted ? [stateless] : []),
  ].join('\n');
}
