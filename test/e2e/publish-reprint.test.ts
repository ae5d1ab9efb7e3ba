import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agendaAsync, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { siteBytes } from '../support/site.js';
import { exampleRoot } from '../support/examples.js';

// What a document is made from, written once: a change to the repository's stylesheet, a partial,
// kommune.yaml or a committee's udvalg.yaml makes publish print again exactly the documents it
// changes (fixtures/husstil-overalt: Planudvalget's two meetings, each its PDF and its combined
// document, and Arbejdsudvalget's one), and keep every other PDF's bytes.

const repo = path.join(tempDir('agenda-reprint-'), 'repo');
const site = path.join(repo, 'site');
const pdfs = () =>
  new Map(existsSync(site) ? [...siteBytes(site)].filter(([file]) => file.endsWith('.pdf') && !file.includes('-bilag-')) : []);

/** Publishes; which PDFs it printed again, by what changed in the site's PDFs, and how many it says it printed. */
async function publish(): Promise<{ printed: number; changed: string[] }> {
  const before = pdfs();
  const run = await agendaAsync(['publish', '--samlet'], { cwd: repo, env: { TZ: 'Europe/Copenhagen' } });
  expect(run.status, run.stderr).toBe(0);
  const after = pdfs();
  const changed = [...after].filter(([file, bytes]) => !before.get(file)?.equals(bytes)).map(([file]) => file);
  return { printed: Number(/(\d+) PDFs printed/.exec(run.stderr)?.[1]), changed: changed.sort() };
}

const planudvalget = [
  'planudvalget/2025-03-04-dagsorden-offentlig-samlet.pdf',
  'planudvalget/2025-03-04-dagsorden-offentlig.pdf',
  'planudvalget/2025-03-11-referat-offentlig-samlet.pdf',
  'planudvalget/2025-03-11-referat-offentlig.pdf',
];
const every = ['arbejdsudvalget/2025-03-05-referat-offentlig.pdf', ...planudvalget];

describe('publish after a change to what the documents are made from', () => {
  beforeAll(async () => {
    cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-overalt'), repo, { recursive: true });
    expect(await publish()).toEqual({ printed: 5, changed: every });
  });

  it('prints nothing where nothing changed', async () => {
    expect(await publish()).toEqual({ printed: 0, changed: [] });
  });

  it("prints a committee's documents alone when its udvalg.yaml changes", async () => {
    edit(path.join(repo, 'udvalg', 'AU', 'udvalg.yaml'), 'sted: Mødesal 1, rådhuset', 'sted: Mødesal 3, rådhuset');
    expect(await publish()).toEqual({ printed: 1, changed: ['arbejdsudvalget/2025-03-05-referat-offentlig.pdf'] });
  });

  it('prints every document when kommune.yaml changes a word they print', async () => {
    edit(path.join(repo, 'kommune.yaml'), '    åben_sag: Offentligt punkt', '    åben_sag: Offentligt emne');
    expect(await publish()).toEqual({ printed: 5, changed: every });
  });

  it("prints every document when a partial of the house's changes", async () => {
    edit(path.join(repo, 'husstil', 'partials', 'tekst.hbs'), '<div class="bjergby-tekst">', '<div class="bjergby-tekst">Tekst: ');
    expect(await publish()).toEqual({ printed: 5, changed: every });
  });

  it("prints every document when the house's stylesheet comes, and nothing when it is saved unchanged", async () => {
    writeFileSync(path.join(repo, 'husstil', 'style.css'), '.bjergby-tekst { color: #224; }\n');
    expect(await publish()).toEqual({ printed: 5, changed: every });
    writeFileSync(path.join(repo, 'husstil', 'style.css'), '.bjergby-tekst { color: #224; }\n');
    expect(await publish()).toEqual({ printed: 0, changed: [] });
  });
});
