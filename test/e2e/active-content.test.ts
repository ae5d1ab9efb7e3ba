import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMarkers, activeText, webLink, writeActivePdf } from '../support/active-pdf.js';
import { closedFixtureWithFiles } from '../support/attachments.js';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { spellings } from '../support/markers.js';
import { outline, pdfByteForms, pdfInfo, pdfPages } from '../support/pdf.js';

// An open attachment whose file carries scripts, actions, embedded files and metadata (activePdf),
// published on its own and in the combined documents: what a reader reads is there, the rest is not.

const dir = tempDir();
const meetings = path.join(dir, 'meetings');
const site = path.join(dir, 'site');
const members = path.join(dir, 'medlemmer-samlet.pdf');
const published = path.join(site, 'testudvalget', '2024-03-06-bilag-1-1.pdf');
const publicCombined = path.join(site, 'testudvalget', '2024-03-06-referat-offentlig-samlet.pdf');

function publish(): string[] {
  const run = agenda(['publish', '--meetings', meetings, '--out', site, '--samlet', '--json']);
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { written: string[] }).written;
}

beforeAll(async () => {
  await closedFixtureWithFiles(meetings);
  await writeActivePdf(path.join(meetings, 'bilag', 'aabent.pdf'));
  publish();
  const run = agenda(['build', '2024-03-06', '--meetings', meetings, '--samlet', '--quiet', '--out', members], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
});

/** What may run, open, or carry a file or metadata, as PDF names and URI schemes. */
const active = [
  ...['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch', '/GoToR', '/GoToE', '/SubmitForm', '/ImportData'],
  ...['/EmbeddedFile', '/EmbeddedFiles', '/FileAttachment', '/AF', '/PieceInfo', '/Metadata', 'javascript:', 'file:'],
];

/** The file passes qpdf's check, and neither its bytes nor its uncompressed objects hold anything active, nor any marker. */
function expectPassive(file: string): void {
  const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  for (const bytes of pdfByteForms(file)) {
    // A name as a whole (/AA, not the subset font /AAAAAB+SourceSans).
    for (const name of active) expect(new RegExp(`${name}(?![A-Za-z])`).test(bytes), `${name} in ${file}`).toBe(false);
    for (const m of activeMarkers) for (const s of spellings(m)) expect(bytes.includes(s), `${m} in ${file} as ${s}`).toBe(false);
  }
}

/** Where each link on the first page goes: `page N` (1-based, a destination or a GoTo action) or its URI. */
async function firstPageLinks(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const pages = doc.getPages().map((p) => p.ref.toString());
  const annots = doc.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  return annots.map((a) => {
    const annot = doc.context.lookup(a, PDFDict);
    const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
    const dest = annot.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? action?.lookupMaybe(PDFName.of('D'), PDFArray);
    const page = dest?.get(0);
    if (page instanceof PDFRef) return `page ${pages.indexOf(page.toString()) + 1}`;
    return `${annot.get(PDFName.of('Subtype'))?.toString()} ${action?.lookupMaybe(PDFName.of('URI'), PDFString)?.asString() ?? ''}`.trim();
  });
}

describe('an attachment file with scripts, actions, embedded files and metadata', () => {
  it('is published with its pages, text, bookmark, its link within and its web link, and nothing else', async () => {
    expectPassive(published);
    // Page 2's form field is drawn into the page.
    expect(pdfPages(published).map((p) => p.trim().split('\n')[0])).toEqual([`${activeText} page 1`, `${activeText} page 2`]);
    expect(outline(published).find((o) => o.title === 'Side to')?.sheet).toBe(2);
    expect(pdfInfo(published).Tagged).toBe('yes');
    expect((await firstPageLinks(published)).sort()).toEqual([`/Link ${webLink}`, 'page 2', 'page 2']);
    const forOs2web = path.join(site, 'sbsys', 'testudvalget-2024-03-06', '2024-03-06-bilag-1-1.pdf');
    expect(readFileSync(forOs2web).equals(readFileSync(published))).toBe(true);
  });

  it("goes into the combined documents, public and the members', with its pages and text and nothing else", () => {
    for (const file of [publicCombined, members]) {
      expectPassive(file);
      const sheets = pdfPages(file);
      const first = sheets.findIndex((s) => s.includes(`${activeText} page 1`)) + 1;
      expect(sheets[first]).toContain(`${activeText} page 2`);
      // Stamped and bookmarked under its item, at its first page.
      expect(sheets[first - 1]).toMatch(/^Bilag 1\.1: Åbent notat/m);
      const bookmarks = outline(file).flatMap((item) => item.kids);
      expect(bookmarks.find((b) => b.title.startsWith('Bilag 1.1: '))?.sheet).toBe(first);
    }
  });
});

describe('weblinks_i_bilag in the house style', () => {
  it('nej: the published attachment keeps its link within and loses its web link; it is made again', async () => {
    appendFileSync(path.join(meetings, 'udvalg.yaml'), 'husstil:\n  weblinks_i_bilag: nej\n');
    expect(publish()).toContain('testudvalget/2024-03-06-bilag-1-1.pdf');
    expectPassive(published);
    expect(await firstPageLinks(published)).toEqual(['page 2', 'page 2']);
    for (const bytes of pdfByteForms(published)) expect(bytes).not.toContain('norddjurs');
  });

  it('is ja or nej: another value is a located error', () => {
    edit(path.join(meetings, 'udvalg.yaml'), 'weblinks_i_bilag: nej', 'weblinks_i_bilag: måske');
    const run = agenda(['check', '2024-03-06', '--meetings', meetings]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/udvalg\.yaml:\d+:\d+: husstil\.weblinks_i_bilag: expected ja or nej \(or true or false\)/);
  });
});
