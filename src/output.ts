import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from './errors.js';
import type { Meeting } from './model/meeting.js';

/**
 * `out/2023-11-22-dagsorden.pdf`, or `-referat.pdf` once the meeting holds decisions; the public
 * version ends in `-offentlig.pdf`, so the two cannot be mistaken for each other. In a repository of
 * several committees the name begins with the committee's (`out/ØK-2023-11-22-dagsorden.pdf`), so
 * two committees meeting on the same day never overwrite each other.
 */
export function defaultPdfPath(meeting: Meeting): string {
  const audience = meeting.audience === 'offentlig' ? '-offentlig' : '';
  const committee = meeting.committeeId ? `${meeting.committeeId}-` : '';
  return path.join('out', `${committee}${meeting.date}-${meeting.kind}${audience}.pdf`);
}

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
