import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, agendaAsync, cliEnv, cliPath, copyOfMeetings, tempDir } from '../support/cli.js';
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

  it('is removed at Ctrl-C, the site left as it was', async () => {
    const { meetings } = copyOfMeetings();
    const site = path.join(tempDir(), 'site');
    expect(agenda(['publish', '--meetings', meetings, '--out', site]).status).toBe(0);
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
  });
});
