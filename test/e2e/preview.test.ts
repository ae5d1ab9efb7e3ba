/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (The functions given to page.evaluate run in the page, with its document and window.)
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { binPath, copyOfMeetings } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { edit } from '../support/edit.js';
import { commandLine, signalQuietly } from '../support/processes.js';
import {
  descendants,
  documentText,
  nextShown,
  problemLines,
  running,
  shown,
  startPreview,
  type RunningPreview,
} from '../support/preview.js';

/**
 * The preview as the clerk uses it: `agenda preview` running, its page open in Chromium, the meeting
 * file edited and saved, the page read back. The preview runs from a copy of the package, so that its
 * templates can be edited too.
 */
let preview: RunningPreview;
let viewer: Browser;
let page: Page;
let meeting: string;
let templates: string;

/** A copy of the built package whose templates a test may change: dist, templates, its own node_modules linked. */
function copyOfPackage(dir: string): string {
  const root = path.join(dir, 'package');
  mkdirSync(root);
  for (const part of ['package.json', 'dist', 'templates'])
    cpSync(path.join(packageRoot, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(packageRoot, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

beforeAll(async () => {
  const { dir, meetings } = copyOfMeetings();
  const root = copyOfPackage(dir);
  templates = path.join(root, 'templates');
  meeting = path.join(meetings, '2023-11-22.yaml');
  // A line still to be written, so that the page has a warning to show (the example has none).
  edit(meeting, '      - KKR-møde d. 21. november', '      - KKR-møde d. UDFYLD');
  preview = await startPreview(['--meetings', meetings], { cwd: dir, cli: path.join(root, binPath) });
  viewer = await launchReader();
  page = await viewer.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(preview.url);
  await nextShown(page, '');
});

afterAll(async () => {
  await viewer?.close();
  if (preview?.child.exitCode === null) await preview.interrupt();
});

describe('agenda preview', () => {
  it('shows the latest meeting as it prints, with the real contents numbers, and its warnings', async () => {
    const text = await documentText(page);
    expect(text).toContain('DAGSORDEN');
    expect(text).toMatch(/Side 1 af \d+/);
    // The contents line of item 2 ends in the page its heading is on, not a placeholder.
    expect(text).toMatch(/2\. Økonomi \.* ?[1-9]\d?/);
    expect(await problemLines(page)).toEqual([
      expect.stringMatching(/2023-11-22\.yaml:8:23: warning: punkter\[0\]\.sagsfremstilling: still says UDFYLD/),
    ]);
  });

  it('says its words in the house’s, Danish by default, and fills them in as text (no inline script)', async () => {
    expect(await words(page)).toEqual({
      title: 'Forhåndsvisning 2023-11-22',
      heading: 'Forhåndsvisning 2023-11-22',
      group: 'udgave',
      choices: ['medlemmernes udgave', 'offentlig udgave'],
      status: expect.stringMatching(/^opdateret kl\. \d\d\.\d\d\.\d\d$/),
    });
    // The page as served, before its script runs: the first rendering awaited in the house's words.
    const html = await (await fetch(preview.url)).text();
    expect(html).toContain('<span id="status" aria-live="polite">venter på den første udskrift …</span>');
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="preview.js">']);
  });

  it('shows a house’s own words at the next save, and the package’s while the house style has an error', async () => {
    const committee = path.join(path.dirname(meeting), 'udvalg.yaml');
    const original = readFileSync(committee, 'utf8');
    try {
      const own = [
        'husstil:',
        '  ord:',
        '    forhåndsvisning: Vis <i>XQZ</i>',
        '    forhåndsvisning_udgave: XQZ hvilken',
        '    forhåndsvisning_medlemmer: XQZ medlemmer',
        '    forhåndsvisning_opdateret: XQZ klar {tid}',
        '    forhåndsvisning_fejl: "XQZ {antal} fejl"',
      ];
      writeFileSync(committee, `${original}${own.join('\n')}\n`);
      const before = await nextShown(page, await shown(page));
      expect(await words(page)).toEqual({
        title: 'Vis <i>XQZ</i> 2023-11-22',
        heading: 'Vis <i>XQZ</i> 2023-11-22',
        group: 'XQZ hvilken',
        choices: ['XQZ medlemmer', 'offentlig udgave'],
        status: expect.stringMatching(/^XQZ klar \d\d\.\d\d\.\d\d$/),
      });
      expect(await page.$('#meeting i')).toBeNull();
      const served = await (await fetch(preview.url)).text();
      expect(served).toContain('<strong id="meeting" data-title>Vis &lt;i&gt;XQZ&lt;/i&gt; 2023-11-22</strong>');

      // A word the house style does not know: the error on the page, told in the package's words.
      writeFileSync(committee, `${original}${own.join('\n')}\n    forhåndsvisning_fejll: XQZ\n`);
      await page.waitForFunction(() => document.querySelector('#problems li.error') !== null, { polling: 'mutation' });
      expect(await problemLines(page)).toContainEqual(
        expect.stringMatching(/udvalg\.yaml:\d+:\d+: husstil\.ord\.forhåndsvisning_fejll: unknown key/),
      );
      expect(await words(page)).toMatchObject({ title: 'Forhåndsvisning 2023-11-22', status: '1 fejl: viser det seneste gode dokument' });

      writeFileSync(committee, original);
      await nextShown(page, before);
      expect(await words(page)).toMatchObject({
        title: 'Forhåndsvisning 2023-11-22',
        choices: ['medlemmernes udgave', 'offentlig udgave'],
      });
    } finally {
      // Put back where a step failed: the tests after this one read the example's own committee.
      if (readFileSync(committee, 'utf8') !== original) writeFileSync(committee, original);
    }
  });

  it('follows a title, then a broken key (located, the old document kept), then the fix', async () => {
    let before = await shown(page);
    edit(meeting, '  - fast: økonomi\n', '  - fast: økonomi\n    titel: Økonomi og aftalestyring XQZTITLE1 i år\n');
    before = await nextShown(page, before);
    expect(await documentText(page)).toContain('Økonomi og aftalestyring XQZTITLE1');

    edit(meeting, '    titel: Økonomi og aftalestyring', '    titell: Økonomi og aftalestyring');
    await page.waitForFunction(() => document.querySelector('#problems li.error') !== null, { polling: 'mutation' });
    expect(await problemLines(page)).toContainEqual(
      expect.stringMatching(/2023-11-22\.yaml:26:5: punkter\[1\]\.titell: unknown key \(did you mean 'titel'\?\)$/),
    );
    expect(await shown(page)).toBe(before);
    expect(await documentText(page)).toContain('Økonomi og aftalestyring XQZTITLE1');

    edit(meeting, '    titell: Økonomi og aftalestyring XQZTITLE1', '    titel: Økonomi og aftalestyring XQZTITLE2');
    await nextShown(page, before);
    const text = await documentText(page);
    expect(text).toContain('Økonomi og aftalestyring XQZTITLE2');
    expect(text).not.toContain('XQZTITLE1');
    expect(await problemLines(page)).not.toContainEqual(expect.stringMatching(/titell/));
  });

  it('keeps its scroll position when the document changes', async () => {
    await page.evaluate(() => window.scrollTo(0, 4000));
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBe(4000);
    const before = await shown(page);
    edit(meeting, 'XQZTITLE2', 'XQZTITLE3');
    await nextShown(page, before);
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  // Retried: once in a full CI run (not alone, nor in 5 other runs) the rename's update did not
  // come within 20 s; the cause is not yet found (see the closing note of session 3).
  it('survives a half-written save and an editor that saves by renaming a new file over the old', { retry: 2 }, async () => {
    const whole = readFileSync(meeting, 'utf8');
    const before = await shown(page);
    // Cut off in the middle of a key, as a save caught half-way leaves it.
    writeFileSync(meeting, whole.slice(0, whole.indexOf('titel: Notat Tidsplan') + 3));
    await page.waitForFunction(() => document.querySelector('#problems li.error') !== null, { polling: 'mutation' });
    const saved = `${meeting}.new`;
    writeFileSync(saved, whole.replace('XQZTITLE3', 'XQZTITLE4'));
    renameSync(saved, meeting);
    await nextShown(page, before);
    expect(await documentText(page)).toContain('XQZTITLE4');
    expect(await page.$('#problems li.error')).toBeNull();
  });

  it('shows a template edited while it runs', async () => {
    const before = await shown(page);
    edit(path.join(templates, 'partials', 'forside.hbs'), '<p class="udvalg">', '<p>XQZTEMPLATE</p><p class="udvalg">');
    await nextShown(page, before);
    expect(await documentText(page)).toContain('XQZTEMPLATE');
  });

  it('switches to the public version, without what is closed', async () => {
    edit(meeting, 'punkter:\n', 'punkter:\n  - titel: Personalesag XQZCLOSED\n    lukket: true\n    sagsfremstilling: Teksten.\n');
    const before = await nextShown(page, await shown(page));
    expect(await documentText(page)).toContain('Personalesag XQZCLOSED');
    // Every item moved a page on: the contents, printed first with the numbers of the last print, say where they are now.
    const members = path.join(path.dirname(meeting), '..', 'members.pdf');
    writeFileSync(members, await download(new URL('document.pdf', preview.url)));
    const entries = contentsEntries(members);
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) expect(e, e.title).toMatchObject({ printed: e.listed });
    await page.click('input[value=offentlig]');
    await nextShown(page, before, 'offentlig');
    const text = await documentText(page);
    expect(text).toContain('Lukket punkt');
    expect(text).not.toContain('XQZCLOSED');
    const pdf = await page.evaluate(
      async () => new Uint8Array(await (await fetch('document.pdf?audience=offentlig')).arrayBuffer()).length,
    );
    expect(pdf).toBeGreaterThan(10_000);
  });

  it('starts its browser again when it crashes', async () => {
    const browsers = descendants(preview.child.pid!).filter((pid) => /chrom/.test(commandLine(pid)));
    expect(browsers.length).toBeGreaterThan(0);
    // Killing the browser ends its helpers too, often before their turn (ESRCH): the sandbox's, as not root.
    for (const pid of browsers) signalQuietly(pid, 'SIGKILL');
    const before = await shown(page);
    edit(meeting, 'XQZTITLE4', 'XQZTITLE5');
    await nextShown(page, before, 'offentlig', 60_000);
    expect(await documentText(page)).toContain('XQZTITLE5');
  });

  it('refuses a request whose Host is not its own, and anything but the preview', async () => {
    const { port, pathname: own } = new URL(preview.url);
    expect(await get(port, own, `evil.example:${port}`)).toBe(421);
    expect(await get(port, own, `127.0.0.1.nip.io:${port}`)).toBe(421);
    expect(await get(port, own, `127.0.0.1:${port}`)).toBe(200);
    expect(await get(port, own, `localhost:${port}`)).toBe(200);
    for (const other of [
      'package.json',
      '../package.json',
      'pdfjs/../../package.json',
      'meetings/2023-11-22.yaml',
      'templates/style.css',
    ]) {
      expect(await get(port, `${own}${other}`, `127.0.0.1:${port}`), other).toBe(other.includes('..') ? 403 : 404);
    }
    expect(await get(port, own, `127.0.0.1:${port}`, 'POST')).toBe(405);
  });

  it('is reachable on no address but 127.0.0.1', async () => {
    const port = Number(new URL(preview.url).port);
    const others = Object.values(networkInterfaces())
      .flat()
      .flatMap((a) => (a && a.address !== '127.0.0.1' ? [a.address] : []));
    for (const address of [...new Set(['127.0.0.2', '::1', ...others])]) expect(await connects(address, port), address).toBe(false);
    expect(await connects('127.0.0.1', port)).toBe(true);
  });

  it('stops on Ctrl-C with no browser process left', async () => {
    const started = descendants(preview.child.pid!);
    expect(started.length).toBeGreaterThan(0);
    expect(await preview.interrupt()).toBe(0);
    const deadline = Date.now() + 3000;
    while (started.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(started.filter(running)).toEqual([]);
    expect(preview.stderr()).toBe('');
  });
});

/** The page's own words as a reader sees and hears them. */
async function words(page: Page) {
  return page.evaluate(() => ({
    title: document.title,
    heading: document.getElementById('meeting')?.textContent,
    group: document.getElementById('audience')?.getAttribute('aria-label'),
    choices: [...document.querySelectorAll('#audience label')].map((label) => label.textContent?.trim()),
    status: document.getElementById('status')?.textContent,
  }));
}

function get(port: string, pathname: string, host: string, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, method, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject).end();
  });
}

async function download(url: URL): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}
