import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { fixtureSource, sharedPdf, sharedPublicVersion } from '../support/shared-build.js';
import { fidelity } from '../support/fidelity.js';
import { closedFixture as fixture, markers, printedMarkers, spellings } from '../support/markers.js';
import { pdfByteForms, pdfInfo, pdfOutline, pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

describe('a meeting with closed content', () => {
  let membersPdf: string;
  let dir: string;
  let publicPdf: string;

  beforeAll(() => {
    // Only read: both versions as built once for the suite (test/support/shared-build.ts), reader-view's too.
    const shared = sharedPdf(fixtureSource, '2024-03-06');
    expect(shared.run.status).toBe(0);
    membersPdf = shared.pdf;
    const { run, out } = sharedPublicVersion();
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('out/2024-03-06-referat-offentlig.pdf');
    dir = out;
    publicPdf = path.join(dir, 'out', '2024-03-06-referat-offentlig.pdf');
  });

  it('shows every closed part in the members’ version, marked "Lukket"', () => {
    const text = pdfPages(membersPdf).join('\n');
    for (const m of printedMarkers) expect(text, m).toContain(m);
    expect(text.match(/^Lukket$/gm)?.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('Lukket sag');
  });

  it('leaves no closed part in the public version: text, raw bytes, metadata, outline, HTML or file name', () => {
    const text = pdfPages(publicPdf).join('\n');
    const forms = pdfByteForms(publicPdf);
    const metadata = JSON.stringify(pdfInfo(publicPdf));
    const outline = JSON.stringify(pdfOutline(publicPdf));
    const html = readFileSync(path.join(dir, 'offentlig.html'), 'utf8');
    const names = readdirSync(path.join(dir, 'out')).join(' ');
    for (const m of markers) {
      expect(text, `${m} in the text`).not.toContain(m);
      for (const bytes of forms) for (const s of spellings(m)) expect(bytes.includes(s), `${m} in the raw PDF as ${s}`).toBe(false);
      expect(metadata, `${m} in the metadata`).not.toContain(m);
      expect(outline, `${m} in the outline`).not.toContain(m);
      expect(html, `${m} in the HTML`).not.toContain(m);
      expect(names, `${m} in the file name`).not.toContain(m);
    }
    console.log(`closed content: none of ${markers.join(', ')} in the public PDF's text, raw bytes, metadata, outline, HTML or file name`);
  });

  it('keeps a closed item’s number and place under its public title, or "Lukket punkt"', () => {
    const outline = pdfOutline(publicPdf).map((o) => o.title);
    expect(outline).toEqual([
      'Indholdsfortegnelse',
      '1. Orientering',
      '2. Personalesag',
      '3. Lukket punkt',
      '4. Åbent punkt med en lukket række',
      'Bilagsoversigt',
      'Underskriftsside',
    ]);
    const text = pdfPages(publicPdf).join('\n').replace(/\n+/g, '\n');
    expect(text).toMatch(/2\. Personalesag\nLukket sag\n/);
    expect(text).toMatch(
      /Bilagsoversigt\n1\. Orientering\n1\. Åbent notat om budgettet \(1000\/24\)\n2\. \(Lukket bilag\) \(jf\. offentlighedslovens § 30\)\n2\. Personalesag\n1\. \(Lukket bilag\)/,
    );
  });

  it('shows the members a closed point of the forward plan marked "Lukket", the public "Lukket punkt" in its place', () => {
    // fixtures/lukket/plan.yaml: a closed point on 10 April and one awaiting a date, after an open one.
    const plan = (pdf: string) =>
      pdfPages(pdf)
        .find((page) => page.includes('Punkter som afventer dato'))!
        .replace(/\n+/g, '\n');
    const members = plan(membersPdf);
    expect(members, 'the page marked as holding closed content').toContain('Lukket indhold');
    expect(members).toMatch(/Åbent planlagt punkt om budgettet\n- Lukket\nOpfølgning på personalesag XQZSECRET05\n/);
    expect(members).toMatch(/Punkter som afventer dato:\n- Lukket\nEndelig aftale om køb af grund XQZSECRET12\n/);
    const published = plan(publicPdf);
    expect(published).toMatch(/Åbent planlagt punkt om budgettet\n- Lukket punkt\n/);
    expect(published).toMatch(/Punkter som afventer dato:\n- Lukket punkt\n/);
    expect(published).not.toMatch(/XQZSECRET|Lukket indhold/);
  });

  it('takes the plan’s points of the day as a timetable: the members see the closed one under "Lukket", the public only the open one', () => {
    // fixtures/lukket/plan.yaml: on 6 March, the meeting's own day, an open point and a closed one; Orientering has fra_plan.
    const timetable = (pdf: string) => {
      const text = pdfPages(pdf).join('\n').replace(/\n+/g, '\n');
      const start = text.indexOf('Orientering fra direktøren');
      expect(start, 'the open point of the day').toBeGreaterThan(-1);
      return text.slice(start, text.indexOf('Punkter som afventer dato', start));
    };
    expect(timetable(membersPdf)).toBe('Orientering fra direktøren\nLukket\nOrientering om personalesag XQZSECRET18\n');
    expect(timetable(publicPdf), 'a closed row is left out, as lukket.md says').toBe('Orientering fra direktøren\n');
  });

  it('tells the members’ and the public version apart by their default file names', () => {
    const cwd = tempDir();
    expect(agenda(['build', '2024-03-06', '--meetings', fixture], { cwd }).stdout.trim()).toBe('out/2024-03-06-referat.pdf');
  });
});

describe('agenda build 2023-09-06 --public', () => {
  it('still reads like the published minutes (fidelity at least 0.97)', () => {
    // Only read: built once for the suite (test/support/shared-build.ts), publish's too.
    const { run, pdf } = sharedPdf('meetings', '2023-09-06', ['--public']);
    expect(run.status, run.stderr).toBe(0);
    const score = fidelity(pdf, readFileSync(path.join(exampleRoot(), 'fixtures', 'references', '2023-09-06-referat.txt'), 'utf8'));
    expect(score).toBeGreaterThanOrEqual(0.97);
  });
});

describe('the warnings of a public build', () => {
  it('never quote closed content (a closed row’s time out of order), on stderr or in --json', () => {
    const dir = tempDir();
    const meetings = path.join(dir, 'lukket');
    cpSync(fixture, meetings, { recursive: true });
    edit(path.join(meetings, '2024-03-06.yaml'), '      - tid: 9.45\n', '      - tid: 9.05 XQZSECRETT1\n');
    // The second build prints anew (--force): a build that keeps its PDF does not read the meeting again, and tells no warnings.
    for (const json of [[], ['--json', '--force']]) {
      const run = agenda(['build', '2024-03-06', '--meetings', meetings, '--public', ...json], { cwd: dir });
      expect(run.status).toBe(0);
      expect(run.stdout + run.stderr).toMatch(/tidsplan\[1\]\.tid/);
      expect(run.stdout + run.stderr).not.toContain('XQZSECRET');
    }
  });
});

describe('a closed decision in an open item', () => {
  // Item 1 of the fixture: its decision is closed, with a member inhabil, a vote and a protokoltilførsel.
  const dir = tempDir();
  const record = [
    'Bo Bech deltog ikke i behandlingen af punktet på grund af inhabilitet.',
    'For stemte: Anna Andersen (1)',
    'Anna Andersen ønskede følgende tilført protokollen:',
  ];
  beforeAll(() => {
    expect(agenda(['build', '2024-03-06', '--meetings', fixture, '--both', '--quiet'], { cwd: dir }).status).toBe(0);
  });

  it('closes its whole record with it: who did not take part, the vote and the protokoltilførsel are not in the public version', () => {
    const text = pdfPages(path.join(dir, 'out', '2024-03-06-referat-offentlig.pdf')).join('\n');
    for (const line of record) expect(text).not.toContain(line);
  });

  it('shows the members the record under "Lukket", with the decision and the protokoltilførsel', () => {
    // Each page without its furniture ("Lukket indhold" atop, "Side N af M" below): the record may run over a page break.
    const text = pdfPages(path.join(dir, 'out', '2024-03-06-referat.pdf'))
      .map((page) => page.replace(/^\s*Lukket indhold\s/, '').replace(/\sSide \d+ af \d+\s*$/, ''))
      .join('\n')
      .replace(/\s+/g, ' ');
    const [inhabil, vote, protocol] = record;
    expect(text).toContain(
      `Lukket ${inhabil} ${vote} Udvalget godkendte XQZSECRET04. ${protocol} Formanden ønsker tilbuddet fra XQZSECRET16 afvist.`,
    );
  });
});
