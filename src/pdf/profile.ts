import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processAlive } from '../shared/files.js';

/**
 * A profile's folder is named for the process that made it: agenda-chromium-<pid>-XXXXXX for a
 * browser, agenda-office-<pid>-XXXXXX for a conversion by LibreOffice (office/run.ts).
 */
const browserPrefix = 'agenda-chromium-';

/**
 * A fresh profile folder for a browser of this process. A run that was killed (SIGKILL, a power cut)
 * could not remove its own, so the folders of runs that are gone are removed first: those whose
 * process no longer exists (one that exists, another user's too, is left alone, whoever it is now),
 * with what such a run left elsewhere (`leftElsewhere`: LibreOffice's pipe, office/profile.ts).
 */
export function newProfile(prefix: string = browserPrefix, leftElsewhere: (folder: string) => void = () => {}): string {
  const dir = tmpdir();
  const madeBy = new RegExp(`^${prefix}(\\d+)-`);
  for (const name of readdirSync(dir)) {
    const pid = Number(madeBy.exec(name)?.[1]);
    if (pid > 0 && !processAlive(pid)) {
      leftElsewhere(path.join(dir, name));
      removeQuietly(path.join(dir, name));
    }
  }
  return mkdtempSync(path.join(dir, `${prefix}${process.pid}-`));
}

/** Removes a profile folder. */
export function dispose(profile: string): void {
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}

function removeQuietly(profile: string): void {
  try {
    dispose(profile);
  } catch {
    // not ours to remove (another user's, in a shared temporary folder)
  }
}
