import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaAsync, cliEnv, cliPath, copyOfMeetings, tempDir } from '../support/cli.js';
import { copyOut, sharedExampleSite } from '../support/shared-build.js';
import { siteBytes } from '../support/site.js';

// publish's staging folder (publish/staging.ts) is the site's own: whatever ends a publication, it is
// gone afterwards, and the site is as the last publication left it (docs/install/publish-staging.md).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stagingFolders = (site: string) => readdirSync(site).filter((name) => name.startsWith('.agenda-publish-') && name.endsWith('.tmp'));

describe("publish's staging folder", () => {
  it('is not left, nor the site folder made, by a first publication that fails while attachments are made', async () => {
    const { meetings } = copyOfMeetings();
    const out = path.join(tempDir(), 'site');
    const run = await agendaAsync(['publish', '--meetings', meetings, '--browser', '/nonexistent/chrome', '--out', out], {
      ownBrowser: true,
    });
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toContain('/nonexistent/chrome');
    expect(existsSync(out)).toBe(false);
  });

  it('is removed at Ctrl-C, the site left as it was; a second publication meanwhile is refused; a leftover is removed', async () => {
    const { meetings } = copyOfMeetings();
    // The example as published: a copy of the suite's publication (test/support/shared-build.ts), which this test goes on from.
    const published = sharedExampleSite();
    expect(published.run.status, published.run.stderr).toBe(0);
    const site = path.join(tempDir(), 'site');
    copyOut(published.out, site);
    const before = siteBytes(site);
    // --force prints and stages every PDF anew: the signal comes once the first is staged.
    const child = spawn(process.execPath, [cliPath, 'publish', '--meetings', meetings, '--out', site, '--force'], {
      env: cliEnv(),
      stdio: 'ignore',
    });
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const staged = () => stagingFolders(site).some((name) => readdirSync(path.join(site, name)).length > 0);
    while (child.exitCode === null && !staged()) await sleep(20);
    expect(child.exitCode, 'the publication ended before it staged a file').toBe(null);
    child.kill('SIGINT');
    expect(await ended).toBe(130);
    expect(stagingFolders(site)).toEqual([]);
    expect(siteBytes(site)).toEqual(before);
    // Another publication runs (this test's process, on this host): refused, the site untouched.
    const lock = path.join(site, '.agenda-publish.lock');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    writeFileSync(lock, `${hostname()} ${boot} ${readlinkSync('/proc/self/ns/pid')} ${process.pid}\n`);
    const refused = await agendaAsync(['publish', '--meetings', meetings, '--out', site]);
    expect(refused.stderr).toContain(
      `cannot publish to ${site}: another agenda publish (process ${process.pid} on this machine) is writing this site; wait for it to end, or remove ${lock} if none runs\n`,
    );
    expect(refused.status).toBe(3);
    expect(siteBytes(site)).toEqual(new Map([...before, ['.agenda-publish.lock', readFileSync(lock)]]));
    // Once it is gone, a staging folder left in the site is a leftover, whoever's pid it has (another host's, say).
    rmSync(lock);
    const leftover = path.join(site, `.agenda-publish-${process.pid}.tmp`);
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, '0'), '%PDF-');
    const run = await agendaAsync(['publish', '--meetings', meetings, '--out', site, '--force']);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(site).filter((name) => name.startsWith('.agenda-publish') && name !== '.agenda-publish.json')).toEqual([]);
  });
});
