import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { tempDir } from '../support/cli.js';

// In a process of its own: a signal ends it. The work signals its own process half-way, as a Ctrl-C during
// publish's renames would, and writes its last file 200 ms later.
const script = (finished: string, signals: number) => `
const { uninterrupted } = await import(${JSON.stringify(pathToFileURL(path.join(packageRoot, 'dist/src/shared/ending-signals.js')).href)});
await uninterrupted(async () => {
  for (let i = 0; i < ${signals}; i++) process.kill(process.pid, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 200));
  (await import('node:fs')).writeFileSync(${JSON.stringify(finished)}, '');
});
await new Promise((resolve) => setTimeout(resolve, 5000));
`;

const run = (finished: string, signals: number) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', script(finished, signals)], { encoding: 'utf8', timeout: 20_000 });

// A signal came while another undo runs (the browser's drop, up to a second); the work then asked to run
// is not begun: the end, which waits only for the undos it found, would cut it half-way.
const late = (begun: string) => `
const { onEndingSignal, uninterrupted } = await import(${JSON.stringify(pathToFileURL(path.join(packageRoot, 'dist/src/shared/ending-signals.js')).href)});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
onEndingSignal(() => sleep(300));
process.kill(process.pid, 'SIGTERM');
await sleep(50);
await uninterrupted(async () => {
  (await import('node:fs')).writeFileSync(${JSON.stringify(begun)}, '');
  await sleep(600);
});
`;

describe('work that a signal may not stop half-way', () => {
  it('ends before the process does, which then ends as at Ctrl-C', () => {
    const finished = path.join(tempDir(), 'finished');
    const ran = run(finished, 1);
    expect(ran.status).toBe(130);
    expect(existsSync(finished)).toBe(true);
  });

  it('a second signal ends the process at once', () => {
    const finished = path.join(tempDir(), 'finished');
    const ran = run(finished, 2);
    expect(ran.status).toBe(130);
    expect(existsSync(finished)).toBe(false);
  });

  it('is not begun once a signal has come: the process ends as the signal says', () => {
    const begun = path.join(tempDir(), 'begun');
    const ran = spawnSync(process.execPath, ['--input-type=module', '-e', late(begun)], { encoding: 'utf8', timeout: 20_000 });
    expect(ran.status).toBe(143);
    expect(existsSync(begun)).toBe(false);
  });
});
