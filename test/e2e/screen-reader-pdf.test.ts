import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { pageContents, paintingByMark, standardTypes, structText, structureTypes } from '../support/tagging.js';

// The reference meetings, with a running header, as a screen reader meets them: the page furniture
// (page number, header, the members' "Lukket indhold" mark, the stamps of the combined document's
// attachment pages) is an artifact it passes over, and every tag is one it knows.
const { dir, meetings } = copyOfMeetings();
const header = 'Direktionen · sidehoved';
const oddTitle = 'Łukasz ≥ → α';
const documents = [
  { name: '2023-11-22', args: ['build', '2023-11-22'] },
  { name: '2023-09-06', args: ['build', '2023-09-06'] },
  { name: '2023-09-06 --samlet', args: ['build', '2023-09-06', '--samlet'] },
];
const file = (name: string) => path.join(dir, `${name.replace(/ /g, '')}.pdf`);

beforeAll(() => {
  appendFileSync(path.join(meetings, 'udvalg.yaml'), `\nhusstil:\n  sidehoved: "{udvalg} · sidehoved"\n`);
  edit(path.join(meetings, '2023-09-06.yaml'), 'titel: Bfa trivsel i lederrollen', `titel: ${oddTitle}`);
  for (const { name, args } of documents) {
    const run = agenda([...args, '--out', file(name)], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  }
});

describe.each(documents)('agenda $name, for a screen reader', ({ name }) => {
  it('prints the page number and the running header, outside the structure tree', () => {
    const pages = pdfPages(file(name));
    const numbered = pages.filter((p) => /Side \d+ af \d+/.test(p));
    expect(numbered.length).toBeGreaterThan(3);
    expect(pages.filter((p) => p.includes(header)).length).toBeGreaterThan(3);
    const tagged = structText(file(name));
    expect(tagged).toContain('Beslutningsprotokoller og dagsordener');
    expect(tagged).not.toMatch(/Side \d+ af \d+/);
    expect(tagged).not.toContain(header);
  });

  it('paints nothing that is neither tagged nor an artifact, and marks its furniture as artifacts', () => {
    const pages = pdfPages(file(name));
    const counts = pageContents(file(name)).map(paintingByMark);
    // An attachment's page is drawn whole (one Do), untagged as it came: only its stamps are furniture.
    const attachment = (i: number) => /^Bilag \d+\.\d+: /.test(pages[i] ?? '');
    expect(counts.map((c, i) => c.unmarked - (attachment(i) ? 1 : 0))).toEqual(counts.map(() => 0));
    const numbered = counts.filter((_, i) => /Side \d+ af \d+/.test(pages[i] ?? ''));
    expect(numbered.map((c) => c.artifact > 0)).toEqual(numbered.map(() => true));
  });

  it('uses only standard structure types, or types its role map maps to one', () => {
    const { types, roleMap } = structureTypes(file(name));
    expect(types.has('P')).toBe(true);
    for (const type of types) expect(standardTypes.has(type) || standardTypes.has(roleMap[type] ?? ''), type).toBe(true);
    for (const target of Object.values(roleMap)) expect(standardTypes.has(target), target).toBe(true);
  });

  it('holds each list item\'s content in a list body (LBody) after its label', () => {
    const { listItems } = structureTypes(file(name));
    expect(listItems.length).toBeGreaterThan(10);
    for (const kids of listItems) expect(kids).toEqual(['Lbl', 'LBody']);
  });
});

describe('the members\' agenda 2023-11-22 for a screen reader', () => {
  it('shows "Lukket indhold" on a closed item\'s page, outside the structure tree', () => {
    const pages = pdfPages(file('2023-11-22'));
    expect(pages.some((p) => p.startsWith('Lukket indhold'))).toBe(true);
    expect(structText(file('2023-11-22'))).not.toContain('Lukket indhold');
  });
});

describe('the stamps of a combined document\'s attachment pages', () => {
  it('are in embedded fonts only', () => {
    const fonts = execFileSync('pdffonts', [file('2023-09-06 --samlet')], { encoding: 'utf8' });
    const stampFonts = fonts.split('\n').filter((l) => /^SourceSans3|^DejaVu|^Liberation/.test(l));
    expect(stampFonts.length).toBeGreaterThan(0);
    for (const line of stampFonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
  });

  it('read an attachment title outside Latin-1 back whole on its stamped page', () => {
    const pages = pdfPages(file('2023-09-06 --samlet'));
    const stamped = pages.filter((p) => p.includes('Bilag 3.2: '));
    expect(stamped.length).toBeGreaterThan(0);
    for (const page of stamped) expect(page).toContain(`Bilag 3.2: ${oddTitle}, 91142/23`);
  });
});
