import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { treeMemory } from './memory.js';

// GNU time, where there is one, for the processor time of a command and all it started: on a machine
// shared with other work, the time on the clock says more of the others than of the command.
const gnuTime = '/usr/bin/time';
const cpuLine = /^agenda-bench-cpu ([\d.]+) ([\d.]+)\n?$/m;

export interface Ran {
  ms: number;
  /** User and system time of the command and its descendants (Chromium too); undefined without GNU time. */
  cpuMs?: number;
  peakMb: number;
  stderr: string;
}

/** Runs a command in `cwd` (with `env` besides its own) to its end; its time, and with `sample` the peak memory of it and all it started (sampling costs time). */
export function run(args: string[], cwd: string, sample = false, env?: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timed = existsSync(gnuTime);
    const [command, argv] = timed ? [gnuTime, ['-f', 'agenda-bench-cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const sampler = sample
      ? setInterval(() => (peak = Math.max(peak, child.pid === undefined ? 0 : treeMemory(child.pid))), 100)
      : undefined;
    // 'close': /usr/bin/time writes its line just before it exits, which 'exit' may come before.
    child.on('close', (code) => {
      clearInterval(sampler);
      const cpu = cpuLine.exec(stderr);
      const own = stderr.replace(cpuLine, '');
      if (code !== 0) reject(new Error(`${args.join(' ')} failed (${code}): ${own}`));
      else
        resolve({
          ms: performance.now() - start,
          cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined,
          peakMb: peak / 1024,
          stderr: own,
        });
    });
  });
}
