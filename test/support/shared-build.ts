import {
  chmodSync,
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir, type CliResult } from './cli.js';
import { exampleRoot } from './examples.js';

/** The suite's folder of shared outputs, which the global setup makes and removes (test/global-setup.ts). */
export const sharedOutputsVariable = 'TEST_SHARED_OUTPUTS';

export interface SharedOutput {
  /** The output folder: files made read-only, to read, never to change (copy it first). */
  out: string;
  /** The copy of the input it was made from, as `{in}` named it. */
  input: string;
  /** The command's exit, stdout and stderr. */
  run: CliResult;
}

/**
 * What the CLI makes of an input of the repository the tests leave as it is (the example meetings/, eksempel/,
 * a fixture), made once per suite run for every test file that only reads it: the first worker to ask builds
 * it, holding a lock file (O_EXCL); the other waits for it. `args` name the copy of the input `{in}` and the
 * output folder `{out}`; the command runs in `cwd` (`{in}` or `{out}`), else where agenda() runs it. A test of
 * the build itself (its counts, errors, exit, side effects) keeps a build of its own.
 */
export function sharedOutput(source: string, args: string[], { cwd }: { cwd?: '{in}' | '{out}' } = {}): SharedOutput {
  const { base, run } = once([source, args, cwd], (base) => build(source, args, cwd, base));
  return { out: path.join(base, 'out'), input: path.join(base, 'in', path.basename(source)), run };
}

/**
 * `make(base)` run once per suite run for every file that asks with the same key: it makes what it makes in the folder
 * `base` and gives what it has to say (a command's exit, stdout and stderr). The first worker to ask makes it, holding a
 * lock file (O_EXCL); the other waits for it.
 */
function once(key: unknown, make: (base: string) => CliResult): { base: string; run: CliResult } {
  const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  const base = path.join(suiteFolder(), hash.slice(0, 16));
  const done = path.join(base, 'run.json');
  if (tryLock(`${base}.lock`)) {
    let run: CliResult;
    try {
      run = make(base);
    } catch (error) {
      // The waiter is told too, instead of waiting out its time: the same failure, as the command's.
      finish(base, { status: null, stdout: '', stderr: String(error) });
      throw error;
    }
    finish(base, run);
  }
  waitFor(done);
  return { base, run: JSON.parse(readFileSync(done, 'utf8')) as CliResult };
}

/**
 * A folder that tests go on from (change, add to), made by `make` once per suite run for every file that asks with
 * the same key, and a writable copy of it for this caller; `made`: what `make` returned (JSON), for the copy to use.
 */
export function copyOfShared<T>(key: unknown, make: (folder: string) => T): { copy: string; made: T } {
  // null for a make of nothing to say (JSON.stringify(undefined) is no JSON).
  const { base, run } = once(key, (base) => ({ status: 0, stdout: JSON.stringify(make(path.join(base, 'made')) ?? null), stderr: '' }));
  if (run.status !== 0) throw new Error(`the shared folder was not made: ${run.stderr}`);
  const copy = tempDir();
  copyOut(path.join(base, 'made'), copy);
  return { copy, made: JSON.parse(run.stdout) as T };
}

/**
 * The package as `npm pack` makes it of this checkout, once for the suite: its tarball and the files in it, as npm
 * lists them. --ignore-scripts: the files come from the dist/ the global setup has just built (or found newer than all
 * it is built from), without building again; no update check, so npm stays off the network.
 */
export function sharedPackage(): { tarball: string; files: string[] } {
  const { base, run } = once('npm pack', (base) => {
    mkdirSync(base, { recursive: true });
    const stdout = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--no-update-notifier', '--pack-destination', base], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr: '' };
  });
  if (run.status !== 0) throw new Error(`npm pack failed: ${run.stderr}`);
  const [pack] = JSON.parse(run.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(base, pack!.filename), files: pack!.files.map((f) => f.path) };
}

/**
 * A writable copy of a shared output, for a test that goes on from it (publishes again into it, changes it);
 * `preserveTimestamps` where it goes on as from the output itself (publish trusts a file older than its state file).
 */
export function copyOut(shared: string, to: string, { preserveTimestamps = false } = {}): void {
  cpSync(shared, to, { recursive: true, preserveTimestamps });
  for (const entry of readdirSync(to, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) chmodSync(path.join(entry.parentPath, entry.name), 0o644);
  }
}

/**
 * A meeting's PDF of an unchanged input (`agenda build DATE --meetings {in} --out {out}/DATE.pdf ...more`), built
 * once for the suite; `more` may name `{out}` for a file beside it (--html).
 */
export function sharedPdf(source: string, date: string, more: string[] = []): SharedOutput & { pdf: string } {
  const shared = sharedOutput(source, ['build', date, '--meetings', '{in}', '--out', `{out}/${date}.pdf`, ...more]);
  return { ...shared, pdf: path.join(shared.out, `${date}.pdf`) };
}

/**
 * sharedPdf's PDF copied to `to` (its folder made), writable: a first build's bytes, since a PDF names neither its
 * folder nor its file, for a test that goes on from them (a build over it keeps it, or prints over it).
 */
export function copySharedPdf(source: string, date: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(sharedPdf(source, date).pdf, to);
  chmodSync(to, 0o644);
}

/** The example meetings/ published without --url (oparl, site-reflow, site-search read it). */
export const sharedExampleSite = () => sharedOutput('meetings', ['publish', '--meetings', '{in}', '--out', '{out}']);

/** The repository of several committees (eksempel/) published from its root without --url (oparl, site-reflow). */
export const sharedRepositorySite = () => sharedOutput('eksempel', ['publish', '--out', '{out}'], { cwd: '{in}' });

/** The closed content's fixture, as sharedOutput names a source. */
export const fixtureSource = 'fixtures/lukket';

/** The fixture published without --url (publish-own-files goes on from copies of it; atom-feeds reads its feeds). */
export const sharedClosedSite = () => sharedOutput(fixtureSource, ['publish', '--meetings', '{in}', '--out', '{out}']);

/** The fixture's public version, built as the clerk does, to its default name under `{out}` and with its HTML beside. */
export const sharedPublicVersion = () =>
  sharedOutput(fixtureSource, ['build', '2024-03-06', '--meetings', '{in}', '--public', '--html', 'offentlig.html'], { cwd: '{out}' });

function suiteFolder(): string {
  const folder = process.env[sharedOutputsVariable];
  if (!folder)
    throw new Error(`${sharedOutputsVariable} is unset: the global setup (test/global-setup.ts) makes the shared outputs' folder`);
  return folder;
}

function tryLock(file: string): boolean {
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function build(source: string, args: string[], cwd: string | undefined, base: string): CliResult {
  const input = path.join(base, 'in', path.basename(source));
  cpSync(path.join(exampleRoot(), source), input, { recursive: true });
  const out = path.join(base, 'out');
  mkdirSync(out);
  const named = (arg: string) => arg.replaceAll('{in}', input).replaceAll('{out}', out);
  const run = agenda(args.map(named), cwd ? { cwd: named(cwd) } : {});
  readOnly(out);
  return run;
}

/** Written whole, then renamed into place: a waiter that sees run.json sees all of it, and the output before it. */
function finish(base: string, run: CliResult): void {
  mkdirSync(base, { recursive: true });
  writeFileSync(`${base}.run.json`, JSON.stringify(run));
  renameSync(`${base}.run.json`, path.join(base, 'run.json'));
}

function readOnly(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) chmodSync(path.join(entry.parentPath, entry.name), 0o444);
  }
}

/** Waits, blocking this worker (the other one is building), for the builder's last write; as long as agenda() lets a command run. */
function waitFor(file: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !existsSync(file); waited += 200) {
    if (waited > 120_000) throw new Error(`no shared output after 2 minutes: ${file}`);
    Atomics.wait(pause, 0, 0, 200);
  }
}

/**
 * The example's agenda of 2023-11-22 with its attachments (`--samlet`, to `{out}/samlet.pdf`). It has no office
 * file, so it is built naming a LibreOffice that is not there: it shows, too, that PDF, PNG and JPEG need none.
 */
export function sharedCombinedAgenda(): SharedOutput & { pdf: string } {
  const noOffice = ['--libreoffice', '{in}/no-such/soffice'];
  const shared = sharedOutput('meetings', [
    'build',
    '2023-11-22',
    '--meetings',
    '{in}',
    '--samlet',
    '--quiet',
    ...noOffice,
    '--out',
    '{out}/samlet.pdf',
  ]);
  return { ...shared, pdf: path.join(shared.out, 'samlet.pdf') };
}

/**
 * `folder` made a cache of a test's own (for XDG_CACHE_HOME) with the LibreOffice conversions (`agenda/office`, named by
 * what each is made from) the suite (test/global-setup.ts) has made so far, for a test whose subject is what agenda keeps
 * there of a site (its records), not the conversions: an office file converted before in the run is not converted again
 * for each new cache, some 1.1 s of CPU each (the bench's archives have the example's .docx and .xlsx in every minutes).
 * Each entry is a hard link in a folder of the test's own: agenda uses no cache folder that is a link (files.ts, ownCacheFolders).
 */
export function cacheWithSuiteConversions(folder: string): string {
  const suite = process.env.XDG_CACHE_HOME;
  if (!suite) throw new Error("XDG_CACHE_HOME is unset: the global setup (test/global-setup.ts) names the suite's cache");
  const conversions = path.join(suite, 'agenda', 'office');
  const own = path.join(folder, 'agenda', 'office');
  mkdirSync(own, { recursive: true, mode: 0o700 });
  for (const entry of existsSync(conversions) ? readdirSync(conversions) : [])
    if (entry.endsWith('.pdf')) linkSync(path.join(conversions, entry), path.join(own, entry));
  return folder;
}
