import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { sharedPdf } from '../support/shared-build.js';
import { fidelity } from '../support/fidelity.js';
import { pdfInfo, pdfOutline, pdfPages, sheetSizes } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

const references = [
  { date: '2023-11-22', kind: 'Dagsorden', title: 'Direktionen - Dagsorden 22. november 2023', seed: '001_50f5b0e50eb85dbd' },
  { date: '2023-09-06', kind: 'Referat', title: 'Direktionen - Referat 6. september 2023', seed: '003_9e1715f7c52341eb' },
];
const sharedTools = path.join(packageRoot, '..', 'shared', 'tools');
const items = [
  '1. Beslutningsprotokoller og dagsordener',
  '2. Økonomi',
  '3. Punkter til behandling',
  '4. Eventuelt, herunder punkter til næste møde',
];

describe.each(references)('agenda build $date', ({ date, kind, title, seed }) => {
  let out: string;
  const reference = path.join(exampleRoot(), 'fixtures', 'references', `${date}-${kind.toLowerCase()}.txt`);

  beforeAll(() => {
    // Only read: the PDF as built once for the suite (test/support/shared-build.ts), for other files too.
    const { run, pdf } = sharedPdf('meetings', date);
    out = pdf;
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('reads like the published document (fidelity at least 0.97)', () => {
    const score = fidelity(out, readFileSync(reference, 'utf8'));
    console.log(`${date}: fidelity ${score.toFixed(3)}`);
    expect(score).toBeGreaterThanOrEqual(0.97);
  });

  it('has a contents whose every page number is the one printed where the heading stands', () => {
    const entries = contentsEntries(out);
    expect(entries.map((e) => e.title)).toEqual([...items, 'Bilagsoversigt']);
    for (const e of entries) expect(e, e.title).toMatchObject({ printed: e.listed });
  });

  it('numbers every body page "Side N af M" with M the body pages, and leaves the front matter unnumbered', () => {
    const pages = pdfPages(out);
    const numbers = pages.map((p) => /Side (\d+) af (\d+)/.exec(p)?.slice(1).map(Number));
    const front = numbers.findIndex(Boolean);
    expect(front).toBe(2);
    const body = numbers.slice(front);
    expect(body.map((n) => n?.[0])).toEqual(body.map((_, i) => i + 1));
    expect(new Set(body.map((n) => n?.[1]))).toEqual(new Set([body.length]));
  });

  it(`is an A4 ${kind.toLowerCase()} with title, author, language and tags`, () => {
    const info = pdfInfo(out);
    expect(info).toMatchObject({ Title: title, Author: 'Norddjurs Kommune', Tagged: 'yes' });
    expect(new Set(sheetSizes(out))).toEqual(new Set(['594.96 x 841.92 pts (A4)']));
    expect(readFileSync(out).toString('latin1')).toMatch(/\/Lang \(da\)/);
    expect(pdfPages(out)[0]).toContain(kind.toUpperCase());
  });

  it('has an outline with the contents, each item, the Bilagsoversigt and the Underskriftsside', () => {
    const outline = pdfOutline(out);
    expect(outline.map((o) => o.title)).toEqual(['Indholdsfortegnelse', ...items, 'Bilagsoversigt', 'Underskriftsside']);
    const pages = pdfPages(out);
    for (const o of outline) expect(pages[o.sheet - 1]).toContain(o.title);
  });

  it.runIf(existsSync(path.join(sharedTools, 'fidelity')))('passes the shared fidelity and toc-check tools', () => {
    const seedText = path.join(sharedTools, '..', 'seeds', `${seed}.txt`);
    expect(execFileSync(path.join(sharedTools, 'fidelity'), [out, seedText, '--min', '0.97'], { encoding: 'utf8' })).toMatch(
      /fidelity 0\.9[7-9]|fidelity 1\.0/,
    );
    expect(execFileSync(path.join(sharedTools, 'toc-check'), [out], { encoding: 'utf8' })).toMatch(/toc 5\/5 entries right/);
  });
});

describe('the default output file', () => {
  it('is out/<date>-dagsorden.pdf for an agenda and out/<date>-referat.pdf for minutes, under the working folder', () => {
    const cwd = tempDir();
    const meetings = path.join(exampleRoot(), 'meetings');
    for (const [date, file] of [
      ['2023-11-22', 'out/2023-11-22-dagsorden.pdf'],
      ['2023-09-06', 'out/2023-09-06-referat.pdf'],
    ]) {
      const run = agenda(['build', date!, '--meetings', meetings], { cwd });
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe(file);
      expect(readFileSync(path.join(cwd, file!)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
