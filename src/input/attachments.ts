import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { attachmentError, type AttachmentBytes, type AttachmentFileRef, type AttachmentKind } from '../shared/attachment-file.js';

/**
 * Reads the file a `fil:` names, and only from inside the meetings folder: an absolute path, a path
 * through `..` or a symbolic link that leads out of it is refused before anything is read.
 */
export async function readAttachmentBytes(dir: string, ref: AttachmentFileRef): Promise<AttachmentBytes> {
  const fail = (message: string) => attachmentError(ref, message);
  if (path.isAbsolute(ref.path) || /^[a-z]:/i.test(ref.path)) throw fail('give the path relative to the meetings folder, not from the root');
  const folder = path.resolve(dir);
  const file = path.resolve(folder, ref.path);
  if (!inside(folder, file)) throw fail('the path leads outside the meetings folder');
  const real = await realpath(file).catch((err: NodeJS.ErrnoException) => {
    throw fail(err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 'no such file' : `cannot be read (${err.code ?? err.message})`);
  });
  if (!inside(await realpath(folder), real)) throw fail('a symbolic link that leads outside the meetings folder');
  const info = await stat(real);
  if (!info.isFile()) throw fail('not a file');
  if (info.size === 0) throw fail('empty (0 bytes)');
  const bytes = await readFile(real).catch((err: NodeJS.ErrnoException) => {
    throw fail(`cannot be read (${err.code === 'EACCES' ? 'permission denied' : (err.code ?? err.message)})`);
  });
  const kind = kindOf(bytes);
  if (!kind) throw fail('not a PDF, PNG or JPEG file: save it as PDF');
  return { ref, kind, bytes, sha256: sha256(bytes) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** By the file's first bytes, not its name: a PDF may have a little junk before its header, as readers allow. */
function kindOf(bytes: Uint8Array): AttachmentKind | undefined {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  if (start.includes('%PDF-')) return 'pdf';
  if (start.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (start[0] === 0xff && start[1] === 0xd8 && start[2] === 0xff) return 'jpeg';
  return undefined;
}
