import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliPath, tempDir } from '../support/cli.js';
import { commandLine, descendants, processState, signalQuietly } from '../support/processes.js';
import { exampleRoot } from '../support/examples.js';

describe('a renderer stopped with SIGSTOP', () => {
  it('does not hang the CLI, and no process the browser started is left', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'build',
        '2023-11-22',
        '--meetings',
        path.join(exampleRoot(), 'meetings'),
        '--timeout',
        '5',
        '--out',
        path.join(dir, 'x.pdf'),
      ],
      { stdio: 'ignore', env: cliEnv({ ownBrowser: true }) },
    );
    const started = Date.now();
    const stopped: number[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Every renderer of this CLI's browser, as soon as there is one.
    while (stopped.length === 0 && child.exitCode === null && Date.now() - started < 30_000) {
      for (const pid of descendants(child.pid!).filter((p) => commandLine(p).includes('--type=renderer'))) {
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(stopped.length).toBeGreaterThan(0);
    const limit = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await exited;
    clearTimeout(limit);
    expect(Date.now() - started).toBeLessThan(30_000);
    await new Promise((r) => setTimeout(r, 300));
    // Z: killed, waiting only for the container's init to reap it.
    const left = stopped.filter((pid) => processState(pid) !== undefined && processState(pid) !== 'Z');
    for (const pid of left) signalQuietly(pid, 'SIGKILL');
    expect(left).toEqual([]);
  });
});
