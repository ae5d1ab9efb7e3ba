import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { agenda, agendaAsync, cliEnv, cliPath, tempDir } from '../support/cli.js';
import { commandLine, processState } from '../support/processes.js';
import { copyOut, sharedExampleSite } from '../support/shared-build.js';
import { siteBytes } from '../support/site.js';

// Pagefind's program, which publish runs as a service to make the search index (publish/pagefind-service.ts),
// killed at each moment of its work: publish ends at once with a plain error that says so (exit 3, for the
// environment), the site as it was, its lock released. Before, it waited for ever for the answer.

/** The program Pagefind's Node API runs on this system (its resolveBinary's choice). */
const realPagefind = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
/** A process's children (Linux: Node spawns from its main thread, whose children /proc lists). */
const childrenOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const told = 'Pagefind ended (signal SIGKILL) while indexing pagefind/direktionen\n';

describe('Pagefind killed while publish indexes the site', () => {
  /** The example meetings, as the suite's publication of them read them (read here too, never changed). */
  let meetings: string;
  /** The suite's publication of the examples (sharedExampleSite), whose copies each case publishes again. */
  let published: string;
  /** Publish's stand-in for Pagefind (support/pagefind-stand-in.mjs), the real one behind it. */
  let standIn: string;

  beforeAll(() => {
    const example = sharedExampleSite();
    expect(example.run.status, example.run.stderr).toBe(0);
    ({ input: meetings, out: published } = example);
    standIn = path.join(tempDir(), 'pagefind');
    const script = path.join(import.meta.dirname, '../support/pagefind-stand-in.mjs');
    writeFileSync(standIn, `#!/bin/sh\nexec '${process.execPath}' '${script}' "$@"\n`);
    chmodSync(standIn, 0o755);
  });

  /**
   * A copy of the site (one a case: a publication that hangs holds its own), its index made stale (a file of it
   * gone), so a publication runs Pagefind, and prints nothing.
   */
  const staleSite = () => {
    const site = path.join(tempDir(), 'site');
    copyOut(published, site, { preserveTimestamps: true });
    rmSync(path.join(site, 'pagefind/direktionen/pagefind.js'));
    return { site, before: siteBytes(site) };
  };
  /** publish's own files in the site other than its state file: its lock (and the lock's temporary file), its staging folder. */
  const publishFiles = (site: string) =>
    readdirSync(site).filter((name) => /^\.\.?agenda-publish/.test(name) && name !== '.agenda-publish.json');

  const publishWith = (site: string, fault: string) =>
    agendaAsync(['publish', '--meetings', meetings, '--out', site], {
      env: { PAGEFIND_EXTENDED_BINARY_PATH: standIn, PAGEFIND_REAL: realPagefind, PAGEFIND_FAULT: fault },
    });

  it.each([
    ['start', 'before it reads a request'],
    ['asked:NewIndex:1', 'with the new index asked for'],
    ['answered:NewIndex:1', 'once the index is made, nothing asked while the records are made'],
    ['asked:AddFile:3', 'with records sent, unanswered'],
    ['answered:AddFile:2', 'between two records answered'],
    ['asked:GetFiles:1', "with the index's files asked for"],
    ['answering:GetFiles:1', "halfway through writing the index's files"],
    ['answered:GetFiles:1', "with the index's files read"],
    ['asked:DeleteIndex:1', 'as the index is let go'],
  ])('killed %s (%s): told, exit 3, the site as it was, the lock released', async (fault) => {
    const { site, before } = staleSite();
    const run = await publishWith(site, fault);
    expect(run.stderr).toBe(told);
    expect(run.status).toBe(3);
    expect(siteBytes(site)).toEqual(before);
    expect(publishFiles(site)).toEqual([]);
  });

  it('killed after its last answer: publish has all it asked for and publishes', async () => {
    const { site } = staleSite();
    const run = await publishWith(site, 'answered:DeleteIndex:1');
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(site, 'pagefind/direktionen'))).toContain('pagefind.js');
  });

  it('the real Pagefind, found among publish’s processes by its command line and killed: publish ends at once, told', async () => {
    const { site, before } = staleSite();
    const child = spawn(process.execPath, [cliPath, 'publish', '--meetings', meetings, '--out', site], { env: cliEnv() });
    // A publication left waiting (as before) is not left behind the test.
    onTestFinished(() => void child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Looked for among publish's own children every millisecond, this thread blocked: Pagefind lives some tens of them.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const pid = child.pid!;
    let pagefind: number | undefined;
    while (!pagefind && !['Z', undefined].includes(processState(pid))) {
      pagefind = childrenOf(pid).find((c) => commandLine(c).startsWith(`${realPagefind}\0--service\0`));
      Atomics.wait(pause, 0, 0, 1);
    }
    expect(pagefind, 'publish ended before Pagefind was seen').toBeDefined();
    process.kill(pagefind!, 'SIGKILL');
    expect(await ended).toBe(3);
    expect(stderr).toBe(told);
    expect(siteBytes(site)).toEqual(before);
    expect(publishFiles(site)).toEqual([]);
    // Released: the next publication runs, and makes the index.
    const again = agenda(['publish', '--meetings', meetings, '--out', site]);
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(path.join(site, 'pagefind/direktionen'))).toContain('pagefind.js');
  });
});
