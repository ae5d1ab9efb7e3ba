import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { documentText, nextShown, shown, startPreview, type RunningPreview } from '../support/preview.js';
import { exampleRoot } from '../support/examples.js';

// The preview of a committee in a repository of several (fixtures/husstil-overalt): chosen with
// --udvalg as every other command chooses it, and following what the repository's committees share,
// kommune.yaml and husstil/, as it follows the committee's own files.

let repo: string;
let preview: RunningPreview;
let viewer: Browser;
let page: Page;

beforeAll(async () => {
  repo = path.join(tempDir('agenda-preview-repo-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-overalt'), repo, { recursive: true });
  preview = await startPreview(['--udvalg', 'PU'], { cwd: repo });
  viewer = await launchReader();
  page = await viewer.newPage();
  await page.goto(preview.url);
  await nextShown(page, '');
});

afterAll(async () => {
  await viewer?.close();
  if (preview?.child.exitCode === null) await preview.interrupt();
});

describe('agenda preview in a repository of several committees', () => {
  it("shows the committee --udvalg names, its latest meeting in the house's words", async () => {
    const text = await documentText(page);
    expect(text).toContain('Planudvalget');
    expect(text).toContain('BESLUTNINGSPROTOKOL');
  });

  it('follows a change to kommune.yaml', async () => {
    const before = await shown(page);
    edit(path.join(repo, 'kommune.yaml'), '    referat: Beslutningsprotokol', '    referat: Protokol XQZKOMMUNE');
    await nextShown(page, before);
    expect(await documentText(page)).toContain('PROTOKOL XQZKOMMUNE');
  });

  it("follows a change to the house's partial in husstil/", async () => {
    const before = await shown(page);
    edit(path.join(repo, 'husstil', 'partials', 'tekst.hbs'), '<div class="bjergby-tekst">', '<div class="bjergby-tekst">XQZPARTIAL ');
    await nextShown(page, before);
    expect(await documentText(page)).toContain('XQZPARTIAL');
  });

  it('without --udvalg, takes the one committee meeting that day, and asks for --udvalg where it cannot know', () => {
    const none = agenda(['preview', '--no-open', '--port', '0'], { cwd: repo });
    expect(none.stderr).toBe('this repository has 2 committees (AU, PU): name one with --udvalg\n');
    expect(none.status).toBe(2);
    const unknown = agenda(['preview', '--no-open', '--udvalg', 'XU'], { cwd: repo });
    expect(unknown.stderr).toBe('--udvalg XU: no such committee here (the committees are: AU, PU)\n');
    expect(unknown.status).toBe(2);
  });
});
