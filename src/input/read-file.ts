import { constants } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { MissingFileError } from '../shared/errors.js';

/**
 * The bytes of an input file, at most `limit` + 1 of them: only a regular file is read (a symlink
 * to /dev/zero or a FIFO is refused before it is opened, as either would never end), and reading
 * stops past the limit, so no file can exhaust memory.
 */
export async function readInputFile(file: string, limit: number): Promise<Uint8Array> {
  const kind = await stat(file).catch(async (err: NodeJS.ErrnoException) => {
    throw new MissingFileError(`${file}: ${err.code === 'ENOENT' ? ((await isLink(file)) ? 'a symbolic link to a file that does not exist' : 'no such file') : `cannot be read (${err.code ?? err.message})`}`);
  });
  if (!kind.isFile()) throw new MissingFileError(`${file}: not a regular file (${kind.isDirectory() ? 'a folder' : 'a device, pipe or socket'}); agenda reads only files`);
  // O_NONBLOCK: should the file have been swapped for a FIFO meanwhile, opening it does not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw new MissingFileError(`${file}: cannot be read (${err.code ?? err.message})`);
  });
  try {
    if (!(await handle.stat()).isFile()) throw new MissingFileError(`${file}: not a regular file; agenda reads only files`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = (await handle.read(buffer, length, buffer.length - length, null)).bytesRead;
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function isLink(file: string): Promise<boolean> {
  return lstat(file).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}
