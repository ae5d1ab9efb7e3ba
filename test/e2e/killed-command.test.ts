import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { agenda, cliEnv, cliPath, copyOfMeetings } from '../support/cli.js';
import { commandLine, descendantsOf, processState, signalQuietly } from '../support/processes.js';
import { namespaceMark, newShortFolder } from '../support/temporary.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The processes, anywhere on the machine, of one run: those whose environment holds the run's own
 * TMPDIR, or a folder in it (the browser's is its profile, made there). Once the command is killed its
 * browser is nobody's child, so it is found by this and not by its parent.
 */
function processesOfRun(tmp: string): number[] {
  const marks = [`TMPDIR=${tmp}\0`, `TMPDIR=${tmp}/`];
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      try {
        const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
        return marks.some((mark) => environ.includes(mark)) && processState(pid) !== 'Z';
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

/** What of the run still runs once its processes had a few seconds to notice the command is gone. */
async function leftAfterKill(tmp: string): Promise<string[]> {
  let left = processesOfRun(tmp);
  for (let tries = 0; tries < 50 && left.length > 0; tries++) {
    await sleep(100);
    left = processesOfRun(tmp);
  }
  const lines = left.map((pid) => `${pid} ${commandLine(pid).split('\0').slice(0, 2).join(' ')}`);
  for (const pid of left) signalQuietly(pid, 'SIGKILL'); // so a failure leaves nothing behind either
  return lines;
}

const made: string[] = [];
afterEach(() => {
  for (const tmp of made.splice(0)) rmSync(tmp, { recursive: true, force: true });
});

/**
 * One run's folders: a copy of the example meetings folder to build in, and a temporary folder of its own, of a
 * path short enough for the browser's profile to be made in it (in a longer one the tool makes it in /tmp, where
 * processesOfRun would not see the browser by its TMPDIR).
 */
function newRun(): { dir: string; tmp: string } {
  const tmp = newShortFolder();
  made.push(tmp);
  return { dir: copyOfMeetings().dir, tmp };
}

/** What a run left in its temporary folder (but the suite's own mark of the folder). */
const leftIn = (tmp: string) => readdirSync(tmp).filter((name) => name !== namespaceMark);

/**
 * The browser's own process among those `root` started (not its launcher script, zygotes or renderers), once it runs.
 * The command makes the browser's profile in `tmp` just before it starts the browser: until then (the command loading,
 * a second or more) the cheap look at `tmp` is made every 5 ms, not the read of every process of the machine.
 */
async function browserOf(root: ChildProcess, tmp: string): Promise<number | undefined> {
  const isBrowser = (pid: number) => commandLine(pid).startsWith('/usr/lib/chromium/chromium\0') && !commandLine(pid).includes('--type=');
  while (root.exitCode === null && !leftIn(tmp).some((name) => name.startsWith('agenda-chromium-'))) await sleep(5);
  const started = descendantsOf(root.pid ?? -1);
  let found: number | undefined;
  while (root.exitCode === null && (found = started().find(isBrowser)) === undefined) await sleep(5);
  return found;
}

/**
 * `agenda build 2023-11-22 --samlet` killed with SIGKILL at `when`: ms after its start, once its
 * browser runs, or once its browser runs and hangs (stopped, SIGSTOP: it reads nothing, its pipe's end
 * included, as a browser busy or stuck does not).
 */
async function killedBuild(when: number | 'browser' | 'hung browser', { dir, tmp } = newRun()): Promise<string[]> {
  const env = cliEnv({ env: { TMPDIR: tmp }, ownBrowser: true });
  const child = spawn(process.execPath, [cliPath, 'build', '2023-11-22', '--samlet'], { cwd: dir, env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (typeof when === 'number') await sleep(when);
  else {
    const browser = await browserOf(child, tmp);
    expect(browser).toBeDefined();
    if (when === 'hung browser' && browser !== undefined) process.kill(browser, 'SIGSTOP');
  }
  child.kill('SIGKILL');
  await exited;
  return (await leftAfterKill(tmp)).map((line) => `killed at ${when}: ${line}`);
}

describe('a command killed with SIGKILL leaves no browser behind', () => {
  it('build --samlet, killed at each tenth of its first second and as its browser starts', async () => {
    const left: string[] = [];
    for (const when of [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 'browser', 'browser', 'browser'] as const) {
      left.push(...(await killedBuild(when)));
    }
    expect(left).toEqual([]);
  });

  it('build --samlet, killed while its browser hangs', async () => {
    expect(await killedBuild('hung browser')).toEqual([]);
  });

  it('the next run removes the browser profile a killed run could not, and leaves nothing in the temporary folder', async () => {
    const run = newRun();
    expect(await killedBuild('browser', run)).toEqual([]);
    expect(leftIn(run.tmp)).toEqual([expect.stringMatching(/^agenda-chromium-/)]);
    const next = agenda(['build', '2023-11-22', '--out', 'a.pdf'], { cwd: run.dir, env: { TMPDIR: run.tmp }, ownBrowser: true });
    expect(next.status, next.stderr).toBe(0);
    expect(leftIn(run.tmp)).toEqual([]);
  });
});
