import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { MissingFileError } from '../shared/errors.js';

/**
 * The bytes of an input file, at most `limit` + 1 of them: only a regular file is read (a symlink
 * to /dev/zero or a FIFO is refused before it is opened, as either would never end), and reading
 * stops past the limit, so no file can exhaust memory.
 */
export async function readInputFile(file: string, limit: number): Promise<Uint8Array> {
  const kind = await stat(file).catch(async (err: NodeJS.ErrnoException) => {
    throw unreadable(file, err, await isLink(file));
  });
  if (!kind.isFile()) throw notRegular(file, kind);
  // O_NONBLOCK: should the file have been swapped for a FIFO meanwhile, opening it does not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw unreadable(file, err, false);
  });
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw notRegular(file);
    // Memory for what the file holds, not for the limit (a build reads many small files): a file
    // that grows meanwhile is read on in further chunks, to the limit.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - length, Math.max(opened.size - length + 1, 64 * 1024)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

/** Beyond any document or page agenda writes (a combined document of a thousand pages is some 30 MB). */
const maxOutput = 512 * 1024 * 1024;

/**
 * A file agenda wrote earlier and reads back (a PDF to send again, a site's file to compare), as
 * readInputFile reads it: undefined where there is none, or it is not a regular file (a FIFO or a
 * device there would never end), or it is larger than any file agenda writes; it is then made anew.
 */
export async function readEarlierOutput(file: string): Promise<Uint8Array | undefined> {
  const bytes = await readInputFile(file, maxOutput).catch(() => undefined);
  return bytes && bytes.length <= maxOutput ? bytes : undefined;
}

/** readInputFile for a caller that cannot wait (the mail settings, read as the command starts): the same refusals and limit. */
export function readInputFileSync(file: string, limit: number): Uint8Array {
  let kind: Stats;
  try {
    kind = statSync(file);
  } catch (err) {
    throw unreadable(file, err as NodeJS.ErrnoException, lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false);
  }
  if (!kind.isFile()) throw notRegular(file, kind);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw unreadable(file, err as NodeJS.ErrnoException, false);
  }
  try {
    if (!fstatSync(fd).isFile()) throw notRegular(file);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function unreadable(file: string, err: NodeJS.ErrnoException, link: boolean): MissingFileError {
  const why = err.code === 'ENOENT' ? (link ? 'a symbolic link to a file that does not exist' : 'no such file') : `cannot be read (${err.code ?? err.message})`;
  return new MissingFileError(`${file}: ${why}`);
}

function notRegular(file: string, kind?: Stats): MissingFileError {
  return new MissingFileError(`${file}: not a regular file${kind ? ` (${kind.isDirectory() ? 'a folder' : 'a device, pipe or socket'})` : ''}; agenda reads only files`);
}

function isLink(file: string): Promise<boolean> {
  return lstat(file).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}
