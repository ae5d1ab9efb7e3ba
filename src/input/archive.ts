import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { cannotWrite } from '../shared/files.js';
import { exists, sharedFiles } from './load.js';

// A finalized meeting keeps copies of the shared files as they stood when its document went out, in
// `arkiv/<date>/` of the meetings folder; its builds read those, so later changes to the plan, the
// calendar, the members or the standing text leave it as it was sent.

export function archiveDir(dir: string, date: string): string {
  return path.join(dir, 'arkiv', date);
}

export function hasArchive(dir: string, date: string): Promise<boolean> {
  return exists(archiveDir(dir, date));
}

/** Copies the shared files there are into the meeting's archive, all or none; returns their names. */
export async function writeArchive(dir: string, date: string): Promise<string[]> {
  const target = archiveDir(dir, date);
  const partial = `${target}.tmp-${process.pid}`;
  const copied: string[] = [];
  try {
    await mkdir(partial, { recursive: true });
    for (const name of Object.values(sharedFiles)) {
      const from = path.join(dir, name);
      if (!(await exists(from))) continue;
      // Their times kept: a PDF built before finalizing stays newer than what it was made from.
      await cp(from, path.join(partial, name), { preserveTimestamps: true });
      copied.push(name);
    }
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw cannotWrite(target, err, partial);
  }
  return copied;
}
