import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder, found from this file whether it runs from src/ (tests) or dist/src/ (the CLI). */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('agenda: cannot find its own package.json');
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
export const templatesDir = path.join(packageRoot, 'templates');

/**
 * A folder of agenda's in the user's cache ($XDG_CACHE_HOME, else ~/.cache), never the repository or
 * the site: what is kept there (a closed attachment's PDF, a site's records of closed cases) can then
 * neither be committed nor published with the repository's files or the site.
 */
export function userCacheDir(part: string, env: NodeJS.ProcessEnv = process.env): string {
  // A relative $XDG_CACHE_HOME is to be ignored (the XDG Base Directory spec): it would be under the working folder, the repository.
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache'), 'agenda', part);
}

/**
 * The user's cache root a file of userCacheDir is in (`<root>/agenda/<part>/<file>`): the folder above its
 * `agenda` folder; the file's own folder where it is not so placed.
 */
export function cacheRootOf(file: string): string {
  const folder = path.dirname(file);
  const agenda = path.dirname(folder);
  return path.basename(agenda) === 'agenda' ? path.dirname(agenda) : folder;
}

/**
 * The file of `part` of the user's cache (userCacheDir) that holds what agenda keeps of the folder
 * `folder` (a site, an out folder): named by the SHA-256 of its real path, so each folder has its own.
 */
export async function cacheFileOf(part: string, folder: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return path.join(
    userCacheDir(part, env),
    `${createHash('sha256')
      .update(await realFolder(folder))
      .digest('hex')}.json`,
  );
}

/** A folder's real path (links resolved), or its absolute path where it cannot be resolved (gone, not reachable). */
export const realFolder = (folder: string) => realpath(folder).catch(() => path.resolve(folder));

let build: string | undefined;

/**
 * This build of agenda's code, as a SHA-256 of the names and sizes of the files in the folder above
 * this module's (dist/, or src/ where the tests run it): the bundle's chunks are named by the hash of
 * their content and of the chunks they import, so another build has another. What the user's cache
 * keeps of a reading by the code itself, not only by the package's version (the republish's records,
 * whose shape is the code's), is void for another build.
 */
export function codeBuild(): string {
  if (build !== undefined) return build;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${statSync(path.join(root, file)).size}\0`);
  return (build = hash.digest('hex'));
}
