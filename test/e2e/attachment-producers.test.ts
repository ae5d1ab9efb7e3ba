import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawObject, PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes } from '../support/attachments.js';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { words } from '../support/fidelity.js';
import { outline, pdfInfo, sheetSizes, type OutlineEntry } from '../support/pdf.js';
import { difference, drawn, ink } from '../support/rendering.js';
import { exampleRoot } from '../support/examples.js';

// Attachments as they arrive: PDFs from the programs a municipality's staff make them with, each with
// the kinds of font it writes (fixtures/producenter/make.sh), and each also with its objects in object
// streams and a cross-reference stream (qpdf), and a file with references to objects it does not have.
// Every page of each, in the combined document and as the published file, must look as the file's own
// page looks and keep its text.

const fixtures = path.join(exampleRoot(), 'fixtures', 'producenter');
const committed = ['libreoffice', 'cairo', 'ghostscript', 'ghostscript-type1', 'chromium', 'scan'];
const withObjectStreams = ['libreoffice', 'ghostscript', 'chromium'];
const producers = [
  ...committed,
  'pdf-lib',
  ...withObjectStreams.map((p) => `${p}-objektstroemme`),
  'pdf-lib-uden-objektstroemme',
  'henvisninger-til-intet',
];
const dpi = 40;
/** The stamp bands of a combined sheet (src/pdf/stamp.ts), in points: the attachment's page is drawn between them. */
const mm = 72 / 25.4;
const band = { top: 14 * mm, bottom: 13 * mm, side: 12 * mm };

const pageSize = (file: string, page: number) =>
  sizeOf(execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), file], { encoding: 'utf8' }));
const sizeOf = (text: string) => {
  const [, w, h] = /([\d.]+) x ([\d.]+) pts/.exec(text) ?? [];
  return { width: Number(w), height: Number(h) };
};
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
/** A combined sheet's text without its stamps: what it is ("Bilag 3.4: ...") and its number ("Side 12 af 30"). */
const withoutStamps = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^Bilag \d+\.\d+: /.test(l) && !/^Side \d+ af \d+$/.test(l))
    .join('\n');

/** The sources, in meetings/bilag/producenter/: the committed files, pdf-lib's, and copies with and without object streams. */
async function writeSources(folder: string): Promise<void> {
  for (const p of committed) copyFileSync(path.join(fixtures, `${p}.pdf`), path.join(folder, `${p}.pdf`));
  writeFileSync(path.join(folder, 'pdf-lib.pdf'), await pdfBytes({ text: 'pdf-lib bilag', pages: 2 }));
  writeFileSync(path.join(folder, 'henvisninger-til-intet.pdf'), await danglingReferences());
  for (const p of [...withObjectStreams, 'pdf-lib']) {
    const out = p === 'pdf-lib' ? 'pdf-lib-uden-objektstroemme' : `${p}-objektstroemme`;
    const mode = p === 'pdf-lib' ? 'disable' : 'generate';
    execFileSync('qpdf', [`--object-streams=${mode}`, path.join(folder, `${p}.pdf`), path.join(folder, `${out}.pdf`)]);
  }
}

describe('attachments from LibreOffice, cairo, Ghostscript, Chromium, pdf-lib and a scan', () => {
  const { dir, meetings } = copyOfMeetings();
  const sources = path.join(meetings, 'bilag', 'producenter');
  const source = (p: string) => path.join(sources, `${p}.pdf`);
  let combined: string;
  let entries: OutlineEntry[];
  let sizes: string[];
  // The test's own reading of a source page (pdftoppm, pdftotext, pdfinfo), done once for both its tests.
  const ownDrawn = memoized((p: string, page: number) => drawn(source(p), page, dpi));
  const ownText = memoized((p: string, page: number) => pageText(source(p), page));
  const ownSize = memoized((p: string, page: number) => pageSize(source(p), page));
  const ownPages = memoized((p: string) => Number(pdfInfo(source(p)).Pages));

  beforeAll(async () => {
    mkdirSync(sources, { recursive: true });
    await writeSources(sources);
    const entry = (p: string) => `      - titel: Producent ${p}\n        dokument: 9000/23\n        fil: bilag/producenter/${p}.pdf\n`;
    const last = '        fil: bilag/2023-11-22/3-2.pdf\n';
    edit(path.join(meetings, '2023-11-22.yaml'), last, last + producers.map(entry).join(''));
    const build = agenda(['build', '2023-11-22', '--samlet', '--quiet'], { cwd: dir });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    combined = path.join(dir, build.stdout.trim());
    const flat = (list: OutlineEntry[]): OutlineEntry[] => list.flatMap((e) => [e, ...flat(e.kids)]);
    entries = flat(outline(combined));
    sizes = sheetSizes(combined);
    const publish = agenda(['publish', '--quiet'], { cwd: dir });
    expect(publish.stderr).toMatch(/^published 2 meetings to site in [\d.]+ s: [^\n]*\n$/);
    expect(publish.status).toBe(0);
  }, 120_000);

  const firstSheet = (p: string) => {
    const entry = entries.find((e) => e.title.startsWith(`Bilag 3.`) && e.title.includes(`Producent ${p},`));
    expect(entry, p).toBeDefined();
    return entry?.sheet ?? 0;
  };

  const placedPages = "%s: each page in the combined document, scaled between the stamps, looks as the file's own page and keeps its text";
  it.each(producers)(placedPages, (p) => {
    const pages = ownPages(p);
    expect(pages).toBeGreaterThan(0);
    for (let page = 1; page <= pages; page++) {
      const sheet = firstSheet(p) + page - 1;
      const own = ownDrawn(p, page);
      expect(ink(own), `${p} page ${page} has something drawn on it`).toBeGreaterThan(0.002);
      const placed = drawn(combined, sheet, dpi / scaleOf(p, page, sheet), regionOf(p, page, sheet));
      expect(difference(own, placed), `${p} page ${page} on sheet ${sheet}`).toBeLessThan(3);
      expect(words(withoutStamps(pageText(combined, sheet))), `${p} page ${page}`).toEqual(words(ownText(p, page)));
    }
  });

  it.each(producers)('%s: the published file has every page as the file has it, with its text', (p) => {
    const number = producers.indexOf(p) + 3;
    const published = path.join(dir, 'site', 'direktionen', `2023-11-22-bilag-3-${number}.pdf`);
    const pages = ownPages(p);
    expect(Number(pdfInfo(published).Pages)).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      expect(difference(ownDrawn(p, page), drawn(published, page, dpi)), `${p} page ${page}`).toBeLessThan(1);
      expect(words(pageText(published, page)), `${p} page ${page}`).toEqual(words(ownText(p, page)));
    }
  });

  /** How much the page is scaled down to fit between the stamp bands. */
  function scaleOf(p: string, page: number, sheet: number): number {
    const own = ownSize(p, page);
    const paper = sizeOf(sizes[sheet - 1] ?? '');
    return Math.min(1, (paper.width - 2 * band.side) / own.width, (paper.height - band.top - band.bottom) / own.height);
  }

  /** Where the page stands on the combined sheet, in pixels at the resolution that draws it the size it has drawn alone. */
  function regionOf(p: string, page: number, sheet: number) {
    const own = ownSize(p, page);
    const paper = sizeOf(sizes[sheet - 1] ?? '');
    const scale = scaleOf(p, page, sheet);
    const px = dpi / scale / 72;
    const left = band.side + (paper.width - 2 * band.side - own.width * scale) / 2;
    const top = band.top + (paper.height - band.top - band.bottom - own.height * scale) / 2;
    const pixels = (points: number) => Math.round(points * px);
    return { x: pixels(left), y: pixels(top), width: pixels(own.width * scale), height: pixels(own.height * scale) };
  }
});

/**
 * A file whose first page draws forms that are not in it (its references name no object, as in a
 * damaged file; a reader draws nothing), with numbers lower than its other objects', and whose
 * second page draws a black square from a form of its own.
 */
async function danglingReferences(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const missing = Array.from({ length: 30 }, () => doc.context.register(doc.context.obj({})));
  missing.forEach((ref) => doc.context.delete(ref));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [first, second] = [doc.addPage([595.28, 841.89]), doc.addPage([595.28, 841.89])];
  first.drawText('Henvisninger til intet, side 1', { x: 40, y: 700, size: 14, font });
  missing.forEach((ref, i) => first.node.setXObject(PDFName.of(`X${i}`), ref));
  first.pushOperators(...missing.map((_, i) => drawObject(`X${i}`)));
  const square = doc.context.stream('0 0 0 rg 0 0 400 400 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 400, 400] });
  second.node.setXObject(PDFName.of('Kvadrat'), doc.context.register(square));
  second.pushOperators(drawObject('Kvadrat'));
  second.drawText('Henvisninger til intet, side 2', { x: 40, y: 700, size: 14, font });
  return doc.save({ useObjectStreams: false });
}

/** `read`, remembering what it gave for each list of arguments. */
function memoized<A extends Array<string | number>, T>(read: (...args: A) => T): (...args: A) => T {
  const known = new Map<string, T>();
  return (...args) => {
    const key = JSON.stringify(args);
    if (!known.has(key)) known.set(key, read(...args));
    return known.get(key) ?? read(...args);
  };
}
