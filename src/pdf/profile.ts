import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pidNamespace, processAlive } from '../shared/files.js';

/**
 * A profile's folder is named for the process that made it: agenda-chromium-<pid>-XXXXXX for a
 * browser, agenda-office-<pid>-XXXXXX for a conversion by LibreOffice (office/run.ts). It holds the
 * pid namespace that pid is of (`namespaceFile`): not in the name, which a socket's path inside it
 * (Chromium's singleton, under 108 bytes) has no room for.
 */
const browserPrefix = 'agenda-chromium-';
const namespaceFile = '.agenda-pid-namespace';

/**
 * A fresh profile folder for a browser of this process. A run that was killed (SIGKILL, a power cut)
 * could not remove its own, so the folders of runs that are gone are removed first: those of this pid
 * namespace whose process no longer exists (one that exists, another user's too, is left alone, whoever
 * it is now; one of another namespace, a container sharing /tmp, or of none told, cannot be judged from
 * here and is left too), with what such a run left elsewhere (`leftElsewhere`: LibreOffice's pipe, office/profile.ts).
 */
export function newProfile(prefix: string = browserPrefix, leftElsewhere: (folder: string) => void = () => {}): string {
  const dir = tmpdir();
  const madeBy = new RegExp(`^${prefix}(\\d+)-`);
  const space = pidNamespace();
  for (const name of readdirSync(dir)) {
    const pid = Number(madeBy.exec(name)?.[1]);
    const folder = path.join(dir, name);
    if (pid > 0 && !processAlive(pid) && namespaceOf(folder) === space) {
      leftElsewhere(folder);
      removeQuietly(folder);
    }
  }
  const made = mkdtempSync(path.join(dir, `${prefix}${process.pid}-`));
  writeFileSync(path.join(made, namespaceFile), space);
  return made;
}

/** The pid namespace a profile's folder says its process is of; none where it says none. */
function namespaceOf(folder: string): string | undefined {
  try {
    return readFileSync(path.join(folder, namespaceFile), 'utf8');
  } catch {
    return undefined;
  }
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
