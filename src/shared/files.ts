import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from './errors.js';

/**
 * Writes beside the target and renames into place, so a reader never sees half a file and a failed
 * build leaves the previous one as it was.
 */
export async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new EnvironmentError(`cannot write ${file}: ${writeFailures[code] ?? (err as Error).message}`);
  }
}

const writeFailures: Record<string, string> = {
  EEXIST: 'part of its folder path is a file',
  ENOTDIR: 'part of its folder path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'it is a folder',
};
