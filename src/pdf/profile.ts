import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvironmentError, messageOf } from '../shared/errors.js';
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
 * A fresh profile folder in `dir` for a program this process runs (a browser, LibreOffice). A run that was killed (SIGKILL, a power cut)
 * could not remove its own, so the folders of runs that are gone are removed first: those of this pid
 * namespace whose process no longer exists (one that exists, another user's too, is left alone, whoever
 * it is now; one of another namespace, a container sharing /tmp, or of none told, cannot be judged from
 * here and is left too), with what such a run left elsewhere (`leftElsewhere`: LibreOffice's pipe, office/profile.ts).
 */
export function newProfile(prefix: string, leftElsewhere: (folder: string) => void = () => {}, dir = tmpdir()): string {
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

/**
 * A fresh profile folder for a browser (`prefix`: the command's, or the tests' browser service's), where its
 * temporary folder is too on Linux (launch.ts): in the temporary folder, or in /tmp where that one's path leaves
 * no room for the socket Chromium makes in it (`<profile>/org.chromium.Chromium.XXXXXX/SingletonSocket`, under
 * the 108 bytes of a socket's address with its ending zero): a TMPDIR of more than some 30 bytes, where Chromium
 * stopped at its start ("Socket path too long"). Chromium on macOS takes the system's temporary folder, not
 * TMPDIR, and Windows has no such socket: there the profile is in the temporary folder.
 */
export function newBrowserProfile(prefix = browserPrefix): string {
  const dir = tmpdir();
  const socket = path.join(dir, `${prefix}${largestPid}-XXXXXX`, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket');
  if (process.platform !== 'linux' || Buffer.byteLength(socket) < 108) return newProfile(prefix, undefined, dir);
  try {
    return newProfile(prefix, undefined, '/tmp');
  } catch (err) {
    throw new EnvironmentError(
      `the temporary folder ${dir} has too long a path for the browser's socket, and /tmp cannot be used (${messageOf(err)}): set TMPDIR to a folder of a shorter path`,
    );
  }
}

/** Linux's largest pid (pid_max's limit), the longest a profile's name holds. */
const largestPid = 4194304;

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
