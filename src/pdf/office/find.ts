import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EnvironmentError } from '../../shared/errors.js';
import { cachedJson, readCacheEntry, writeToCache } from '../../shared/files.js';
import { userCacheDir } from '../../shared/paths.js';
import { executable } from '../browser.js';
import { newWorkspace, removeWorkspace } from './profile.js';
import { runLimited } from './run.js';

/** A LibreOffice this machine can convert with, and its version (part of every cache key). */
export interface OfficeConverter {
  program: string;
  version: string;
}

export const howToGetLibreOffice =
  'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui), or set AGENDA_LIBREOFFICE to its soffice';

/** Where LibreOffice usually lives, after PATH. */
function usualPlaces(): string[] {
  const opt = (() => {
    try {
      return readdirSync('/opt')
        .filter((name) => name.startsWith('libreoffice'))
        .sort()
        .reverse()
        .map((name) => `/opt/${name}/program/soffice`);
    } catch {
      return [];
    }
  })();
  return ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', ...opt, '/Applications/LibreOffice.app/Contents/MacOS/soffice'];
}

function onPath(env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return ['soffice', 'libreoffice'].flatMap((name) => dirs.map((dir) => path.join(dir, name)));
}

const found = new Map<string, Promise<OfficeConverter | undefined>>();

/**
 * LibreOffice, found as the browser is found: a path the clerk named (a flag), AGENDA_LIBREOFFICE,
 * then PATH and the usual places. A program named explicitly that is not there is an error saying
 * so; none found is undefined (PDF, PNG and JPEG attachments need none). One found that does not
 * tell its version is an error naming it: "none found" would send the clerk to install what is there.
 */
export async function findOfficeConverter(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<OfficeConverter | undefined> {
  const named = explicit
    ? { path: explicit, by: '--libreoffice' }
    : env.AGENDA_LIBREOFFICE
      ? { path: env.AGENDA_LIBREOFFICE, by: 'AGENDA_LIBREOFFICE' }
      : undefined;
  if (named) {
    if (!existsSync(named.path))
      throw new EnvironmentError(`no LibreOffice at ${named.path} (named by ${named.by}); ${howToGetLibreOffice}`);
    if (!executable(named.path))
      throw new EnvironmentError(`${named.path} (named by ${named.by}) is not a program that can be run; ${howToGetLibreOffice}`);
  }
  const program = named?.path ?? [...onPath(env), ...usualPlaces()].find(executable);
  if (!program) return undefined;
  // By the file as it is now, not its path alone: a process that outlives an upgrade (preview, a program using the
  // library) asks the new one its version, which names the conversions in the cache.
  const { ino, size, mtimeMs } = statSync(program);
  const key = JSON.stringify([program, ino, size, mtimeMs]);
  let asked = found.get(key);
  if (!asked) {
    asked = knownVersion(program, key, env).then((version) => (version ? { program, version } : undefined));
    found.set(key, asked);
  }
  const converter = await asked;
  if (converter) return converter;
  throw new EnvironmentError(
    named
      ? `${named.path} (named by ${named.by}) did not say its version as LibreOffice does; ${howToGetLibreOffice}`
      : `found ${program}, but it did not tell its version as LibreOffice does; ${howToGetLibreOffice}`,
  );
}

const versionSchema = z.object({ version: z.string().regex(/^LibreOffice\s+\d/) });

/**
 * The file an upgrade of LibreOffice replaces: soffice.bin beside the program's real path (Debian's /usr/bin/soffice
 * links to /usr/lib/libreoffice/program/soffice, a script beside it); or, where the real path is the program of a
 * macOS bundle (LibreOffice.app/Contents/MacOS/soffice, itself the binary: no soffice.bin), the bundle's Info.plist,
 * which names its version (an upgrade replaces the bundle whole, the program with it). A program with neither (a
 * wrapper script, snap's /snap/bin/libreoffice, a link to the same multiplexer whatever version it runs) is asked each
 * time: its own file does not change with the LibreOffice it runs.
 */
function installedBinary(program: string): { binary: string; stats: Stats } | undefined {
  try {
    const folder = path.dirname(realpathSync(program));
    const contents = path.dirname(folder);
    const bundled = path.basename(folder) === 'MacOS' && path.basename(contents) === 'Contents' && path.dirname(contents).endsWith('.app');
    const binary = bundled ? path.join(contents, 'Info.plist') : path.join(folder, 'soffice.bin');
    const stats = statSync(binary);
    return stats.isFile() ? { binary, stats } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version of `program` as `key` names its file (path, inode, size, time): as it told it before, kept in the user's
 * cache (userCacheDir) beside the conversions it names, else asked of it. Asking starts LibreOffice (some 0.1 s of
 * CPU and a second of waiting), which every command that reads an office attachment did, even where every
 * conversion was in the cache already (a republish). An upgrade writes a new soffice.bin (another inode, size or
 * time), so it is asked again; a program that does not tell a version is not kept.
 */
async function knownVersion(program: string, key: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const installed = installedBinary(program);
  if (!installed) return versionOf(program);
  const { ino, size, mtimeMs } = installed.stats;
  const named = JSON.stringify([key, installed.binary, ino, size, mtimeMs]);
  const file = path.join(userCacheDir('libreoffice', env), `${createHash('sha256').update(named).digest('hex')}.json`);
  const kept = cachedJson(versionSchema, await readCacheEntry(file))?.version;
  if (kept) return kept;
  const version = await versionOf(program);
  if (version) await writeToCache(file, JSON.stringify({ version }));
  return version;
}

/**
 * "LibreOffice 7.4.7.2 40(Build:2)", asked of the program itself as a conversion runs it (runLimited:
 * its own process group, limits, offline, nothing of it left after) in a workspace of its own, named
 * as a conversion's is, so the next run removes it where this one was killed (it writes a profile even for this).
 */
async function versionOf(program: string): Promise<string | undefined> {
  const space = newWorkspace('');
  try {
    const limits = { timeoutMs: 30_000, memoryBytes: 4 * 1024 ** 3, fileBytes: 1024 ** 3 };
    const ended = await runLimited(program, [`-env:UserInstallation=${space.profileUrl}`, '--version'], space.root, limits);
    const line = ended.said.split('\n').find((l) => /^LibreOffice\s+\d/.test(l.trim()));
    return ended.by === 'exit' && ended.code === 0 && line ? line.trim() : undefined;
  } finally {
    removeWorkspace(space);
  }
}
