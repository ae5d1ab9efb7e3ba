import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { treeMemory } from './memory.js';

/** Runs a command in `cwd` to its end; its time, and with `sample` the peak memory of it and all it started (sampling costs time). */
export function run(args: string[], cwd: string, sample = false): Promise<{ ms: number; peakMb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const sampler = sample ? setInterval(() => (peak = Math.max(peak, treeMemory(child.pid!))), 100) : undefined;
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve({ ms: performance.now() - start, peakMb: peak / 1024, stderr });
    });
  });
}
