import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { offlinePrefix, runLimited } from '../../src/pdf/office/run.js';
import { packageRoot } from '../../src/shared/paths.js';

/** The processes whose command line holds `text` (a number no other process uses). */
function running(text: string): string[] {
  return readdirSync('/proc').filter((n) => {
    try {
      return /^\d+$/.test(n) && readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });
}

async function gone(text: string): Promise<boolean> {
  for (let i = 0; i < 100 && running(text).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return running(text).length === 0;
}

const limits = { timeoutMs: 20_000, memoryBytes: 512 * 1024 ** 2, fileBytes: 1024 ** 2 };
const home = () => mkdtempSync(path.join(tmpdir(), 'agenda-office-run-'));

describe.skipIf(process.platform !== 'linux')('how LibreOffice is run (office/run.ts)', () => {
  it('within the limits of memory, CPU time and file size', async () => {
    const ended = await runLimited('/bin/sh', ['-c', 'echo "v=$(ulimit -v) t=$(ulimit -t) f=$(ulimit -f)"'], home(), limits);
    expect(ended).toMatchObject({ by: 'exit', code: 0 });
    expect(ended.said).toContain('v=524288 t=25 f=2048');
  });

  it('hears all the program said, though Node may tell its exit first (a version read as none under load)', async () => {
    const dir = home();
    const runs = await Promise.all(Array.from({ length: 30 }, () => runLimited('/bin/echo', ['LibreOffice 7.4.7.2'], dir, limits)));
    expect(runs.map((ended) => ended.said)).toEqual(runs.map(() => 'LibreOffice 7.4.7.2\n'));
  });

  it('in a home of its own and an environment without the secrets of this one', async () => {
    process.env.AGENDA_SMTP_PASSWORD = 'XQZSECRETPASSWORD';
    const dir = home();
    try {
      const ended = await runLimited('/bin/sh', ['-c', 'env'], dir, limits);
      expect(ended.said).toContain(`HOME=${dir}\n`);
      expect(ended.said).not.toContain('XQZSECRETPASSWORD');
    } finally {
      delete process.env.AGENDA_SMTP_PASSWORD;
    }
  });

  it.skipIf(offlinePrefix().length === 0)('offline: in a network namespace with a loopback device only', async () => {
    const ended = await runLimited('/bin/sh', ['-c', 'cat /proc/net/dev'], home(), limits);
    const devices = [...ended.said.matchAll(/^\s*([\w.-]+):/gm)].map((m) => m[1]);
    expect(devices).toEqual(['lo']);
  });

  it('ends the whole process group on timeout, children and grandchildren', async () => {
    const ended = await runLimited('/bin/sh', ['-c', '(sleep 3141.5 &) ; sleep 3141.5'], home(), { ...limits, timeoutMs: 500 });
    expect(ended.by).toBe('timeout');
    expect(running('3141.5')).toEqual([]);
  });

  it('ends the whole process group on abort', async () => {
    const controller = new AbortController();
    const ending = runLimited('/bin/sh', ['-c', 'sleep 2718.5 & sleep 2718.5'], home(), { ...limits, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect((await ending).by).toBe('abort');
    expect(running('2718.5')).toEqual([]);
  });

  it('ends the whole process group when this process is killed (SIGKILL), by the guard', async () => {
    const run = pathToFileURL(path.join(packageRoot, 'dist/src/pdf/office/run.js')).href;
    const script = `import { runLimited } from ${JSON.stringify(run)}; runLimited('/bin/sh', ['-c', 'sleep 1414.5 & sleep 1414.5'], ${JSON.stringify(home())}, ${JSON.stringify(limits)}); setTimeout(() => console.log('started'), 500);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(running('1414.5').length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await gone('1414.5')).toBe(true);
  });
});
