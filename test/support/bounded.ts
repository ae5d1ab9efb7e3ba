import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath, mainUrl, tempDir } from './cli.js';

/** A command whose end is under test: its arguments and the folder it runs in. */
export interface BoundedCase {
  cwd: string;
  args: string[];
}

/** How a bounded command ended: a signal where it was killed for taking longer than it may. */
export interface Ended {
  status: number | null;
  signal: string | null;
  stderr: string;
}

/** The environment the commands run in, and how long one may take (ms), alone or in a batch. */
export interface Bounds {
  env: NodeJS.ProcessEnv;
  limit: number;
}

/**
 * Commands whose proof is that each ends by itself (a special file, a FIFO, a link must not hold one): in one process
 * one after another (cli-batch.mjs, the command loaded once, not once a case, which was most of a case's CPU), or,
 * with AGENDA_TEST_PROCESSES=1, each in a process of its own (test/support/cli.ts).
 */
export function runBoundedCases(cases: BoundedCase[], bounds: Bounds): Promise<Ended[]> {
  return process.env.AGENDA_TEST_PROCESSES === '1' ? runEachAlone(cases, bounds) : runTogether(cases, bounds);
}

/** A process of its own for a case, killed if it has not ended within the limit. */
function runBounded({ args, cwd }: BoundedCase, { env, limit }: Bounds): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env,
      timeout: limit,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

/** Each case in a process of its own, one after another. */
async function runEachAlone(cases: BoundedCase[], bounds: Bounds): Promise<Ended[]> {
  const ended: Ended[] = [];
  for (const c of cases) ended.push(await runBounded(c, bounds));
  return ended;
}

/**
 * The cases one after another in one process. It ends by itself only when no case left anything open, as each case's
 * own process would; where it does not (within a minute), or a case ended it (process.exit, a crash) or took longer
 * than a case may, each case runs alone in a process of its own (runBounded), which names the one that hangs (on the
 * copy as the batch left it: read, not repaired).
 */
function runTogether(cases: BoundedCase[], bounds: Bounds): Promise<Ended[]> {
  const dir = tempDir('agenda-batch-');
  const [casesFile, resultsFile] = [path.join(dir, 'cases.json'), path.join(dir, 'results.json')];
  writeFileSync(casesFile, JSON.stringify(cases.map(({ args, cwd }) => ({ args, cwd, env: bounds.env }))));
  return new Promise((resolve) => {
    const batch = new URL('./cli-batch.mjs', import.meta.url);
    const child = spawn(process.execPath, [fileURLToPath(batch), mainUrl, casesFile, resultsFile, String(bounds.limit)], {
      env: bounds.env,
      // Some seconds in all where nothing hangs; beyond that, each case alone says which does.
      timeout: 60_000,
      killSignal: 'SIGKILL',
      stdio: 'ignore',
    });
    child.on('close', (status, signal) => {
      const results =
        status === 0 && signal === null && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Ended[]) : [];
      if (results.length === cases.length) resolve(results.map(({ status, stderr }) => ({ status, signal: null, stderr })));
      else void runEachAlone(cases, bounds).then(resolve);
    });
  });
}
