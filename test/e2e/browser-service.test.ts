import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { TargetType } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, errorLines, tempDir } from '../support/cli.js';
import { browserUrlVariable, startBrowserService, type BrowserService } from '../support/browser-service.js';
import { exampleRoot } from '../support/examples.js';

/** A service of this file's own (not the suite's, test/global-setup.ts), so that it can be killed. */
let service: BrowserService;
beforeAll(async () => (service = await startBrowserService()));
afterAll(() => service.stop());

const dir = tempDir();
/** A PUPPETEER_EXECUTABLE_PATH that logs each start of a browser, then is Chromium. */
const starts = path.join(dir, 'browser-starts.log');
const counting = path.join(dir, 'chromium');
writeFileSync(counting, `#!/bin/sh\necho start >> '${starts}'\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
const browserStarts = () => (existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean).length : 0);

const build = (out: string) => ['build', '2023-11-22', '--meetings', path.join(exampleRoot(), 'meetings'), '--out', path.join(dir, out)];
const withService = (url = service.url) => ({ cwd: dir, env: { [browserUrlVariable]: url, PUPPETEER_EXECUTABLE_PATH: counting } });

describe('printing with a running Chromium (AGENDA_BROWSER_URL)', () => {
  it('prints the same bytes as a browser of its own, and starts no browser', () => {
    const own = agenda(build('own.pdf'), { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: counting }, ownBrowser: true });
    expect(own.status, own.stderr).toBe(0);
    // The count sees a start where there is one: the check below can fail.
    expect(browserStarts()).toBe(1);
    const shared = agenda(build('shared.pdf'), withService());
    expect(shared.status, shared.stderr).toBe(0);
    expect(browserStarts()).toBe(1);
    expect(readFileSync(path.join(dir, 'shared.pdf')).equals(readFileSync(path.join(dir, 'own.pdf')))).toBe(true);
  });

  it('serves two commands at once, each right, named by its WebSocket or its HTTP address', async () => {
    // ws://127.0.0.1:PORT/devtools/browser/ID, and http://127.0.0.1:PORT, whose /json/version names it.
    const http = new URL(service.url.replace(/^ws/, 'http')).origin;
    const runs = await Promise.all([agendaAsync(build('a.pdf'), withService()), agendaAsync(build('b.pdf'), withService(http))]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const own = readFileSync(path.join(dir, 'own.pdf'));
    for (const out of ['a.pdf', 'b.pdf']) expect(readFileSync(path.join(dir, out)).equals(own), out).toBe(true);
    expect(browserStarts()).toBe(1);
  });

  it('says in one line that a browser that does not answer does not, and which', () => {
    for (const url of ['http://127.0.0.1:1', `${service.url.replace(/[^/]+$/, '')}no-such-browser`]) {
      const run = agenda(build('none.pdf'), withService(url));
      expect(run.status).toBe(3);
      expect(errorLines(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(`^no browser answers at ${url.replace(/[.:/]/g, '\\$&')} \\(named by AGENDA_BROWSER_URL\\): .+; start it`),
        ),
      ]);
      expect(existsSync(path.join(dir, 'none.pdf'))).toBe(false);
    }
    const notUrl = agenda(build('none.pdf'), withService('/usr/bin/chromium'));
    expect(notUrl.status).toBe(3);
    expect(errorLines(notUrl.stderr)).toEqual([
      expect.stringMatching(/^AGENDA_BROWSER_URL is \/usr\/bin\/chromium, not the DevTools address/),
    ]);
  });

  it('fails clearly when the browser goes away while printing, and keeps the output before', async () => {
    const out = path.join(dir, 'kept.pdf');
    writeFileSync(out, 'the build before');
    const before = readFileSync(out);
    // Watched over DevTools as the command is: killed as soon as its page is there.
    const watcher = await puppeteer.connect({ browserWSEndpoint: service.url });
    const there = new Set(watcher.targets());
    const opened = watcher.waitForTarget((t) => t.type() === TargetType.PAGE && !there.has(t), { timeout: 0 });
    const running = agendaAsync(build('kept.pdf'), withService());
    await opened;
    service.stop();
    const run = await running;
    expect(run.status, run.stderr).toBe(4);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/the browser stopped while printing \(it crashed or was killed\)$/)]);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => !/^(own|shared|a|b|kept)\.pdf$|^chromium$|^browser-starts\.log$/.test(f))).toEqual([]);
  });
});
