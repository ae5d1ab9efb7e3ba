import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { closedFileMarkers, closedFixtureWithFiles, encrypt, linkTargets, scanPng, wordBoxes, writePdf } from '../support/attachments.js';
import { spellings } from '../support/markers.js';
import { agenda, agendaAsync, copyOfMeetings, errorLines, tempDir } from '../support/cli.js';
import { sharedCombinedAgenda, sharedPdf } from '../support/shared-build.js';
import { startSmtpServer } from '../support/smtp.js';
import { edit } from '../support/edit.js';
import { contentsEntries } from '../support/contents.js';
import { outline, pdfByteForms, pdfImages, pdfInfo, pdfPages, type OutlineEntry } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

const pageCount = (file: string) => Number(pdfInfo(file).Pages);

/** The meeting's PDF without attachments, to compare with: only read, built once for the suite (test/support/shared-build.ts). */
function agendaAlone(date: string): string {
  const { run, pdf } = sharedPdf('meetings', date);
  expect(run.status, run.stderr).toBe(0);
  return pdf;
}

describe('agenda build 2023-09-06 --samlet, as on a fresh clone', () => {
  const { dir } = copyOfMeetings();
  const combined = path.join(dir, 'out', '2023-09-06-referat-samlet.pdf');
  let agendaOnly: string;
  const files = readdirSync(path.join(exampleRoot(), 'meetings', 'bilag', '2023-09-06'));
  let pages: string[];

  beforeAll(() => {
    const run = agenda(['build', '2023-09-06', '--samlet', '--quiet'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('out/2023-09-06-referat-samlet.pdf');
    agendaOnly = agendaAlone('2023-09-06');
    pages = pdfPages(combined);
  });

  it("holds the agenda's pages and every attachment page, tagged; the Word document and the spreadsheet a page each", () => {
    // 3.1 is a .docx and 3.4 an .xlsx, each converted to one page; the others are PDFs.
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(files.filter((f) => !pdfs.includes(f))).toEqual(['3-1.docx', '3-4.xlsx']);
    const attachmentPages = pdfs.map((f) => pageCount(path.join(dir, 'meetings', 'bilag', '2023-09-06', f))).reduce((a, b) => a + b) + 2;
    expect(files).toHaveLength(21);
    expect(pageCount(combined)).toBe(pageCount(agendaOnly) + attachmentPages);
    const starts = outline(combined)[3]!
      .kids.filter((k) => k.title.startsWith('Bilag 3.'))
      .map((k) => k.sheet);
    for (const n of [0, 3]) expect(starts[n + 1]! - starts[n]!, `Bilag 3.${n + 1}`).toBe(1);
    expect(pages[starts[0]! - 1]).toContain('Handlingsplan');
    expect(pages[starts[3]! - 1]).toContain('Arbejdsmængde');
    expect(pdfInfo(combined).Tagged).toBe('yes');
    expect(pdfInfo(combined)['Page size']).toMatch(/A4/);
  });

  it('has each attachment\'s text, stamped with what it is and its page "Side N af M"', () => {
    const first = pageCount(agendaOnly);
    const total = Number(/Side \d+ af (\d+)/.exec(pages[first]!)?.[1]);
    expect(total).toBeGreaterThan(100);
    expect(pages[first]).toMatch(/^Bilag 3\.1: APV for ledere - hovedside på intra, 91141\/23$/m);
    expect(pages[first]).toContain('Dokument 91141/23');
    for (const [i, text] of pages.slice(first).entries()) {
      expect(text, `sheet ${first + i + 1}`).toMatch(/^Bilag 3\.\d+: /m);
      expect(text, `sheet ${first + i + 1}`).toContain(`Side ${total - (pages.length - first) + i + 1} af ${total}`);
      expect(text).toContain('Dette er et eksempel på et bilag');
    }
    expect(pages.join('\n')).toContain('Bilag 3.18: Dialogmøde Borgerservice, IT og Digitaliesring, 91527/23');
  });

  // The shared tools stand beside the checkout where CI and the developers run (shared/).
  const tocCheck = path.join(packageRoot, '..', 'shared', 'tools', 'toc-check');
  it.runIf(existsSync(tocCheck))("passes toc-check: the contents' numbers are the pages printed", () => {
    const out = execFileSync(tocCheck, [combined], { encoding: 'utf8' });
    expect(out).toMatch(/toc (\d+)\/\1 entries right/);
  });

  it('has a bookmark for every item and every attachment under its item, at its first page', () => {
    const entries = outline(combined);
    const items = entries.filter((e) => /^\d+\. /.test(e.title));
    expect(items.map((e) => e.title.split('.')[0])).toEqual(['1', '2', '3', '4']);
    const attached = items[2]!.kids.filter((k) => k.title.startsWith('Bilag 3.'));
    expect(attached).toHaveLength(21);
    expect(attached[0]!.title).toBe('Bilag 3.1: APV for ledere - hovedside på intra, 91141/23');
    for (const a of attached) expect(pages[a.sheet - 1], a.title).toMatch(new RegExp(`^${a.title.slice(0, 10).replace('.', '\\.')}`, 'm'));
    expect(attached[0]!.sheet).toBe(pageCount(agendaOnly) + 1);
  });

  it('links each Bilagsoversigt entry and each Bilag table row to the page where its attachment starts, and shows that page', async () => {
    const starts = outline(combined)[3]!
      .kids.filter((k) => k.title.startsWith('Bilag 3.'))
      .map((k) => k.sheet);
    const oversigt = outline(combined).find((e) => e.title === 'Bilagsoversigt')!.sheet;
    const links = await linkTargets(combined, oversigt);
    // Each entry links twice (its title and its page); both go to the attachment's first page.
    expect([...new Set(links)]).toEqual(starts);
    const printed = (sheet: number) => /Side (\d+) af/.exec(pages[sheet - 1]!)![1];
    for (const [i, start] of starts.entries())
      expect(pages[oversigt - 1], `entry ${i + 1}`).toMatch(new RegExp(`^\\s*${i + 1}\\. .*side ${printed(start)}$`, 'm'));
    const tableSheets = [
      ...new Set(
        outline(combined)[3]!
          .kids.filter((k) => k.title === 'Bilag:')
          .map((k) => k.sheet),
      ),
    ];
    const fromTable = (await Promise.all([tableSheets[0]!, tableSheets[0]! + 1].map((s) => linkTargets(combined, s)))).flat();
    expect(new Set(fromTable.filter((s) => s > pageCount(agendaOnly)))).toEqual(new Set(starts));
  });

  it('gives the same bytes for the same inputs', () => {
    const again = path.join(dir, 'again.pdf');
    expect(agenda(['build', '2023-09-06', '--samlet', '--quiet', '--out', again], { cwd: dir }).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(combined))).toBe(true);
  });
});

describe("agenda build 2023-11-22 --samlet --bilag-efter-punkt: each item's attachments after its pages", () => {
  const { dir } = copyOfMeetings();
  const combined = path.join(dir, 'out', '2023-11-22-dagsorden-samlet.pdf');
  let appended: string;
  let agendaOnly: string;
  let pages: string[];
  let items: OutlineEntry[];
  /** The printed "Side N" of a 1-based sheet. */
  const printed = (texts: string[], sheet: number) => Number(/Side (\d+) af/.exec(texts[sheet - 1]!)?.[1]);
  const attachmentsOf = (item: OutlineEntry) => item.kids.filter((k) => /^Bilag \d+\.\d+: /.test(k.title));

  beforeAll(() => {
    const run = agenda(['build', '2023-11-22', '--samlet', '--bilag-efter-punkt', '--quiet'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const shared = sharedCombinedAgenda();
    expect(shared.run.status, shared.run.stderr).toBe(0);
    appended = shared.pdf;
    agendaOnly = agendaAlone('2023-11-22');
    pages = pdfPages(combined);
    items = outline(combined).filter((e) => /^\d+\. /.test(e.title));
  });

  it("puts item N's pages, then its attachments' pages, then item N+1; tagged, all pages there", () => {
    expect(pageCount(combined)).toBe(pageCount(appended));
    expect(pdfInfo(combined).Tagged).toBe('yes');
    expect(items.filter((i) => attachmentsOf(i).length > 0).map((i) => i.title.split('.')[0])).toEqual(['2', '3']);
    const firstBody = items[0]!.sheet;
    for (const [k, item] of items.entries()) {
      const next = items[k + 1]?.sheet ?? outline(combined).find((e) => e.title === 'Bilagsoversigt')!.sheet;
      const number = item.title.split('.')[0]!;
      expect(pages[item.sheet - 1]).toMatch(new RegExp(`^${number}\\. `, 'm'));
      expect(pages[next - 1]).not.toMatch(/^Bilag \d+\.\d+: /m);
      const attached = attachmentsOf(item);
      // The item's own pages: no stamp; then each of its attachments, stamped with it, up to the next item.
      const firstAttached = attached[0]?.sheet ?? next;
      for (let sheet = item.sheet; sheet < firstAttached; sheet++)
        expect(pages[sheet - 1], `sheet ${sheet}`).not.toMatch(/^Bilag \d+\.\d+: /m);
      for (const [a, entry] of attached.entries()) {
        const end = attached[a + 1]?.sheet ?? next;
        expect(end).toBeGreaterThan(entry.sheet);
        const dokument = /, ([^,]+)$/.exec(entry.title)?.[1];
        for (let sheet = entry.sheet; sheet < end; sheet++) {
          const text = pages[sheet - 1]!;
          expect(text, `sheet ${sheet}`).toContain(entry.title.slice(0, 40));
          expect(text, `sheet ${sheet}`).toMatch(new RegExp(`^Bilag ${number}\\.`, 'm'));
          // The stamp counts the combined document's sheets from the agenda's first numbered one.
          expect(printed(pages, sheet), `sheet ${sheet}`).toBe(sheet - firstBody + 1);
          if (dokument && !entry.title.includes('Lukket bilag')) expect(pages[entry.sheet - 1]).toContain(`Dokument ${dokument}`);
        }
      }
    }
  });

  it("numbers every page once, in one numbering: the agenda's own pages go on after the attachments before them, and its contents say so", () => {
    const firstBody = items[0]!.sheet;
    const numbered = pages.length - firstBody + 1;
    for (let sheet = firstBody; sheet <= pages.length; sheet++)
      expect(pages[sheet - 1], `sheet ${sheet}`).toContain(`Side ${sheet - firstBody + 1} af ${numbered}`);
    const contents = contentsEntries(combined).slice(0, items.length);
    expect(contents.map((e) => [e.listed, e.printed])).toEqual(items.map((i) => [i.sheet - firstBody + 1, i.sheet - firstBody + 1]));
    // The last item is numbered past the attachments of the items before it, not as in the agenda alone.
    const aloneItems = outline(agendaOnly).filter((e) => /^\d+\. /.test(e.title));
    expect(printed(pages, items.at(-1)!.sheet)).toBeGreaterThan(printed(pdfPages(agendaOnly), aloneItems.at(-1)!.sheet));
  });

  it('links each Bilagsoversigt entry to the page where its attachment starts, and shows its stamped number', async () => {
    const starts = items.flatMap((i) => attachmentsOf(i).map((k) => k.sheet));
    expect(starts).toHaveLength(4);
    const oversigt = outline(combined).find((e) => e.title === 'Bilagsoversigt')!.sheet;
    expect([...new Set(await linkTargets(combined, oversigt))]).toEqual(starts);
    const shown = [...pages[oversigt - 1]!.matchAll(/side (\d+)$/gm)].map((m) => Number(m[1]));
    expect(shown).toEqual(starts.map((s) => printed(pages, s)));
  });

  const tocCheck = path.join(packageRoot, '..', 'shared', 'tools', 'toc-check');
  it.runIf(existsSync(tocCheck))('passes toc-check', () => {
    expect(execFileSync(tocCheck, [combined], { encoding: 'utf8' })).toMatch(/toc (\d+)\/\1 entries right/);
  });

  it('gives the same bytes for the same inputs', () => {
    const again = path.join(dir, 'again.pdf');
    expect(agenda(['build', '2023-11-22', '--samlet', '--bilag-efter-punkt', '--quiet', '--out', again], { cwd: dir }).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(combined))).toBe(true);
  });

  it('is a usage error without --samlet: exit 2, nothing written', () => {
    const out = path.join(dir, 'no.pdf');
    const run = agenda(['build', '2023-11-22', '--bilag-efter-punkt', '--out', out], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--samlet');
    expect(existsSync(out)).toBe(false);
  });
});

describe('the public combined document', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const closedMarkers = closedFileMarkers;

  beforeAll(() => closedFixtureWithFiles(meetings));

  // Both versions in one build (--both: the members' first, on the same browser), as a leak from one to the other would be likeliest.
  it.each([[[]], [['--bilag-efter-punkt']]])("has the open attachments and not a byte of a closed one's file %j", (order: string[]) => {
    const run = agenda(['build', '2024-03-06', '--meetings', meetings, '--both', '--samlet', ...order, '--quiet'], { cwd: dir });
    // --quiet: no warning, nothing but the batch's summary line.
    expect(run.stderr).toMatch(/^built 2 of 2 documents in [\d.]+ s\n$/);
    expect(run.status).toBe(0);
    const out = path.join(dir, 'out', '2024-03-06-referat-offentlig-samlet.pdf');
    const forms = pdfByteForms(out);
    const text = pdfPages(out).join('\n');
    expect(text).toContain('OPENFILE01 budgettet page 2');
    expect(spellings('OPENFILE01').some((s) => forms[1]!.includes(s))).toBe(true);
    for (const m of [...closedMarkers, 'XQZSECRET']) {
      expect(text).not.toContain(m);
      for (const bytes of forms)
        for (const s of spellings(m)) expect(bytes.includes(s), `${m} in the public document's bytes as ${s}`).toBe(false);
    }
    // Those files are there for the members.
    const membersText = pdfPages(path.join(dir, 'out', '2024-03-06-referat-samlet.pdf')).join('\n');
    for (const m of closedMarkers) expect(membersText).toContain(m);
    expect(membersText).toContain('XQZFILE01 felt'); // the form field's value, drawn into its page
  });
});

describe('attachment files a clerk really has', () => {
  const { dir, meetings } = copyOfMeetings();
  const yaml = path.join(meetings, '2023-11-22.yaml');
  const out = path.join(dir, 'out.pdf');
  const filLine = /^.*2023-11-22\.yaml:34:14: punkter\[1\]\.bilag\[0\]\.fil: bilag\/2023-11-22\/2-1\.pdf: /;
  const target = path.join(meetings, 'bilag', '2023-11-22', '2-1.pdf');
  const build = () => agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--quiet', '--out', out], { cwd: dir });
  let good: Buffer;

  // The unchanged meeting's combined document, whose bytes a refused build must leave as they are: the suite's shared one.
  beforeAll(() => {
    const shared = sharedCombinedAgenda();
    expect(shared.run.status, shared.run.stderr).toBe(0);
    good = readFileSync(shared.pdf);
    writeFileSync(out, good);
  });

  const refused: Array<[string, () => Promise<void> | void, RegExp]> = [
    [
      'a PDF with a password to open it',
      async () => (await writePdf(target, { text: 'locked' }), encrypt(target, 'user-secret')),
      /protected by a password/,
    ],
    [
      'a damaged PDF',
      () => writeFileSync(target, '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      /damaged|no pages/,
    ],
    [
      'a PDF cut off half-way',
      async () => (await writePdf(target, { text: 'cut', pages: 3 }), writeFileSync(target, readFileSync(target).subarray(0, 700))),
      /damaged|no pages/,
    ],
    ['a file of zero bytes', () => writeFileSync(target, ''), /empty \(0 bytes\)/],
    [
      'a Word document',
      () => writeFileSync(target, Buffer.from('PK\u0003\u0004word/document.xml', 'latin1')),
      /not a PDF, PNG or JPEG file, nor an office file \(\.docx .*\): save it as PDF/,
    ],
    ['a missing file', () => execFileSync('rm', ['-f', target]), /no such file/],
    [
      'a symbolic link out of the folder',
      async () => (
        execFileSync('rm', ['-f', target]),
        await writePdf(path.join(dir, 'outside.pdf'), { text: 'outside' }),
        symlinkSync(path.join(dir, 'outside.pdf'), target)
      ),
      /symbolic link that leads outside/,
    ],
  ];

  for (const [what, make, message] of refused) {
    it(`refuses ${what}: one located error at its fil: line, no output, the old one untouched`, async () => {
      execFileSync('rm', ['-f', target]);
      await make();
      const run = build();
      const check = agenda(['check', '2023-11-22', '--meetings', meetings]);
      execFileSync('rm', ['-f', target]);
      await writePdf(target, { text: 'restored' });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(filLine);
      expect(lines[0]).toMatch(message);
      expect(readFileSync(out).equals(good)).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // agenda check says the same, without printing.
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(filLine);
    });
  }

  for (const [fil, message] of [
    ['../udenfor.pdf', /leads outside the meetings folder/],
    ['/etc/passwd', /relative to the meetings folder/],
  ] as const) {
    it(`refuses fil: ${fil} before reading anything`, () => {
      edit(yaml, 'fil: bilag/2023-11-22/2-1.pdf', `fil: ${fil}`);
      const run = build();
      edit(yaml, `fil: ${fil}`, 'fil: bilag/2023-11-22/2-1.pdf');
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toMatch(
        new RegExp(`2023-11-22\\.yaml:34:14: punkter\\[1\\]\\.bilag\\[0\\]\\.fil: ${fil.replace(/[./]/g, '\\$&')}: `),
      );
      expect(run.stderr).toMatch(message);
      expect(readFileSync(out).equals(good)).toBe(true);
    });
  }

  it('takes in whole what a reader opens: owner-password PDFs, other sizes and orientations, rotation, forms, own bookmarks, 300 dpi scans, hundreds of pages', async () => {
    const bilag = path.join(meetings, 'bilag', '2023-11-22');
    await writePdf(path.join(bilag, '2-1.pdf'), { text: 'OWNERONLY', pages: 2 });
    encrypt(path.join(bilag, '2-1.pdf'), '');
    await writePdf(path.join(bilag, '2-2.pdf'), { text: 'LANDSCAPE', size: [841.89, 595.28], corners: true, bookmark: 'OWNBOOKMARK' });
    await writePdf(path.join(bilag, '3-1.pdf'), { text: 'ROTATED', rotate: 90, form: 'FORMVALUE' });
    writeFileSync(path.join(bilag, '3-2.png'), scanPng(2480, 3508));
    edit(yaml, 'bilag/2023-11-22/3-2.pdf', 'bilag/2023-11-22/3-2.png');
    edit(
      yaml,
      '        fil: bilag/2023-11-22/3-2.png\n',
      '        fil: bilag/2023-11-22/3-2.png\n      - titel: Hele årsregnskabet\n        fil: bilag/2023-11-22/lang.pdf\n      - titel: A3-tegning\n        fil: bilag/2023-11-22/a3.pdf\n',
    );
    await writePdf(path.join(bilag, 'lang.pdf'), { text: 'LONGREPORT', pages: 300 });
    await writePdf(path.join(bilag, 'a3.pdf'), { text: 'ATHREE', size: [841.89, 1190.55], corners: true });
    const started = Date.now();
    const run = build();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    console.log(`combined with a 300-page attachment and a 300 dpi scan in ${Date.now() - started} ms`);
    const texts = pdfPages(out);
    const agendaPages = texts.findIndex((t) => /^Bilag 2\.1: /m.test(t));
    expect(texts.length - agendaPages).toBe(2 + 1 + 1 + 1 + 300 + 1);
    const all = texts.join('\n');
    for (const word of ['OWNERONLY page 2', 'LANDSCAPE page 1', 'ROTATED page 1', 'FORMVALUE', 'LONGREPORT page 300', 'ATHREE page 1'])
      expect(all).toContain(word);
    expect(JSON.stringify(outline(out))).not.toContain('OWNBOOKMARK');
    // The scan is there whole, on its own page: the 300 dpi image as the clerk's file has it.
    const scanPage = agendaPages + 2 + 1 + 1 + 1;
    expect(pdfImages(out, scanPage).map((i) => [i.type, i.width, i.height])).toEqual([['image', 2480, 3508]]);
    // Every sheet is A4, turned the way its page is; the stamps stand clear of every word of the page.
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '999', out], { encoding: 'utf8' });
    const landscape = agendaPages + 2 + 1;
    expect(sizes).toMatch(new RegExp(`Page\\s+${landscape} size:\\s+841.89 x 595.28 pts \\(A4\\)`));
    for (const sheet of [agendaPages + 1, landscape, agendaPages + 4, texts.length]) {
      const words = wordBoxes(out, sheet);
      const top = words.filter((w) => w.yMax < 30);
      const bottom = words.filter((w) => w.yMin > w.height - 25);
      const content = words.filter((w) => !top.includes(w) && !bottom.includes(w));
      expect(top.map((w) => w.word).join(' '), `sheet ${sheet}`).toMatch(/^Bilag \d\.\d+: /);
      expect(bottom.map((w) => w.word).join(' '), `sheet ${sheet}`).toMatch(/^Side \d+ af \d+$/);
      expect(content.length).toBeGreaterThan(0);
      for (const w of content) {
        expect(w.yMin, `${w.word} on sheet ${sheet}`).toBeGreaterThan(Math.max(...top.map((t) => t.yMax)));
        expect(w.yMax, `${w.word} on sheet ${sheet}`).toBeLessThan(Math.min(...bottom.map((b) => b.yMin)));
        expect(w.xMin).toBeGreaterThanOrEqual(0);
        expect(w.xMax).toBeLessThanOrEqual(w.width);
      }
    }
    expect(wordBoxes(out, landscape).filter((w) => w.word === 'EDGEWORD')).toHaveLength(4);
  });
});

describe('agenda finalize and the attachments that went out', () => {
  it("records each file's SHA-256; a later build with a changed file is an error naming it", async () => {
    const { dir, meetings } = copyOfMeetings();
    const run = agenda(['finalize', '2023-11-22', '--meetings', meetings]);
    expect(run.status).toBe(0);
    const recorded = readFileSync(path.join(meetings, 'arkiv', '2023-11-22', 'bilag.yaml'), 'utf8');
    const sha = execFileSync('sha256sum', [path.join(meetings, 'bilag', '2023-11-22', '3-1.pdf')], { encoding: 'utf8' }).split(' ')[0]!;
    expect(recorded).toContain(`"bilag/2023-11-22/3-1.pdf": ${sha}`);
    const out = path.join(dir, 'samlet.pdf');
    expect(agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--quiet', '--out', out]).status).toBe(0);
    await writePdf(path.join(meetings, 'bilag', '2023-11-22', '3-1.pdf'), { text: 'a later version' });
    const again = agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--quiet', '--out', path.join(dir, 'later.pdf')]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toMatch(
      /2023-11-22\.yaml:\d+:\d+: punkter\[2\]\.bilag\[0\]\.fil: bilag\/2023-11-22\/3-1\.pdf: the file has changed since the meeting was finalized/,
    );
    expect(existsSync(path.join(dir, 'later.pdf'))).toBe(false);
  });
});

describe('agenda send with attachment files', () => {
  const { dir, meetings } = copyOfMeetings();
  const member = 'jonas@example.org';
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    edit(path.join(meetings, 'udvalg.yaml'), '    navn: Jonas Kroustrup\n', `    navn: Jonas Kroustrup\n    email: ${member}\n`);
    smtp = await startSmtpServer({ user: 'u', password: 'p' });
    env = {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_USER: 'u',
      AGENDA_SMTP_PASSWORD: 'p',
      AGENDA_SMTP_FROM: 'sekretariat@example.org',
      AGENDA_SMTP_CA: smtp.certificateIn(dir),
    };
  });
  afterAll(() => smtp.close());

  it('stops a message over AGENDA_SMTP_MAX_MB before any goes: one line with the size and the limit, exit 5', async () => {
    const run = await agendaAsync(['send', '2023-11-22', '--meetings', meetings], {
      cwd: dir,
      env: { ...env, AGENDA_SMTP_MAX_MB: '0.05' },
    });
    expect(run.status).toBe(5);
    expect(errorLines(run.stderr).filter((l) => !l.startsWith('warning: '))).toEqual([
      expect.stringMatching(
        /^2023-11-22-dagsorden-samlet\.pdf: the message would be 0\.\d MB, over the mail server's limit of 0\.05 MB \(AGENDA_SMTP_MAX_MB\); nothing was sent$/,
      ),
    ]);
    expect(smtp.received).toEqual([]);
    expect(existsSync(path.join(meetings, '2023-11-22.sendt.yaml'))).toBe(false);
  });

  it('sends the combined document, byte for byte', async () => {
    const run = await agendaAsync(['send', '2023-11-22', '--meetings', meetings], { cwd: dir, env });
    expect(errorLines(run.stderr).filter((l) => !l.startsWith('warning: '))).toEqual([]);
    expect(run.status).toBe(0);
    const pdf = path.join(dir, 'out', '2023-11-22-dagsorden-samlet.pdf');
    expect(smtp.received).toHaveLength(1);
    const [attachment] = smtp.received[0]!.mail.attachments;
    expect(attachment!.filename).toBe('2023-11-22-dagsorden-samlet.pdf');
    expect(Buffer.compare(attachment!.content, readFileSync(pdf))).toBe(0);
    expect(pdfPages(pdf).join('\n')).toContain('Bilag 2.1: Notat Tidsplan for budgetopfølgning 2024, 116728/23');
    expect(readFileSync(path.join(meetings, 'arkiv', '2023-11-22', 'bilag.yaml'), 'utf8')).toContain('"bilag/2023-11-22/2-1.pdf": ');
  });

  it("sends the combined document built with each item's attachments after it as it was built, not built over", async () => {
    const pdf = path.join(dir, 'out', '2023-11-22-dagsorden-samlet.pdf');
    const build = agenda(['build', '2023-11-22', '--meetings', meetings, '--samlet', '--bilag-efter-punkt', '--quiet'], { cwd: dir });
    expect(build.status, build.stderr).toBe(0);
    const built = readFileSync(pdf);
    // Each item's attachments in its outline entry: placed after the item, not after the agenda.
    expect(
      outline(pdf)
        .find((e) => e.title.startsWith('2. '))
        ?.kids.map((k) => k.title),
    ).toContainEqual(expect.stringMatching(/^Bilag 2\.1: /));
    // The version sent before had its attachments after the agenda: the same content, so not sent again
    // unasked (send decides by what a document shows, not its bytes); --force sends these bytes as built.
    const plain = await agendaAsync(['send', '2023-11-22', '--meetings', meetings], { cwd: dir, env });
    expect(plain.status).toBe(2);
    expect(errorLines(plain.stderr)).toContainEqual(expect.stringMatching(/has reached every recipient already: --force sends it again$/));
    expect(smtp.received).toHaveLength(1);
    const run = await agendaAsync(['send', '2023-11-22', '--meetings', meetings, '--force'], { cwd: dir, env });
    expect(errorLines(run.stderr).filter((l) => !l.startsWith('warning: '))).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^reusing out\/2023-11-22-dagsorden-samlet\.pdf/m);
    expect(smtp.received).toHaveLength(2);
    expect(Buffer.compare(smtp.received[1]!.mail.attachments[0]!.content, built)).toBe(0);
    expect(Buffer.compare(readFileSync(pdf), built)).toBe(0);
  });
});
