import { existsSync } from 'node:fs';
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
