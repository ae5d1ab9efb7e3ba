import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispose, newProfile } from '../profile.js';

/**
 * The settings of the LibreOffice profile every conversion starts from, written before LibreOffice
 * first reads it: macros never run (the highest security level, and their execution off, so not even
 * a signed macro from a trusted place runs; VBA not loaded at all), links and fields are never
 * updated (a date field keeps the date it was saved with), images linked from a document that came
 * from outside are not loaded, and whatever it would still fetch goes through a proxy at a port of
 * this machine where nothing listens (the network is closed besides, where it can be: run.ts).
 * The locale is Danish, so a spreadsheet with no page settings prints on A4 and its numbers read as
 * the clerk's do; fixed, so the same file gives the same PDF on any machine.
 */
const deadProxy = Object.fromEntries(
  ['HTTP', 'HTTPS', 'FTP'].flatMap((scheme) => [
    [`ooInet${scheme}ProxyName`, '127.0.0.1'],
    [`ooInet${scheme}ProxyPort`, '9'],
  ]),
);

const settings: Record<string, Record<string, string>> = {
  '/org.openoffice.Office.Common/Security/Scripting': {
    MacroSecurityLevel: '3',
    DisableMacrosExecution: 'true',
    BlockUntrustedRefererLinks: 'true',
  },
  // Word's, Excel's and PowerPoint's macros (VBA) are not even read in.
  '/org.openoffice.Office.Writer/Filter/Import/VBA': { Load: 'false', Executable: 'false' },
  '/org.openoffice.Office.Calc/Filter/Import/VBA': { Load: 'false', Executable: 'false' },
  '/org.openoffice.Office.Impress/Filter/Import/VBA': { Load: 'false' },
  // Writer counts as LinkUpdateModes does (0 is never), Calc in its own way (1 is never).
  '/org.openoffice.Office.Writer/Content/Update': { Link: '0', Field: 'false', Chart: 'false' },
  '/org.openoffice.Office.Calc/Content/Update': { Link: '1' },
  '/org.openoffice.Inet/Settings': { ooInetProxyType: '2', ooInetNoProxy: '', ...deadProxy },
  '/org.openoffice.Setup/L10N': { ooSetupSystemLocale: 'da-DK', ooLocale: 'en-US' },
};

export function registryModifications(): string {
  const items = Object.entries(settings).flatMap(([at, props]) =>
    Object.entries(props).map(
      ([name, value]) => `<item oor:path="${at}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`,
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ...items,
    '</oor:items>',
    '',
  ].join('\n');
}

/** Where one conversion works: its profile, its input, its output, its temporary files. */
export interface Workspace {
  root: string;
  profile: string;
  /** The profile as LibreOffice is told it (-env:UserInstallation), which names its pipe. */
  profileUrl: string;
  input: string;
  outDir: string;
}

/**
 * A fresh folder (mode 0700, as mkdtemp makes it) for one conversion, named for this process as a
 * browser's profile is (folders of runs that were killed are removed by the next), the profile's
 * settings in place.
 */
export function newWorkspace(extension: string): Workspace {
  const root = newProfile('agenda-office-', (stale) => removePipe(profileUrlOf(stale)));
  const profile = path.join(root, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), registryModifications());
  const outDir = path.join(root, 'out');
  mkdirSync(outDir, { mode: 0o700 });
  return { root, profile, profileUrl: profileUrlOf(root), input: path.join(root, `document${extension}`), outDir };
}

export function removeWorkspace(space: Workspace): void {
  removePipe(space.profileUrl);
  dispose(space.root);
}

const profileUrlOf = (root: string) => pathToFileURL(path.join(root, 'profile')).href;

/**
 * LibreOffice's single-office pipe for a profile: a socket in /tmp (/var/tmp where /tmp cannot be
 * written), wherever TMPDIR points (sal/osl/unx/pipe.cxx), named OSL_PIPE_<uid>_SingleOfficeIPC_<hash>:
 * the MD5 of the profile's URL in UTF-16, each byte in hex without its leading 0
 * (desktop/source/app/officeipcthread.cxx). The uid is the one LibreOffice sees: 0 in the user namespace
 * of `unshare -r` (run.ts). LibreOffice removes its pipe as it ends, a killed one cannot: so it is
 * removed here once the run is over, or by the next run for a killed one. The profile's folder is
 * new with every run, so the pipe is that run's alone; only a socket of this user is removed.
 */
function officePipes(profileUrl: string): string[] {
  const digest = createHash('md5').update(Buffer.from(profileUrl, 'utf16le')).digest();
  const hash = [...digest].map((byte) => byte.toString(16)).join('');
  const uids = [...new Set([0, process.getuid?.() ?? 0])];
  return ['/tmp', '/var/tmp'].flatMap((dir) => uids.map((uid) => path.join(dir, `OSL_PIPE_${uid}_SingleOfficeIPC_${hash}`)));
}

function removePipe(profileUrl: string): void {
  for (const pipe of officePipes(profileUrl)) {
    try {
      const stat = lstatSync(pipe);
      if (stat.isSocket() && stat.uid === process.getuid?.()) rmSync(pipe);
    } catch {
      // none there, or not ours to remove
    }
  }
}
