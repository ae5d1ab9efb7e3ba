import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { lstat, open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, InputError, messageOf, MissingFileError } from '../shared/errors.js';

/** Larger than any file a clerk or a designer writes by hand, small enough that a mistaken file cannot exhaust memory. */
export const inputLimit = 1024 * 1024;

/** A folder a file must lie in, as opened, and how a message names it ("the repository"). */
export interface Within {
  folder: string;
  name: string;
}

/** A committee's folder, as a file read from it must lie in: a meeting file, a shared file, an attachment. */
export const meetingsFolder = (dir: string): Within => ({ folder: path.resolve(dir), name: 'the meetings folder' });

/** Why a file is not read, in words that follow its name (or the `fil:` that names it). */
export class Refused extends Error {}

/** Nothing at the path (not a link to nothing): where a near name may be told. */
export class Missing extends Refused {}

/** A refusal that is a mistake of the file itself, told as one at its start (FILE:1:1:) where an input file is read. */
class OfTheFile extends Refused {}

/** A file larger than the most that is read, told by its size before a byte of it is read. */
export class TooLarge extends OfTheFile {
  constructor(limit: number) {
    super(`the file is larger than ${limit} bytes, the most that is read`);
  }
}

/**
 * The bytes of an input file, at most `limit` of them, refused with its name (a file over the limit,
 * or a link out of `within`, located at its start as a mistake in it is): see readRegularFile.
 */
export async function readInputFile(file: string, limit: number, within?: Within): Promise<Uint8Array> {
  const bytes = await readRegularFile(file, limit, within).catch((err: unknown) => {
    throw err instanceof OfTheFile ? atStart(file, err) : err instanceof Refused ? named(file, err) : err;
  });
  if (bytes.length > limit) throw atStart(file, new TooLarge(limit));
  return bytes;
}

function atStart(file: string, refused: Refused): InputError {
  return new InputError([{ file, line: 1, col: 1, path: '', message: refused.message }]);
}

/**
 * The bytes of a file, at most `limit` + 1 of them: only a regular file is read (a symlink to
 * /dev/zero or a FIFO is refused before it is opened, as either would never end), one whose size is
 * over the limit is refused before a byte is read (TooLarge), and reading stops past the limit (a file
 * that grows as it is read), so no file can exhaust memory. Given `within`, only a file that lies inside that
 * folder as it was opened: the file is opened once, and what the handle holds is checked and read,
 * so a folder swapped for a link between the check and the read cannot lead out.
 */
export async function readRegularFile(file: string, limit: number, within?: Within): Promise<Uint8Array> {
  const kind = await stat(file).catch(async (err: unknown) => {
    throw unreadable(err, await isLink(file));
  });
  if (!kind.isFile()) throw notRegular(kind);
  // O_NONBLOCK: should the file have been swapped for a FIFO meanwhile, opening it does not wait for a writer.
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
  const handle = await open(file, flags).catch((err: unknown) => {
    throw unreadable(err, false);
  });
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw notRegular();
    if (within && !inside(await realpath(within.folder), await openedPath(handle, file, opened))) {
      throw new OfTheFile(`a symbolic link that leads outside ${within.name}`);
    }
    if (opened.size > limit) throw new TooLarge(limit);
    return await readHandle(handle, opened.size, limit);
  } finally {
    await handle.close();
  }
}

/** Memory for what the file holds, not for the limit (a build reads many small files); a file that grows is read on, to the limit. */
async function readHandle(handle: FileHandle, size: number, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length <= limit) {
    const chunk = nextChunk(size, length, limit);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    length += bytesRead;
  }
  return Buffer.concat(chunks, length);
}

/** Room for the rest of a file of `size` bytes, `length` of them read, and one more to tell it grew; at most to the limit. */
function nextChunk(size: number, length: number, limit: number): Buffer {
  return Buffer.allocUnsafe(Math.min(limit + 1 - length, Math.max(size - length + 1, 64 * 1024)));
}

/**
 * Where the opened file lies: as the kernel has it for the handle (Linux's /proc/self/fd), which no
 * later swap of a folder changes; without /proc, the file's real path, if that still is the file opened.
 */
async function openedPath(handle: FileHandle, file: string, opened: Stats): Promise<string> {
  const held = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (held !== undefined) return held;
  const real = await realpath(file).catch(() => undefined);
  const now = real === undefined ? undefined : await stat(real).catch(() => undefined);
  const same = now?.dev === opened.dev && now.ino === opened.ino;
  if (real === undefined || !same) throw new Refused('changed while it was read; try again');
  return real;
}

/** Whether `file` lies inside `folder` (and is not the folder itself). */
export function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Beyond any document or page agenda writes (a combined document of a thousand pages is some 30 MB): the most of one that is read back. */
export const outputLimit = 512 * 1024 * 1024;

/**
 * A file agenda wrote earlier and reads back (a PDF to send again, a site's file to compare), as
 * readInputFile reads it: undefined where there is none, or it is not a regular file (a FIFO or a
 * device there would never end), or it is larger than any file agenda writes; it is then made anew.
 */
export async function readEarlierOutput(file: string): Promise<Uint8Array | undefined> {
  return readInputFile(file, outputLimit).catch(() => undefined);
}

/** readEarlierOutput for a caller that reads where nothing else waits (the republish's records, read as it starts). */
export function readEarlierOutputSync(file: string): Uint8Array | undefined {
  try {
    const bytes = readInputFileSync(file, outputLimit);
    return bytes.length <= outputLimit ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * readInputFile for a caller that cannot wait (the mail settings, read as the command starts), or that reads
 * many small files where nothing else waits (a build's fingerprints: a read handed to a thread and back costs
 * more than the read): the same refusals, a file over the limit by its size before a byte is read; one that grows
 * while it is read comes back one byte past the limit, for the caller to judge (the mail settings say so in words
 * of their own).
 */
export function readInputFileSync(file: string, limit: number): Uint8Array {
  let kind: Stats;
  try {
    kind = statSync(file);
  } catch (err) {
    throw named(file, unreadable(err, lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false));
  }
  if (!kind.isFile()) throw named(file, notRegular(kind));
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw named(file, unreadable(err, false));
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw named(file, notRegular());
    if (opened.size > limit) throw named(file, new TooLarge(limit));
    const chunks: Buffer[] = [];
    let length = 0;
    for (let n = -1; n !== 0 && length <= limit; length += n) {
      const chunk = nextChunk(opened.size, length, limit);
      n = readSync(fd, chunk, 0, chunk.length, null);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

function named(file: string, refused: Refused): MissingFileError {
  return new MissingFileError(`${file}: ${refused.message}`);
}

const noSuchFile = 'no such file';
const isMissing = (code: string | undefined) => code === 'ENOENT' || code === 'ENOTDIR';

function unreadable(err: unknown, link: boolean): Refused {
  const code = errnoCode(err);
  if (isMissing(code)) return link ? new Refused('a symbolic link to a file that does not exist') : new Missing(noSuchFile);
  return new Refused(`cannot be read (${code === 'EACCES' ? 'permission denied' : (code ?? messageOf(err))})`);
}

function notRegular(kind?: Stats): Refused {
  const what = kind ? ` but ${kindOf(kind)}` : '';
  // A mistake at that name (a FIFO, a folder made by mistake), or a name of a folder where a file was meant (an
  // attachment's fil:): told at its start, as a mistake in a file is; the advice fits both.
  return new OfTheFile(`not a regular file${what}; agenda reads only files: name a file, or save the file itself under this name`);
}

/** What a clerk's `ls -l` would call it: a folder made by mistake, or a pipe or device a script left. */
function kindOf(kind: Stats): string {
  if (kind.isDirectory()) return 'a folder';
  if (kind.isFIFO()) return 'a named pipe (FIFO)';
  if (kind.isSocket()) return 'a socket';
  return 'a device';
}

function isLink(file: string): Promise<boolean> {
  return lstat(file).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}

/**
 * Nothing at `file` (not even a link to nothing), as readRegularFile refuses it (Missing), told without opening
 * anything; none where something is there, or where that cannot be told.
 */
export function missingAt(file: string): Promise<Missing | undefined> {
  return lstat(file).then(
    () => undefined,
    (err: unknown) => (isMissing(errnoCode(err)) ? new Missing(noSuchFile) : undefined),
  );
}

/** Whether there is anything at `file`: a symbolic link to nothing counts, to be read and refused, never taken for an absent file. */
export function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}
