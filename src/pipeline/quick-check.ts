import { realpathSync } from 'node:fs';
import { statusOf } from '../shared/files.js';

// A republish tells a repository's file unchanged by its size and modification time (the quick check of
// rsync and make: publish-unread.ts's meetings, publish-sources.ts's attachment files). A file rewritten
// with its old size within the same tick of its file system's clock keeps its old time too: seen just
// before or after its size and time were taken, it would pass as unchanged ever after ("racy git",
// git's Documentation/technical/racy-git.txt). So a file whose time is that close to the moment they
// were taken is not trusted by them: it is read again next time, when it has settled. Both tell a
// file by fileAt (below), so a symbolic link is told by the file it leads to and that file's path.

/**
 * How close, in milliseconds. File systems keep times to a jiffy on Linux but to 2 s on FAT (USB sticks)
 * and to 1-2 s on many SMB and NFS shares, where clerks keep their folders, whose times are the server's
 * clock, not this machine's: 5 s covers the coarsest tick and a few seconds between the clocks. A wider
 * margin costs only that a file saved within it is read once more.
 */
export const settleMs = 5_000;

/**
 * Whether a file modified at `mtimeMs` can be told unchanged by the size and time taken at `takenAt`
 * (Date.now() before its stat): older than the margin. One in the future (another clock ahead) is not.
 */
export const settled = (mtimeMs: number, takenAt: number): boolean => mtimeMs <= takenAt - settleMs;

/**
 * The size and time of the file at `file`, told without reading it: a regular file's own; a symbolic
 * link's, those of the regular file it leads to, with that file's real path (`target`); none of anything
 * else. A link's own size and time do not tell it was repointed (rsync -a, cp -a and tar keep a link's
 * time, and its size is its target's name's length), nor do its file's alone (another of the same size
 * and time): the real path does, and what it leads to is then told as a regular file is. Synchronous: a
 * republish asks it of every meeting's files.
 */
export function fileAt(file: string): { size: number; mtimeMs: number; target?: string } | undefined {
  const info = statusOf(file);
  if (info?.isFile()) return { size: info.size, mtimeMs: info.mtimeMs };
  if (!info?.isSymbolicLink()) return undefined;
  const target = realTarget(file);
  const real = target === undefined ? undefined : statusOf(target);
  return target !== undefined && real?.isFile() ? { size: real.size, mtimeMs: real.mtimeMs, target } : undefined;
}

function realTarget(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
