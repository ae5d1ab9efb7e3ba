import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { flatDocument, noSoffice, officePipes as pipesOf, paragraph, sofficeIn } from '../support/office-files.js';

/** A conversion of a text file in a process of its own, from dist/, its temporary folder `tmp`. */
const script = `
const { convertOffice, findOfficeConverter } = await import(process.argv[1]);
const bytes = Buffer.from('Et bilag ' + process.argv[2] + '\\n');
await convertOffice(
  { ref: { path: 'bilag.txt', at: { file: 'm.yaml', line: 1, col: 1, path: 'fil' } }, bytes, sha256: process.argv[2], extension: '.txt' },
  { converter: await findOfficeConverter(), cacheDir: process.argv[3] },
);
`;

/**
 * Runs a conversion with TMPDIR `tmp`, watching its workspaces (agenda-office-<pid>-*) and their pipes as
 * it runs; killed with SIGKILL as soon as a pipe is there if `kill`.
 */
async function conversion(tmp: string, kill: boolean): Promise<{ workspaces: Set<string>; pipesSeen: number; code: number | null }> {
  const convert = path.join(packageRoot, 'dist', 'src', 'pdf', 'office', 'convert.js');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, convert, String(Math.random()), path.join(tmp, 'cache')], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: 'ignore',
  });
  let code: number | null | undefined;
  child.once('exit', (c) => (code = c));
  const workspaces = new Set<string>();
  let pipesSeen = 0;
  while (code === undefined) {
    for (const name of readdirSync(tmp)) if (name.startsWith('agenda-office-')) workspaces.add(path.join(tmp, name));
    const there = [...workspaces].flatMap(pipesOf).filter((p) => existsSync(p)).length;
    pipesSeen = Math.max(pipesSeen, there);
    if (kill && there > 0) child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await officeGone(tmp);
  return { workspaces, pipesSeen, code };
}

/** Waits until no process of a conversion under `tmp` is left (a killed run's guard ends them). */
async function officeGone(tmp: string): Promise<void> {
  const running = () =>
    readdirSync('/proc').some((n) => {
      try {
        return /^\d+$/.test(n) && readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(tmp);
      } catch {
        return false;
      }
    });
  for (let i = 0; i < 200 && running(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(running()).toBe(false);
}

const left = (workspaces: Set<string>) => [...workspaces].flatMap(pipesOf).filter((p) => existsSync(p));

describe.skipIf(noSoffice || process.platform !== 'linux')('LibreOffice leaves nothing in /tmp', () => {
  it('a conversion that ends removes its pipe', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'agenda-office-pipes-'));
    const run = await conversion(tmp, false);
    expect(run.code).toBe(0);
    // The pipe was there while LibreOffice ran (the test looks where it is), and is gone.
    expect(run.pipesSeen).toBeGreaterThan(0);
    expect(left(run.workspaces)).toEqual([]);
    expect(readdirSync(tmp).filter((n) => n.startsWith('agenda-office-'))).toEqual([]);
  }, 120_000);

  it('the pipe of a conversion killed with SIGKILL is removed by the next run', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'agenda-office-pipes-'));
    const killed = await conversion(tmp, true);
    expect(killed.code).toBe(null);
    const litter = left(killed.workspaces);
    expect(litter.length).toBe(1);
    const next = await conversion(tmp, false);
    expect(next.code).toBe(0);
    expect(litter.filter((p) => existsSync(p))).toEqual([]);
    expect(left(next.workspaces)).toEqual([]);
    expect(readdirSync(tmp).filter((n) => n.startsWith('agenda-office-'))).toEqual([]);
    console.log(`LibreOffice's pipes: 1 left by a killed conversion (${path.basename(litter[0] ?? '')}), 0 after the next run`);
  }, 120_000);

  it('nor does the tests’ own LibreOffice (sofficeIn), ended once its file is there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-pipes-'));
    writeFileSync(path.join(dir, 'a.fodt'), flatDocument('text', paragraph('Et bilag.')));
    let seen = false;
    await sofficeIn(dir, ['--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'a.fodt')], () => {
      seen ||= pipesOf(dir).some((p) => existsSync(p));
      return existsSync(path.join(dir, 'a.pdf'));
    });
    expect(seen).toBe(true);
    expect(pipesOf(dir).filter((p) => existsSync(p))).toEqual([]);
  }, 120_000);
});
