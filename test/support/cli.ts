import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { browserUrlVariable } from '../../src/pdf/connect.js';
import { packageRoot } from '../../src/shared/paths.js';
import { exampleRoot } from './examples.js';

/** The command as installed: package.json's `bin` (the bundle `npm run build` makes), relative to the package. */
export const binPath = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { bin: { agenda: string } }).bin.agenda;
export const cliPath = path.join(packageRoot, binPath);
/** The built command line the bin runs (its `main`), as the warm runs load it: dist/bin/main.js's URL. */
export const mainUrl = pathToFileURL(path.join(packageRoot, 'dist', 'bin', 'main.js')).href;

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
  /** A process of its own, gone when the run ends: for the tests of what a run leaves for a later one (its temporaries, stale once it is gone). */
  ownProcess?: boolean;
}

/** The environment of a CLI run: the tests', with `env` over it, without the shared browser's address for `ownBrowser`. */
export function cliEnv({ env, ownBrowser }: CliOptions = {}): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...env };
  if (ownBrowser) delete merged[browserUrlVariable];
  return merged;
}

/** Runs the built CLI as a user would, in `cwd`: in the suite's warm worker, or a process of its own where that differs. */
export function agenda(args: string[], opts: CliOptions = {}): CliResult {
  return needsProcess(args, opts) ? agendaProcess(args, opts) : agendaInWorker(args, opts);
}

/**
 * What a worker thread of this process cannot be: another time zone (a thread's TZ changes no clock: V8 reads the
 * zone once per process), a browser of the command's own (ownBrowser, --browser), started and guarded by its
 * process, or another HOME (os.homedir() reads the process's). AGENDA_TEST_PROCESSES=1: every run a process, as
 * before. A test of the process itself spawns it (cliPath).
 */
function needsProcess(args: string[], opts: CliOptions): boolean {
  const zone = opts.env && 'TZ' in opts.env ? opts.env.TZ : process.env.TZ;
  const ownBrowser = opts.ownBrowser || args.includes('--browser');
  // os.homedir() reads the process's own HOME, not a thread's process.env: a run given its HOME is a process.
  const home = opts.env && 'HOME' in opts.env && opts.env.HOME !== process.env.HOME;
  return ownBrowser || opts.ownProcess === true || Boolean(home) || zone !== process.env.TZ || process.env.AGENDA_TEST_PROCESSES === '1';
}

function agendaProcess(args: string[], opts: CliOptions): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? exampleRoot(),
    env: cliEnv(opts),
    encoding: 'utf8',
    timeout: runLimitMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const runLimitMs = 120_000;

/** The warm CLI: a worker thread (cli-worker.mjs) with the built command line loaded, and what it answers on. */
interface WarmCli {
  worker: Worker;
  port: MessagePort;
  /** [0]: 1 once the worker has put a run's result on the port; [1]: 1 once it has ended (cli-worker.mjs). */
  done: Int32Array;
}

/** Kept on the process, not this module: a file that loads the support anew (vitest's isolation) finds the same worker. */
const warmKey = Symbol.for('agenda.test.warmCli');
const holder = globalThis as { [warmKey]?: WarmCli };

function warmCli(): WarmCli {
  const running = holder[warmKey];
  // Ended (process.exit, a crash) while this thread was blocked or busy, before its exit event could come.
  if (running && Atomics.load(running.done, 1) === 0) return running;
  const done = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./cli-worker.mjs', import.meta.url), {
    workerData: { done, port: port2, main: mainUrl },
    transferList: [port2],
    // As a process run by spawnSync: its output is the run's result, no input.
    stdout: true,
    stderr: true,
    stdin: false,
  });
  // A command that ended the worker (process.exit, a crash) leaves the next run a new one.
  worker.on('exit', () => {
    if (holder[warmKey]?.worker === worker) delete holder[warmKey];
  });
  worker.unref();
  port1.unref();
  return (holder[warmKey] = { worker, port: port1, done });
}

/**
 * One run in the warm worker, this thread blocked until it ends (so the test stays synchronous): in `cwd`, which
 * the worker shares with this thread (a worker cannot change it), with the run's environment in the worker's own.
 */
function agendaInWorker(args: string[], opts: CliOptions): CliResult {
  const cli = warmCli();
  const here = process.cwd();
  process.chdir(opts.cwd ?? exampleRoot());
  try {
    Atomics.store(cli.done, 0, 0);
    cli.port.postMessage({ args, env: cliEnv(opts) });
    const waited = Atomics.wait(cli.done, 0, 0, runLimitMs);
    const answer = receiveMessageOnPort(cli.port)?.message as CliResult | undefined;
    if (waited === 'timed-out' || !answer) {
      delete holder[warmKey];
      void cli.worker.terminate();
      return { status: null, stdout: '', stderr: `agenda ${args.join(' ')}: no answer from the test worker in ${runLimitMs} ms\n` };
    }
    return answer;
  } finally {
    process.chdir(here);
  }
}

/** The lines of stderr that are not warnings. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l && !/^[^:]+:\d+:\d+: warning: /.test(l));
}

export function tempDir(prefix = 'agenda-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A scratch copy of the example meetings folder (in `dir`, a new one unless given), to break or extend in a test. */
export function copyOfMeetings(dir = tempDir()): { dir: string; meetings: string } {
  const meetings = path.join(dir, 'meetings');
  cpSync(path.join(exampleRoot(), 'meetings'), meetings, { recursive: true });
  return { dir, meetings };
}

/**
 * copyOfMeetings() with the one meeting of `date` (the other's file and attachment files left out), for a story about
 * that meeting whose publications would print and index the other for nothing.
 */
export function copyOfOneMeeting(date: '2023-09-06' | '2023-11-22', dir = tempDir()): { dir: string; meetings: string } {
  const copy = copyOfMeetings(dir);
  const other = date === '2023-09-06' ? '2023-11-22' : '2023-09-06';
  rmSync(path.join(copy.meetings, `${other}.yaml`));
  rmSync(path.join(copy.meetings, 'bilag', other), { recursive: true });
  return copy;
}

/**
 * Runs the built CLI without blocking this process, for tests that serve it something (a mail server) meanwhile: in
 * a warm process (cli-process.mjs), or a process of its own where a new one differs (needsProcess).
 */
export function agendaAsync(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return needsProcess(args, opts) ? agendaProcessAsync(args, opts) : agendaInWarmProcess(args, opts);
}

function agendaProcessAsync(args: string[], opts: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? exampleRoot(), env: cliEnv(opts) });
    const output = outputOf(child);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, ...output }));
  });
}

/** What a child process writes on its stdout and stderr, as it comes. */
function outputOf(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output.stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output.stderr += d));
  return output;
}

/** The warm processes not running a command; kept on the process, as the warm worker is. */
const idleKey = Symbol.for('agenda.test.warmProcesses');
const idleHolder = globalThis as { [idleKey]?: ChildProcess[] };

/**
 * One run in a warm process: an idle one, or a new one (two runs at once are two processes). It answers with the
 * run's result on its IPC channel and waits for the next; a command that ends it (process.exit, a crash) leaves
 * its output on its pipes and its exit code, as a process of its own would.
 */
function agendaInWarmProcess(args: string[], opts: CliOptions): Promise<CliResult> {
  const idle = (idleHolder[idleKey] ??= []);
  const child = idle.pop() ?? startWarmProcess();
  const output = outputOf(child);
  return new Promise((resolve, reject) => {
    const ended = (status: number | null) => resolve({ status, ...output });
    const answered = (result: CliResult | { refused: string }) => {
      child.off('close', ended).off('error', reject);
      child.stdout?.removeAllListeners('data');
      child.stderr?.removeAllListeners('data');
      idle.push(child);
      if ('refused' in result) reject(new Error(`agenda ${args.join(' ')}: ${result.refused}`));
      else resolve(result);
    };
    child.once('message', answered).once('close', ended).once('error', reject);
    child.send({ args, env: cliEnv(opts), cwd: opts.cwd ?? exampleRoot() });
  });
}

function startWarmProcess(): ChildProcess {
  // As `node dist/bin/cli.js`: none of vitest's node flags.
  const child = fork(new URL('./cli-process.mjs', import.meta.url), [mainUrl], {
    execArgv: [],
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Between runs it keeps nothing of the tests alive; it ends when this process does (its channel closes).
  child.unref();
  child.channel?.unref();
  // Ended between runs (a timer of the last command called process.exit): not to be given the next.
  child.once('exit', () => {
    const idle = idleHolder[idleKey] ?? [];
    if (idle.includes(child)) idle.splice(idle.indexOf(child), 1);
  });
  return child;
}
