import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { pageLabels, pdfInfo, pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

// What a house's configuration alone says about its pages (fixtures/husstil-sider: no partial, no
// stylesheet): a header of several lines on every page, pages numbered from the front page, the open and
// closed parts named, the decision's heading with the item's number, the weekday in lower case, no end time.

const tocCheck = path.join('/work', 'shared', 'tools', 'toc-check');

/** A copy of fixtures/husstil-sider, with `edit` made to its kommune.yaml. */
function house(edit: (kommune: string) => string = (k) => k): string {
  const repo = path.join(tempDir('agenda-house-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-sider'), repo, { recursive: true });
  const kommune = path.join(repo, 'kommune.yaml');
  writeFileSync(kommune, edit(readFileSync(kommune, 'utf8')));
  return repo;
}

function build(repo: string, ...args: string[]): string {
  const out = path.join(repo, 'out.pdf');
  const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', out, ...args], { cwd: repo });
  expect(errorLines(run.stderr), run.stderr).toEqual([]);
  expect(run.status).toBe(0);
  return out;
}

/** Every contents entry on the page it names, by our port of toc-check and by the shared tool where it is. */
function contentsRight(file: string, titles: string[]): void {
  const entries = contentsEntries(file);
  expect(entries.map((e) => e.title)).toEqual(titles);
  for (const e of entries) expect(e.printed, e.title).toBe(e.listed);
  if (existsSync(tocCheck))
    expect(execFileSync(tocCheck, [file], { encoding: 'utf8' })).toMatch(new RegExp(`toc ${titles.length}/${titles.length} entries right`));
}

const lines = (page: string) => page.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));

describe('a house style of configuration alone (fixtures/husstil-sider)', () => {
  let pages: string[];
  let file: string;
  let pub: string;
  // Both versions in one build (one browser), at the paths it prints.
  beforeAll(() => {
    const repo = house();
    const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--both'], { cwd: repo });
    // No error, no warning: only the summary a build of several documents ends with.
    expect(errorLines(run.stderr), run.stderr).toEqual([expect.stringMatching(/^built 2 of 2 documents in [\d.]+ s$/)]);
    expect(run.status).toBe(0);
    const made = run.stdout.split('\n').filter(Boolean);
    expect(made).toHaveLength(2);
    file = path.resolve(repo, made.find((f) => !f.endsWith('-offentlig.pdf')) ?? '');
    pub = path.resolve(repo, made.find((f) => f.endsWith('-offentlig.pdf')) ?? '');
    pages = pdfPages(file, true);
  });

  it('prints its header of two lines at the left and right and its footer in the middle on every page, the front page and contents too', () => {
    expect(pages).toHaveLength(6);
    pages.forEach((page, i) => {
      // The top right holds the members' version's mark of closed content first, where the page has it.
      const top = lines(page)
        .filter(Boolean)
        .slice(0, 5)
        .map((l) => l.replace(/( \| )?Lukket indhold/, ''))
        .filter(Boolean)
        .join(' | ');
      expect(top, `sheet ${i + 1}`).toMatch(/^Testkommune \| (Referat 4\. december 2012 \| )?Sundheds- og Forebyggelsesudvalget\b/);
      expect(top, `sheet ${i + 1}`).toContain('Referat 4. december 2012');
      expect(lines(page).filter(Boolean).at(-1), `sheet ${i + 1}`).toBe(`Side ${i + 1} af 6`);
    });
  });

  it("numbers the pages from the front page: the contents, the print and the PDF's page labels agree", () => {
    contentsRight(file, ['Åbent referat', '1. Ny sundhedspolitik', '2. Forebyggelse i skolerne', 'Lukket referat', '3. Køb af ejendom']);
    expect(contentsEntries(file).map((e) => e.listed)).toEqual([3, 3, 4, 5, 5]);
    expect(pageLabels(file)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it("names the open and closed parts over their first item and in the header of the part's pages", () => {
    expect(lines(pages[2]!)).toContain('Åbent referat');
    expect(lines(pages[2]!).filter(Boolean)[1]).toBe('Sundheds- og Forebyggelsesudvalget | Åbent referat');
    expect(lines(pages[4]!)).toContain('Lukket referat');
    expect(pages[4]).toMatch(/Sundheds- og Forebyggelsesudvalget\s+Lukket referat/);
    expect(pages[3]).not.toMatch(/Lukket referat/);
  });

  it("heads the decision with the committee's genitive and the item's number, the weekday in lower case, and no end time", () => {
    expect(pages[2]).toContain('Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1');
    expect(pages[4]).toContain('Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 3');
    // Who did not take part: the house's line, then each name with the party letter, one a line.
    const list = lines(pages[3]!).filter(Boolean);
    expect(list).toContain('Følgende deltog ikke i behandlingen af punktet:');
    expect(list[list.indexOf('Følgende deltog ikke i behandlingen af punktet:') + 1]).toBe('Erik Dahl (A)');
    expect(pages[3]).not.toContain('deltog ikke i behandlingen af punktet.');
    expect(pages[0]).toMatch(/Dato:\s+tirsdag den 4\. december 2012/);
    expect(pages[0]).not.toMatch(/Slut kl\.|17:00/);
  });

  it('the public version: the closed part under its name, the contents right, no closed content', () => {
    const text = pdfPages(pub, true);
    contentsRight(pub, ['Åbent referat', '1. Ny sundhedspolitik', '2. Forebyggelse i skolerne', 'Lukket referat', '3. Lukket punkt']);
    expect(text[4]).toMatch(/Sundheds- og Forebyggelsesudvalget\s+Lukket referat/);
    expect(text.join('\f')).not.toMatch(/ejendom|Lukket indhold/);
  });
});

describe("a committee's own genitive (udvalg.yaml genitiv:)", () => {
  it("names the committee's meeting in the PDF's subject as the file gives it, not by the rule", () => {
    // The formal name, whose genitive by the rule would be "Udvalget for Sundhed og Forebyggelses".
    const repo = house();
    const udvalg = path.join(repo, 'udvalg', 'SUF', 'udvalg.yaml');
    writeFileSync(udvalg, readFileSync(udvalg, 'utf8').replace(/^navn: .*$/m, 'navn: Udvalget for Sundhed og Forebyggelse'));
    const subject = pdfInfo(build(repo)).Subject;
    expect(subject).toContain('for Sundheds- og Forebyggelsesudvalgets møde den');
    expect(subject).not.toContain('Forebyggelses møde');
  });
});

describe('the combined document of a house that numbers from the front page', () => {
  it('stamps its attachment with the sheet it is on, and the Bilagsoversigt and page labels say the same', () => {
    const repo = house();
    copyFileSync(path.join(exampleRoot(), 'meetings', 'bilag', '2023-11-22', '2-2.pdf'), path.join(repo, 'udvalg', 'SUF', 'udkast.pdf'));
    const meeting = path.join(repo, 'udvalg', 'SUF', '2012-12-04.yaml');
    const text = readFileSync(meeting, 'utf8').replace(
      '    beslutning: Godkendt.\n  - titel: Forebyggelse',
      '    beslutning: Godkendt.\n    bilag:\n      - titel: Udkast til sundhedspolitik\n        fil: udkast.pdf\n  - titel: Forebyggelse',
    );
    writeFileSync(meeting, text);
    const file = build(repo, '--samlet');
    const sheets = pdfPages(file, true);
    const total = sheets.length;
    const overview = sheets.findIndex((p) => /^\s*Bilagsoversigt\s*$/m.test(p));
    contentsRight(file, [
      'Åbent referat',
      '1. Ny sundhedspolitik',
      '2. Forebyggelse i skolerne',
      'Lukket referat',
      '3. Køb af ejendom',
      'Bilagsoversigt',
    ]);
    // The attachment's first page: listed in the Bilagsoversigt, stamped, and labelled with the same number.
    const listed = Number(/Udkast til sundhedspolitik\D*(\d+)\s*$/m.exec(sheets[overview]!)?.[1]);
    const stamped = sheets.findIndex((p) => p.includes(`Side ${listed} af ${total}`) && !/Testkommune/.test(p));
    expect(stamped + 1).toBe(listed);
    expect(pageLabels(file)).toEqual(sheets.map((_, i) => String(i + 1)));
  });
});

describe('the house style keys, checked', () => {
  it('each mistake is one located error, exit code 1', () => {
    const repo = house((k) =>
      k
        .replace('sidetal_fra: forside', 'sidetal_fra: forsiden')
        .replace('"{dokument} {dato}"', '"{dokument} {dat}"')
        .replace('sider: [forside, indhold, punkter]\n  sidefod', 'sider: [forside, bagside]\n  sidefod')
        .replace('store_forbogstaver: []', 'store_forbogstaver: [titlen]')
        .replace('midte: "Side {side} af {sider}"', 'midte: { a: b }')
        .replace('sluttid: nej', 'sluttid: aldrig'),
    );
    const run = agenda(['check', '--udvalg', 'SUF'], { cwd: repo });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'kommune.yaml:22:13: husstil.sidehoved.højre[0]: {dat} is not known here (write {kommune}, {udvalg}, {udvalgs}, {dokument}, {del}, {dato}, {side}, {sider})',
      'kommune.yaml:23:22: husstil.sidehoved.sider[1]: expected forside, indhold or punkter',
      'kommune.yaml:25:12: husstil.sidefod.midte: expected text or a list (lines starting with "- "), got a block of keys',
      'kommune.yaml:27:16: husstil.sidetal_fra: expected første_punkt or forside',
      'kommune.yaml:28:24: husstil.store_forbogstaver[0]: expected forside, titel, beslutning or behandling',
      'kommune.yaml:29:12: husstil.sluttid: expected ja or nej (or true or false)',
    ]);
  });

  it('the old one-line header and footer keep their places: top left and bottom right of the items’ pages only', () => {
    const repo = house((k) =>
      k.replace(
        / {2}sidehoved:[\s\S]*?sidetal_fra: forside\n/,
        '  sidehoved: "{udvalg} · {dokument}"\n  sidefod: "Side {side} af {sider}"\n',
      ),
    );
    const file = build(repo);
    const text = pdfPages(file, true);
    expect(text[0]).not.toMatch(/Side \d|Referat$/m);
    expect(lines(text[2]!).filter(Boolean)[0]).toBe('Sundheds- og Forebyggelsesudvalget · Referat');
    expect(lines(text[2]!).filter(Boolean).at(-1)).toBe('Side 1 af 4');
    expect(pageLabels(file)).toEqual(['Forside', 'Indhold', '1', '2', '3', '4']);
    contentsRight(file, ['Åbent referat', '1. Ny sundhedspolitik', '2. Forebyggelse i skolerne', 'Lukket referat', '3. Køb af ejendom']);
  });

  it('a page number on the front page alone proves nothing wrong: the contents are counted from the first item', () => {
    const repo = house((k) =>
      k.replace(
        '  sidefod:\n    midte: "Side {side} af {sider}"\n    sider: [forside, indhold, punkter]\n',
        '  sidefod:\n    midte: "Side {side}"\n    sider: [forside]\n',
      ),
    );
    const file = build(repo);
    const text = pdfPages(file, true);
    expect(lines(text[0]!).filter(Boolean).at(-1)).toBe('Side 1');
    expect(text.slice(1).join('\f')).not.toMatch(/Side \d/);
    // Built (the proof passed), and each entry names the sheet its heading is on, the front page being 1.
    expect(contentsEntries(file).map((e) => [e.title, e.listed])).toEqual([
      ['Åbent referat', 3],
      ['1. Ny sundhedspolitik', 3],
      ['2. Forebyggelse i skolerne', 4],
      ['Lukket referat', 5],
      ['3. Køb af ejendom', 5],
    ]);
    expect(text[2]).toContain('1. Ny sundhedspolitik');
    expect(text[4]).toContain('3. Køb af ejendom');
  });

  it('a contents the print does not bear out, where the house numbers from the front page, is an error naming the partial, and no PDF', () => {
    const repo = house();
    const partials = path.join(repo, 'husstil', 'partials');
    mkdirSync(partials, { recursive: true });
    // Each line's number with a 0 after it: 30 for 3, a page the print does not have.
    const own = readFileSync(path.join(packageRoot, 'templates', 'partials', 'indhold.hbs'), 'utf8').replace('{{page}}', '{{page}}0');
    writeFileSync(path.join(partials, 'indhold.hbs'), own);
    const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'out.pdf'], { cwd: repo });
    expect(run.stderr).toMatch(
      /husstil\/partials\/indhold\.hbs: the house style's templates or stylesheet make a contents the print does not bear out: .*on page 30, but no page prints the number 30/,
    );
    expect(run.status).toBe(1);
    expect(existsSync(path.join(repo, 'out.pdf'))).toBe(false);
  });
});
