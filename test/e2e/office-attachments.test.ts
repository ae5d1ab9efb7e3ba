import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedFileMarkers, closedFixtureWithFiles, linkTargets, scanPng } from '../support/attachments.js';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { countingLibreOffice, encryptedDocx, saveAllAs, sheetFile, slidesFile, wordFile } from '../support/office-files.js';
import { outline, pdfImages, pdfInfo, pdfPages, type OutlineEntry } from '../support/pdf.js';
import { closedMarkersIn, siteFiles } from '../support/site.js';
import { sharedCombinedAgenda, sharedPdf } from '../support/shared-build.js';

// Office attachments (issue 31): a .docx, an .xlsx and a .pptx in the combined document, on the site,
// from the cache on a rebuild; a missing LibreOffice said once; a closed one never converted for the public.

const pageCount = (file: string) => Number(pdfInfo(file).Pages);
const install = 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui';

const word = {
  heading: 'Tidsplan for budgetopfølgning',
  paragraph: 'Økonomiudvalget får en kvartalsvis opfølgning på årets budget – æøå ÆØÅ.',
  cells: [
    ['Kvartal', 'Frist'],
    ['Første', 'Primo april'],
    ['Andet', 'Ultimo juni'],
  ],
};
const slides = ['Dias ét om DOL-anerkendelsen', 'Dias to: næste skridt'];

/** The closed fixture's open attachment and both closed ones as Word documents, a marker inside each closed one. */
const closedWords = [
  ['aabent', 'OPENFILE01 budgettet'],
  ['lukket', `${closedFileMarkers[0]} tilbud`],
  ['lukket-punkt', `${closedFileMarkers[1]} personale`],
] as const;

let saving: Promise<Buffer[]> | undefined;
/**
 * The office files of all the tests here, saved by LibreOffice once for the file, one run per extension (their
 * making is not what is tested): the .docx, .xlsx and .pptx of 2023-11-22, then closedWords' .docx files.
 */
const officeFiles = () =>
  (saving ??= saveAllAs([
    wordFile(word),
    sheetFile({ rows: 40, columns: 30 }),
    slidesFile(slides),
    ...closedWords.map(([, text]) => wordFile({ heading: text, paragraph: text, cells: [[text]] })),
  ]));

/** 2023-11-22 of the example meetings with its three open attachments as a .docx, an .xlsx and a .pptx. */
async function officeMeeting(meetings: string): Promise<void> {
  const bilag = path.join(meetings, 'bilag', '2023-11-22');
  const [docx, xlsx, pptx] = await officeFiles();
  writeFileSync(path.join(bilag, '2-1.docx'), docx!);
  writeFileSync(path.join(bilag, '3-1.xlsx'), xlsx!);
  writeFileSync(path.join(bilag, '3-2.pptx'), pptx!);
  const yaml = path.join(meetings, '2023-11-22.yaml');
  for (const [from, to] of [
    ['2-1.pdf', '2-1.docx'],
    ['3-1.pdf', '3-1.xlsx'],
    ['3-2.pdf', '3-2.pptx'],
  ])
    edit(yaml, `bilag/2023-11-22/${from}\n`, `bilag/2023-11-22/${to}\n`);
}

describe('agenda build --samlet with a .docx, an .xlsx and a .pptx', () => {
  const { dir, meetings } = copyOfMeetings();
  const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
  const soffice = countingLibreOffice(dir);
  const combined = path.join(dir, 'samlet.pdf');
  let agendaOnly: string;
  const build = (out: string, ...more: string[]) =>
    agenda(['build', '2023-11-22', '--meetings', meetings, '--quiet', '--libreoffice', soffice.program, '--out', out, ...more], {
      cwd: dir,
      env,
    });
  let pages: string[];
  let attachments: OutlineEntry[];
  let conversions: number;
  /** The sheets of the attachment whose bookmark starts with `label`. */
  const sheetsOf = (label: string) => {
    const i = attachments.findIndex((a) => a.title.startsWith(label));
    const end = attachments[i + 1]?.sheet ?? pages.length + 1;
    return pages.slice(attachments[i]!.sheet - 1, end - 1);
  };

  let checked: number;

  beforeAll(async () => {
    await officeMeeting(meetings);
    // agenda check converts every office file of the folder, which fills the cache.
    expect(agenda(['check', '--meetings', meetings, '--libreoffice', soffice.program], { cwd: dir, env }).status).toBe(0);
    checked = soffice.conversions();
    const run = build(combined, '--samlet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    conversions = soffice.conversions();
    // The agenda's own pages, without attachments: an office file's name is not printed in them, so the suite's shared
    // build of the unchanged meeting has them.
    const alone = sharedPdf('meetings', '2023-11-22');
    expect(alone.run.status, alone.run.stderr).toBe(0);
    agendaOnly = alone.pdf;
    pages = pdfPages(combined);
    attachments = outline(combined)
      .filter((e) => /^\d+\. /.test(e.title))
      .flatMap((item) => item.kids.filter((k) => /^Bilag \d+\.\d+: /.test(k.title)));
  });

  it("converts nothing that agenda check converted, and bookmarks and stamps each as its item's attachment", () => {
    // The three of 22 November and the two of 6 September, each one LibreOffice run or more.
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(conversions).toBe(checked);
    expect(attachments.map((a) => a.title)).toEqual([
      'Bilag 2.1: Notat Tidsplan for budgetopfølgning 2024, 116728/23',
      'Bilag 2.2: Lukket bilag',
      'Bilag 3.1: Anerkendelse af gennemført DOL, 115878/23',
      'Bilag 3.2: Arbejdsnotat til brug for konstituering 2022-2025, 116679/23',
    ]);
    const total = Number(/Side \d+ af (\d+)/.exec(pages.at(-1)!)?.[1]);
    for (const [i, text] of pages.slice(pageCount(agendaOnly)).entries()) {
      expect(text).toMatch(/^Bilag [23]\.\d: /m);
      expect(text).toContain(`Side ${total - (pages.length - pageCount(agendaOnly)) + i + 1} af ${total}`);
    }
  });

  it("keeps the Word document's heading, Danish letters, table and picture", () => {
    const text = sheetsOf('Bilag 2.1').join('\n');
    expect(sheetsOf('Bilag 2.1')).toHaveLength(1);
    expect(text).toContain(word.heading);
    expect(text).toContain('æøå ÆØÅ');
    for (const c of word.cells.flat()) expect(text).toContain(c);
    const sheet = attachments[0]!.sheet;
    expect(pdfImages(combined, sheet).some((i) => i.width === 120 && i.height === 80)).toBe(true);
  });

  it('keeps every cell of the spreadsheet wider than A4, on A4 sheets', () => {
    const text = sheetsOf('Bilag 3.1').join('\n');
    for (let r = 1; r <= 40; r++) for (let k = 1; k <= 30; k++) expect(text).toContain(`R${r}K${k}`);
    const first = attachments[2]!.sheet;
    const sizes = execFileSync('pdfinfo', ['-f', String(first), '-l', String(first + sheetsOf('Bilag 3.1').length - 1), combined], {
      encoding: 'utf8',
    });
    for (const size of sizes.match(/Page +\d+ size: .*/g)!) expect(size).toMatch(/\(A4\)/);
  });

  it('gives each slide a page of its own', () => {
    const own = sheetsOf('Bilag 3.2');
    expect(own).toHaveLength(2);
    own.forEach((text, i) => expect(text).toContain(slides[i]));
  });

  it('lists each in the Bilagsoversigt at the page where it starts, linked there', async () => {
    const oversigt = outline(combined).find((e) => e.title === 'Bilagsoversigt')!.sheet;
    const starts = attachments.map((a) => a.sheet);
    expect([...new Set(await linkTargets(combined, oversigt))]).toEqual(starts);
    const printed = starts.map((start) => /Side (\d+) af/.exec(pages[start - 1]!)![1]);
    expect([...pages[oversigt - 1]!.matchAll(/^\s*\d+\. .* side (\d+)$/gm)].map((m) => m[1])).toEqual(printed);
  });

  it('converts nothing on a rebuild and gives the same bytes', () => {
    const again = path.join(dir, 'again.pdf');
    expect(build(again, '--samlet').status).toBe(0);
    expect(soffice.conversions()).toBe(conversions);
    expect(readFileSync(again).equals(readFileSync(combined))).toBe(true);
  });

  it('publishes each as a PDF of its own, from the cache', () => {
    const site = path.join(dir, 'site');
    const run = agenda(['publish', '--meetings', meetings, '--out', site, '--quiet', '--libreoffice', soffice.program], { cwd: dir, env });
    expect(run.status, run.stderr).toBe(0);
    expect(soffice.conversions()).toBe(conversions);
    const published = (n: string) =>
      path.join(
        site,
        siteFiles(site).find((f) => f.endsWith(`2023-11-22-bilag-${n}.pdf`))!,
      );
    expect(readFileSync(published('2-1')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(published('2-1')).join('\n')).toContain(word.heading);
    expect(pageCount(published('3-1'))).toBe(sheetsOf('Bilag 3.1').length);
    expect(pdfPages(published('3-2'))).toHaveLength(2);
    const data = readFileSync(
      path.join(
        site,
        siteFiles(site).find((f) => /2023-11-22.*\.json$/.test(f))!,
      ),
      'utf8',
    );
    expect(data).toContain('2023-11-22-bilag-2-1.pdf');
    expect(data).not.toMatch(/\.docx|\.xlsx|\.pptx|officedocument/);
  });

  it('publishes each anew when LibreOffice says another version, keeping the rest, and starts no browser for it', () => {
    const site = path.join(dir, 'site');
    // The counting LibreOffice, telling a version it never had: an upgrade, as publish sees one.
    const upgraded = path.join(dir, 'soffice-upgraded');
    writeFileSync(
      upgraded,
      `#!/bin/sh\ncase "$*" in *--version*) echo 'LibreOffice 99.1.0.0 upgraded(Build:1)'; exit 0 ;; esac\nexec '${soffice.program}' "$@"\n`,
      { mode: 0o755 },
    );
    const publish = () => {
      const run = agenda(
        ['publish', '--meetings', meetings, '--out', site, '--json', '--libreoffice', upgraded, '--browser', path.join(dir, 'no-browser')],
        { cwd: dir, env },
      );
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { printed: number };
    };
    const before = soffice.conversions();
    // The three open office files, converted again (the cache is the old version's; a sheet may take
    // LibreOffice more than one run); no document printed.
    expect(publish().printed).toBe(0);
    const converted = soffice.conversions();
    expect(converted).toBeGreaterThanOrEqual(before + 3);
    expect(
      pdfPages(
        path.join(
          site,
          siteFiles(site).find((f) => f.endsWith('2023-11-22-bilag-2-1.pdf'))!,
        ),
      ).join('\n'),
    ).toContain(word.heading);
    // From the same converter again, each is kept.
    expect(publish().printed).toBe(0);
    expect(soffice.conversions()).toBe(converted);
  });

  it("is finalized with each office file's own SHA-256, as a PDF is", () => {
    expect(agenda(['finalize', '2023-11-22', '--meetings', meetings, '--libreoffice', soffice.program], { cwd: dir, env }).status).toBe(0);
    const recorded = readFileSync(path.join(meetings, 'arkiv', '2023-11-22', 'bilag.yaml'), 'utf8');
    for (const file of ['2-1.docx', '3-1.xlsx', '3-2.pptx']) {
      const sha = execFileSync('sha256sum', [path.join(meetings, 'bilag', '2023-11-22', file)], { encoding: 'utf8' }).split(' ')[0]!;
      expect(recorded).toContain(`"bilag/2023-11-22/${file}": ${sha}`);
    }
  });
});

describe('without LibreOffice', () => {
  const { dir, meetings } = copyOfMeetings();
  const out = path.join(dir, 'samlet.pdf');
  const nowhere = path.join(dir, 'no-such', 'soffice');
  const filLine = /2023-11-22\.yaml:34:14: punkter\[1\]\.bilag\[0\]\.fil: bilag\/2023-11-22\/2-1\.docx: /;

  beforeAll(() => officeMeeting(meetings));

  it.each([
    ['--libreoffice naming no program', ['--libreoffice', nowhere], {}],
    ['AGENDA_LIBREOFFICE naming no program', [], { AGENDA_LIBREOFFICE: nowhere }],
  ])('a meeting with office files gets one line saying what to install (%s), and no output', (_, flag, env) => {
    const run = agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--out', out, ...flag], { cwd: dir, env });
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(install);
    expect(run.stderr).toContain(nowhere);
    expect(existsSync(out)).toBe(false);
    const check = agenda(['check', '2023-11-22', '--meetings', meetings, ...flag], { cwd: dir, env });
    expect(check.status).toBe(1);
    expect(check.stderr.split('\n').filter((l) => l.includes(install))).toEqual([expect.stringMatching(filLine)]);
  });

  it('PDF, PNG and JPEG attachments need nothing new', () => {
    // The suite's shared build of the unchanged meeting --samlet, which names a LibreOffice that is not there.
    const { run, pdf } = sharedCombinedAgenda();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(pageCount(pdf)).toBeGreaterThan(pageCount(sharedPdf('meetings', '2023-11-22').pdf));
  });
});

describe('an office file that cannot be converted', () => {
  const { dir, meetings } = copyOfMeetings();
  const filLine = /2023-11-22\.yaml:34:14: punkter\[1\]\.bilag\[0\]\.fil: bilag\/2023-11-22\/2-1\.docx: /;
  const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };

  beforeAll(() => edit(path.join(meetings, '2023-11-22.yaml'), 'bilag/2023-11-22/2-1.pdf\n', 'bilag/2023-11-22/2-1.docx\n'));

  it.each([
    ['a PNG named .docx', () => scanPng(40, 40), /PNG/],
    ['a .docx with a password', () => encryptedDocx(), /password/],
  ])('%s is one located error at its fil: line, in build and in check, and no output', (_, bytes, message) => {
    writeFileSync(path.join(meetings, 'bilag', '2023-11-22', '2-1.docx'), bytes());
    const out = path.join(dir, 'samlet.pdf');
    const run = agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--out', out], { cwd: dir, env });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(filLine);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
    const check = agenda(['check', '2023-11-22', '--meetings', meetings], { cwd: dir, env });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(filLine);
  });
});

describe('a closed office attachment', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
  const cache = path.join(dir, 'cache', 'agenda', 'office');
  const run = (args: string[]) => agenda([...args, '--meetings', meetings, '--quiet'], { cwd: dir, env });

  beforeAll(async () => {
    await closedFixtureWithFiles(meetings);
    const yaml = path.join(meetings, '2024-03-06.yaml');
    const words = (await officeFiles()).slice(3);
    for (const [i, [name]] of closedWords.entries()) {
      rmSync(path.join(meetings, 'bilag', `${name}.pdf`));
      writeFileSync(path.join(meetings, 'bilag', `${name}.docx`), words[i]!);
      edit(yaml, `fil: bilag/${name}.pdf\n`, `fil: bilag/${name}.docx\n`);
    }
  });

  it('is never converted for a public output, and nothing of it reaches the site or the public combined document', () => {
    const site = path.join(dir, 'site');
    expect(run(['publish', '--samlet', '--out', site]).status).toBe(0);
    // Beside the site, not in it: a document built into a published site is refused (publish writes the site's).
    const combined = path.join(dir, 'samlet', 'offentlig-samlet.pdf');
    expect(run(['build', '2024-03-06', '--public', '--samlet', '--out', combined]).status).toBe(0);
    // The cache holds the open file's PDF only, nothing of a closed one.
    const cached = () =>
      readdirSync(cache)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => pdfPages(path.join(cache, f)).join('\n'))
        .join('\n');
    expect(cached()).toContain('OPENFILE01');
    expect(siteFiles(site).some((f) => f.endsWith('-bilag-1-1.pdf'))).toBe(true);
    expect(pdfPages(combined).join('\n')).toContain('OPENFILE01 budgettet');
    expect(closedMarkersIn(site, closedFileMarkers)).toEqual([]);
    expect(closedMarkersIn(path.dirname(combined), closedFileMarkers)).toEqual([]);
    for (const m of closedFileMarkers) expect(cached()).not.toContain(m);
    // The members' combined document holds them.
    const members = path.join(dir, 'medlemmer.pdf');
    expect(run(['build', '2024-03-06', '--samlet', '--out', members]).status).toBe(0);
    // Converted now, for the members, they are there (so the search above would have found them).
    for (const m of closedFileMarkers) expect(cached()).toContain(m);
    for (const m of closedFileMarkers) expect(pdfPages(members).join('\n')).toContain(m);
  });
});
