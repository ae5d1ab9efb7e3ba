import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

// Sub-items (a, b, c ...) of an item, each with its own sections and Bilag; a closed one with
// markers in every field, which must not reach the public version. Built in the Esbjerg house, with
// participants who are not members and an item's earlier treatments written by hand.
/** The shared tool that reads a contents as a reader does, where it is. */
const tocCheck = ['/work/shared/tools/toc-check', path.join(packageRoot, '..', 'shared', 'tools', 'toc-check')].find(existsSync);

/**
 * The meeting in `repo`, both versions in one build (one browser), each PDF moved to `dir/<name>.pdf` as the tests
 * read them: `names.members`, `names.public`. `extra`: more of build's options (--samlet).
 */
function buildBoth(repo: string, dir: string, names: { members: string; public: string }, extra: string[] = []): void {
  const run = agenda(['build', '2014-11-03', '--meetings', repo, '--both', ...extra], { cwd: dir });
  // No error: only the summary a build of several documents ends with.
  expect(errorLines(run.stderr), run.stderr).toEqual([expect.stringMatching(/^built 2 of 2 documents in [\d.]+ s$/)]);
  expect(run.status).toBe(0);
  const made = run.stdout.split('\n').filter(Boolean);
  expect(made).toHaveLength(2);
  for (const file of made)
    renameSync(path.resolve(dir, file), path.join(dir, `${file.includes('-offentlig') ? names.public : names.members}.pdf`));
}

const markers = ['XQZSECRET-SUB-TITEL', 'XQZSECRET-SUB-TEKST', 'XQZSECRET-SUB-BILAG', 'XQZSECRET-SUB-DOK'];
const meeting = `
deltagere:
  - { navn: Mette Holm, rolle: sekretær }
punkter:
  - titel: Anlægsprojekter på vejområdet
    dokumentnummer: "3001"
    tidligere_behandlinger:
      - { udvalg: Byrådet, dato: 2014-06-16, punkt: 12 }
    indledning: Tre projekter skal prioriteres.
    bilag:
      - { titel: Samlet oversigt, dokument: "200/14" }
    underpunkter:
      - titel: Kloakering af Nørregade
        sagsfremstilling: Ledningerne er over 60 år gamle.
        bilag:
          - { titel: Projektbeskrivelse Nørregade, dokument: "201/14", fil: bilag/2-1.pdf }
      - titel: ${markers[0]}
        offentlig_titel: Ekspropriation
        lukket: true
        sagsfremstilling: ${markers[1]} om grundejerne.
        bilag:
          - { titel: ${markers[2]}, dokument: ${markers[3]}, fil: bilag/2-2.pdf }
      - titel: Cykelsti langs Stormgade
        sagsfremstilling: Stien forbinder skolen med boligområdet.
    beslutning: Godkendt.
`;

describe('sub-items of an item', () => {
  const dir = tempDir();
  const repo = path.join(dir, 'esbjerg');
  const out = (name: string) => path.join(dir, `${name}.pdf`);

  beforeAll(() => {
    cpSync(path.join(exampleRoot(), 'fixtures', 'esbjerg'), repo, { recursive: true });
    mkdirSync(path.join(repo, 'bilag'));
    for (const file of ['2-1.pdf', '2-2.pdf'])
      cpSync(path.join(exampleRoot(), 'meetings', 'bilag', '2023-11-22', file), path.join(repo, 'bilag', file));
    writeFileSync(path.join(repo, '2014-11-03.yaml'), meeting);
    buildBoth(repo, dir, { members: 'medlemmer', public: 'offentlig' });
    buildBoth(repo, dir, { members: 'samlet', public: 'offentlig-samlet' }, ['--samlet']);
  });

  it('prints each with its letter, its sections and its own Bilag, in the members’ version', () => {
    const text = pdfPages(out('medlemmer')).join('\n');
    expect(text).toMatch(
      /a\. Kloakering af Nørregade\s+Sagsfremstilling\s+Ledningerne er over 60 år gamle\.\s+Bilag\s+1\s+Åben\s+Projektbeskrivelse Nørregade\s+201\/14/,
    );
    // The closed sub-item marked as closed texts are, under its heading.
    expect(text).toMatch(new RegExp(`b\\. ${markers[0]}\\s+Lukket\\s+Sagsfremstilling\\s+${markers[1]}`));
    expect(text).toMatch(/c\. Cykelsti langs Stormgade/);
    expect(text).toMatch(/Bilag\s+1\s+Åben\s+Samlet oversigt\s+200\/14\s+a\. Kloakering/);
    for (const m of markers) expect(text).toContain(m);
  });

  it('prints the participants who are not members, the item’s document number and its earlier treatments', () => {
    const text = pdfPages(out('medlemmer')).join('\n');
    expect(text).toMatch(/Øvrige\s+deltagere:\s+Mette Holm, sekretær/);
    expect(text).toContain('Dok.nr.: 3001');
    expect(text).toMatch(/Tidligere behandlinger:\s+Byrådet den 16\. juni 2014, punkt 12/);
    expect(text).toMatch(/Deltagere:\s+Jens Holm Sørensen \(V\)(\s+\S[^\n]*\([A-ZØ]\))+\s+Øvrige/);
  });

  it('leaves a closed sub-item in the public version as its letter and public title only, in every byte', () => {
    for (const name of ['offentlig', 'offentlig-samlet']) {
      const text = pdfPages(out(name)).join('\n');
      expect(text).toMatch(/b\. Ekspropriation\s/);
      expect(text).toMatch(/a\. Kloakering af Nørregade/);
      const forms = pdfByteForms(out(name));
      for (const m of markers)
        for (const s of spellings(m)) for (const form of forms) expect(form.includes(s), `${m} in ${name}`).toBe(false);
    }
  });

  it('stamps a sub-item’s attachment with its letter in the combined document, and keeps the contents right', () => {
    const text = pdfPages(out('samlet')).join('\n');
    expect(text).toContain('Bilag 1a.1: Projektbeskrivelse Nørregade, 201/14');
    expect(text).toMatch(/Bilag 1b\.1/);
    expect(pdfPages(out('offentlig-samlet')).join('\n')).not.toMatch(/Bilag 1b\.1/);
    for (const name of ['medlemmer', 'samlet', 'offentlig-samlet'])
      for (const e of contentsEntries(out(name))) expect(e, `${name}: ${e.title}`).toMatchObject({ printed: e.listed });
  });
});

/** An item whose first sub-item's text (sagsfremstilling) follows. */
const longItemStart = `punkter:
  - titel: Anlægsprojekter på vejområdet
    indledning: Tre projekter skal prioriteres.
    underpunkter:
      - titel: Kloakering af Nørregade
        sagsfremstilling: |
`;
/** A sub-item's text of 60 paragraphs, as a YAML block's lines: it takes pages, so the next sub-item is on another. */
const longText = Array.from(
  { length: 60 },
  (_, i) => `          Afsnit ${i + 1} om ledningerne, som skal skiftes i hele gadens længde.\n`,
).join('\n');

// A house that lists the sub-items in the contents (underpunkter_i_indhold: ja): each under its item,
// with the page its heading is on, proved against the print like the items' (a long first sub-item
// puts the others two pages on), in the members' and the public version, combined with each item's
// attachments after it, and numbered from the front page.
describe('sub-items in the contents, where the house lists them', () => {
  const dir = tempDir();
  const repo = path.join(dir, 'esbjerg');
  const out = (name: string) => path.join(dir, `${name}.pdf`);
  const long = `
${longItemStart}${longText}
        bilag:
          - { titel: Projektbeskrivelse Nørregade, dokument: "201/14", fil: bilag/2-1.pdf }
      - titel: ${markers[0]}
        offentlig_titel: Ekspropriation
        lukket: true
        sagsfremstilling: Om grundejerne.
      - titel: Cykelsti langs Stormgade
        sagsfremstilling: Stien forbinder skolen med boligområdet.
    beslutning: Godkendt.
  - titel: Eventuelt
    beslutning: Intet.
`;
  /** The documents built: both versions (one build), the combined one with each attachment after its item, and fra-forsiden. */
  const built = ['medlemmer', 'offentlig', 'efter-punkt', 'fra-forsiden'];

  beforeAll(() => {
    cpSync(path.join(exampleRoot(), 'fixtures', 'esbjerg'), repo, { recursive: true });
    mkdirSync(path.join(repo, 'bilag'));
    cpSync(path.join(exampleRoot(), 'meetings', 'bilag', '2023-11-22', '2-1.pdf'), path.join(repo, 'bilag', '2-1.pdf'));
    const kommune = path.join(repo, 'kommune.yaml');
    writeFileSync(kommune, readFileSync(kommune, 'utf8').replace(/^husstil:\n/m, 'husstil:\n  underpunkter_i_indhold: ja\n'));
    writeFileSync(path.join(repo, '2014-11-03.yaml'), long);
    buildBoth(repo, dir, { members: 'medlemmer', public: 'offentlig' });
    const combined = agenda(['build', '2014-11-03', '--meetings', repo, '--out', out('efter-punkt'), '--samlet', '--bilag-efter-punkt']);
    expect(errorLines(combined.stderr)).toEqual([]);
    expect(combined.status).toBe(0);
    writeFileSync(kommune, readFileSync(kommune, 'utf8').replace(/^husstil:\n/m, 'husstil:\n  sidetal_fra: forside\n'));
    const run = agenda(['build', '2014-11-03', '--meetings', repo, '--out', out('fra-forsiden')]);
    expect(errorLines(run.stderr)).toEqual([]);
  });

  it('lists each sub-item under its item with the page its heading is on', () => {
    const titles = (name: string) => contentsEntries(out(name)).map((e) => e.title);
    const listed = ['a. Kloakering af Nørregade', `b. ${markers[0]}`, 'c. Cykelsti langs Stormgade'];
    expect(titles('medlemmer')).toEqual(['1. Anlægsprojekter på vejområdet', ...listed, '2. Eventuelt', 'Bilagsliste']);
    expect(titles('offentlig')).toContain('b. Ekspropriation');
    for (const name of built) {
      const entries = contentsEntries(out(name));
      for (const e of entries) expect(e, `${name}: ${e.title}`).toMatchObject({ printed: e.listed });
      // The first sub-item's text takes pages: the next one is not on its item's page.
      const page = (start: string) => entries.find((e) => e.title.startsWith(start))?.listed ?? 0;
      expect(page('b.'), name).toBeGreaterThan(page('1.'));
      if (tocCheck) expect(execFileSync(tocCheck, [out(name)], { encoding: 'utf8' })).toMatch(/toc 6\/6 entries right/);
    }
  });

  it('marks the members’ contents page as closed where it lists a closed sub-item by its title, and not the public one', () => {
    const contentsPage = (name: string) => pdfPages(out(name)).find((page) => /^b\. /m.test(page)) ?? '';
    expect(contentsPage('medlemmer')).toContain(markers[0]);
    expect(contentsPage('medlemmer')).toMatch(/^Lukket indhold$/m);
    expect(contentsPage('offentlig')).toContain('b. Ekspropriation');
    expect(contentsPage('offentlig')).not.toContain('Lukket indhold');
  });
});

// The sub-items' pages come from the PDF's outline, taken by the headings' places in it: a "## heading"
// in an item's text stays text (no heading to shift them), and a house's template with headings Chromium
// leaves out of the outline (an empty one, a hidden one) before a sub-item is an error naming the template,
// never a contents with a later heading's page.
describe('sub-items in the contents, where headings might shift their places in the outline', () => {
  const dir = tempDir();
  const repo = path.join(dir, 'esbjerg');
  const meetingFile = `
${longItemStart}          ## Baggrund
${longText}
      - titel: Ekspropriation
        sagsfremstilling: Om grundejerne.
      - titel: Cykelsti langs Stormgade
        sagsfremstilling: Stien forbinder skolen med boligområdet.
    beslutning: Godkendt.
`;
  const partials = path.join(repo, 'husstil', 'partials');
  const build = (name: string) => agenda(['build', '2014-11-03', '--meetings', repo, '--out', path.join(dir, `${name}.pdf`)]);

  beforeAll(() => {
    cpSync(path.join(exampleRoot(), 'fixtures', 'esbjerg'), repo, { recursive: true });
    const kommune = path.join(repo, 'kommune.yaml');
    writeFileSync(kommune, readFileSync(kommune, 'utf8').replace(/^husstil:\n/m, 'husstil:\n  underpunkter_i_indhold: ja\n'));
    writeFileSync(path.join(repo, '2014-11-03.yaml'), meetingFile);
  });

  it('gives each sub-item the page its heading is on, the Markdown "## heading" kept as text', () => {
    const run = build('markdown');
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
    const out = path.join(dir, 'markdown.pdf');
    const entries = contentsEntries(out);
    expect(entries.map((e) => e.title)).toContain('b. Ekspropriation');
    for (const e of entries) expect(e, e.title).toMatchObject({ printed: e.listed });
    expect(pdfPages(out).join('\n')).toContain('## Baggrund');
    if (tocCheck) expect(execFileSync(tocCheck, [out], { encoding: 'utf8' })).toMatch(/toc (\d+)\/\1 entries right/);
  });

  it('refuses, naming the template, sub-item headings whose places in the outline an empty or hidden heading shifted', () => {
    mkdirSync(partials, { recursive: true });
    const afsnit = readFileSync(path.join(packageRoot, 'templates', 'partials', 'afsnit.hbs'), 'utf8');
    const hiding = afsnit.replace('<h2>{{heading}}</h2>', '<h3></h3><h3 hidden>Skjult</h3><h2>{{heading}}</h2>');
    writeFileSync(path.join(partials, 'afsnit.hbs'), hiding);
    const run = build('skjulte');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${path.join(partials, 'afsnit.hbs')}: the house style's templates or stylesheet leave headings out`);
    expect(run.stderr).toMatch(
      /the sub-item heading "a\. Kloakering af Nørregade" \(underpunkt-1a\) is not the PDF outline's entry in its place/,
    );
    expect(existsSync(path.join(dir, 'skjulte.pdf'))).toBe(false);
  });
});
