// npm run bench: how long a build takes, as medians of several runs. A benchmark, not a test: it
// prints figures and asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { printMeeting, readMeeting } from '../src/build.js';
import { findBrowser, withBrowser } from '../src/pdf/browser.js';
import { packageRoot } from '../src/paths.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const meetings = path.join(packageRoot, 'meetings');
const dates = ['2023-11-22', '2023-09-06'];
const cli = path.join(packageRoot, 'dist', 'src', 'cli.js');
const out = mkdtempSync(path.join(tmpdir(), 'agenda-bench-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timed(task: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times;
}

/** A user's command: process start, browser launch, two prints, PDF on disk. */
const cold = await timed(() => {
  const r = spawnSync(process.execPath, [cli, 'build', dates[0]!, '--meetings', meetings, '--out', path.join(out, 'cold.pdf')]);
  if (r.status !== 0) throw new Error(`agenda build failed: ${r.stderr.toString()}`);
});

/** Both reference meetings in one process on one browser, launch included. */
const both = await timed(() =>
  withBrowser(findBrowser(), 60_000, async (browser) => {
    for (const date of dates) await printMeeting(browser, (await readMeeting(meetings, date)).meeting, { timeoutMs: 60_000 });
  }),
);

const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`agenda bench, median of ${runs} runs`);
console.log(`one meeting cold, process start to PDF on disk: ${ms(cold)}`);
console.log(`both reference meetings, one process, one browser: ${ms(both)}`);
rmSync(out, { recursive: true, force: true });
