import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { browserUrlVariable, startBrowserService } from './support/browser-service.js';
import { sharedOutputsVariable } from './support/shared-build.js';
import { newRunFolder } from './support/temporary.js';

/**
 * The end-to-end tests run the CLI as users do, from dist/: build it as `npm ci` does before they start,
 * unless dist/ is newer than everything it is built from (CI's `npm ci` has just built it, and a build
 * is some 12 s of CPU); an edit of any of those makes it run again. The tests' type-check is a test
 * (test/unit/lint.test.ts, on the program the linter reads its types from), which runs beside the others.
 *
 * It gives the run a temporary folder of its own (test/support/temporary.ts) and points TMPDIR at it, which
 * the workers and every process they start inherit, so whatever a test or a command leaves in the temporary
 * folder goes with it at the end; a run killed leaves that one folder, which the next run's setup removes
 * (its process gone). In it the folder of the outputs the test files share (test/support/shared-build.ts),
 * which the workers inherit by its variable, with the commands' cache folder in it (XDG_CACHE_HOME). Each
 * project of vitest.config.ts runs this setup: the first makes the folders, the others find them.
 *
 * And it starts one Chromium for the run, as a service (docs/develop/test-speed.md): every CLI the tests
 * run inherits its address in AGENDA_BROWSER_URL and prints there instead of starting a browser of its
 * own (some 1.1 s of CPU each); a test of the browser's start opts out (test/support/cli.ts, ownBrowser).
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (!distIsFresh()) await run('npm', ['run', '--silent', 'build']);
  if (process.env[sharedOutputsVariable]) return undefined;
  const userTmp = process.env.TMPDIR;
  const runFolder = newRunFolder();
  process.env.TMPDIR = runFolder;
  const shared = path.join(runFolder, 'shared');
  mkdirSync(shared);
  process.env[sharedOutputsVariable] = shared;
  // The caches of the run's commands (LibreOffice's conversions, publish's records of each meeting, which
  // name closed cases) in that folder too, not the user's ~/.cache: shared by the run's files, gone after it.
  const userCache = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = path.join(shared, 'cache');
  // AGENDA_TEST_OWN_BROWSERS=1: a browser per command, as before (to compare, or to look for a fault of the shared one).
  const service = process.env.AGENDA_TEST_OWN_BROWSERS === '1' ? undefined : await startBrowserService();
  if (service) process.env[browserUrlVariable] = service.url;
  return () => {
    service?.stop();
    delete process.env[browserUrlVariable];
    rmSync(runFolder, { recursive: true, force: true });
    delete process.env[sharedOutputsVariable];
    restore('XDG_CACHE_HOME', userCache);
    restore('TMPDIR', userTmp);
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** What `npm run build` reads: its code, templates, scripts, settings and the packages it compiles against. */
const buildInputs = ['src', 'bench', 'templates', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** The build's last act (package.json): there only when a build went to its end. */
const stamp = path.join('dist', '.built');

function distIsFresh(): boolean {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return buildInputs.every((input) => newest(input) < built);
}

/** The latest modification under a path: of a file, or of a folder itself (a deleted file changes its folder). */
function newest(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((latest, name) => Math.max(latest, newest(path.join(file, name))), stat.mtimeMs);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit ${status})`))));
  });
}
