import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserUrlVariable } from '../../src/pdf/connect.js';
import { packageRoot } from '../../src/shared/paths.js';

/** The command as installed: package.json's `bin` (the bundle `npm run build` makes), relative to the package. */
export const binPath = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { bin: { agenda: string } }).bin.agenda;
export const cliPath = path.join(packageRoot, binPath);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Starts a browser of its own, as without the suite's shared one (test/global-setup.ts): for the tests of that start. */
  ownBrowser?: boolean;
}

/** The environment of a CLI run: the tests', with `env` over it, without the shared browser's address for `ownBrowser`. */
export function cliEnv({ env, ownBrowser }: CliOptions = {}): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...env };
  if (ownBrowser) delete merged[browserUrlVariable];
  return merged;
}

/** Runs the built CLI as a user would, in `cwd`. */
export function agenda(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? packageRoot,
    env: cliEnv(opts),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of stderr that are not warnings. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l && !/^[^:]+:\d+:\d+: warning: /.test(l));
}

export function tempDir(prefix = 'agenda-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A scratch copy of the example meetings folder, to break or extend in a test. */
export function copyOfMeetings(): { dir: string; meetings: string } {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  cpSync(path.join(packageRoot, 'meetings'), meetings, { recursive: true });
  return { dir, meetings };
}

/** Runs the built CLI without blocking this process, for tests that serve it something (a mail server) meanwhile. */
export function agendaAsync(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? packageRoot, env: cliEnv(opts) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
