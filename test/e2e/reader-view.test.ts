import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSource, sharedPdf, sharedPublicVersion } from '../support/shared-build.js';
import { pdfInfo, pdfPages } from '../support/pdf.js';

interface LabelRange {
  index: number;
  label: { '/S'?: string; '/P'?: string; '/St'?: number };
}

/** Each sheet's page label as a viewer shows it, from qpdf's reading of the PDF's /PageLabels. */
function pageLabels(file: string): string[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pagelabels', '--json-key=pages', file], { encoding: 'utf8' })) as {
    pagelabels: LabelRange[];
    pages: unknown[];
  };
  return json.pages.map((_, sheet) => {
    const range = json.pagelabels.filter((r) => r.index <= sheet).at(-1);
    if (!range) return String(sheet + 1);
    const prefix = (range.label['/P'] ?? '').replace(/^u:/, '');
    const number = (range.label['/St'] ?? 1) + sheet - range.index;
    return range.label['/S'] === '/D' ? `${prefix}${number}` : prefix;
  });
}

const warning = 'Indeholder lukkede oplysninger – må ikke offentliggøres';
const closedMarker = /XQZSECRET\d\d/;

describe('the PDF in a viewer', () => {
  let agendaPdf: string;
  let members: string;
  let publicPdf: string;

  beforeAll(() => {
    // Only read: the PDFs as built once for the suite (test/support/shared-build.ts), for other files too.
    const [agendaBuild, membersBuild, publicBuild] = [
      sharedPdf('meetings', '2023-11-22'),
      sharedPdf(fixtureSource, '2024-03-06'),
      sharedPublicVersion(),
    ];
    for (const { run } of [agendaBuild, membersBuild, publicBuild]) expect(run.status, run.stderr).toBe(0);
    agendaPdf = agendaBuild.pdf;
    members = membersBuild.pdf;
    publicPdf = path.join(publicBuild.out, 'out', '2024-03-06-referat-offentlig.pdf');
  });

  it('labels each page as it is printed: "Side N" is page N; the front page and the contents apart', () => {
    for (const file of [agendaPdf, members]) {
      const labels = pageLabels(file);
      const printed = pdfPages(file).map((text) => /Side (\d+) af \d+/.exec(text)?.[1]);
      expect(labels.slice(0, 2)).toEqual(['Forside', 'Indhold']);
      expect(printed.slice(0, 2)).toEqual([undefined, undefined]);
      expect(labels.slice(2)).toEqual(printed.slice(2));
      expect(printed.slice(2).every(Boolean)).toBe(true);
    }
  });

  it('opens with the bookmarks shown', () => {
    expect(readFileSync(agendaPdf, 'latin1')).toMatch(/\/PageMode \/UseOutlines/);
  });

  it("says on the members' version that it holds closed content: front page, subject, and atop each page that holds it", () => {
    const pages = pdfPages(members);
    expect(pages[0]).toContain(warning);
    expect(pdfInfo(members).Subject).toContain(warning);
    const withClosed = pages.filter((p) => closedMarker.test(p));
    expect(withClosed.length).toBeGreaterThan(0);
    for (const page of withClosed) expect(page.trimStart().startsWith('Lukket indhold'), page.slice(0, 80)).toBe(true);
    // A page without closed content carries no marker.
    const open = pages.slice(2).filter((p) => !closedMarker.test(p));
    for (const page of open) expect(page).not.toContain('Lukket indhold');
  });

  it('leaves the public version and an agenda without closed content as they were', () => {
    const text = pdfPages(publicPdf).join('\n');
    expect(text).not.toContain(warning);
    expect(text).not.toContain('Lukket indhold');
    expect(pdfInfo(publicPdf).Subject).not.toContain(warning);
  });
});
