import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertOffice, findOfficeConverter, officeExtensions, type OfficeConverter } from '../../src/pdf/office/convert.js';
import { scanPng } from '../support/attachments.js';
import {
  conversionsLeft,
  docxWithProperties,
  docxWithTrackedChanges,
  embeddedImage,
  flatDocument,
  heading,
  noSoffice,
  paragraph,
  saveAllAs,
  sheet,
  slide,
  sofficeIn,
  textTable,
} from '../support/office-files.js';
import { pdfByteForms, pdfImages, pdfInfo, pdfPages, sheetSizes } from '../support/pdf.js';

/** Office files converted by LibreOffice, read back with poppler. */
describe.skipIf(noSoffice)('office files to PDF', () => {
  const letter = [
    heading('Budgetopfølgning for Ærø Skole'),
    paragraph('Udvalget får en status på økonomien: ændringer, øgede udgifter og årets resultat.'),
    textTable([
      ['Post', 'Beløb'],
      ['Løn', '1.200.000'],
      ['Vedligehold', '340.000'],
    ]),
    embeddedImage(scanPng(300, 150), 8, 4),
  ].join('');
  const header = Array.from({ length: 26 }, (_, i) => `Kolonne ${i + 1}`);
  const rows = [header, ...Array.from({ length: 80 }, (_, r) => header.map((_, i) => (r + 1) * 1000 + i))];
  const text = (body: string) => ({ kind: 'text' as const, xml: flatDocument('text', body), extension: '.docx' });
  /** The office files the tests convert, saved by LibreOffice in one go (their making is not what is tested). */
  const fixtures = {
    letter: text(letter),
    budget: {
      kind: 'spreadsheet' as const,
      xml: flatDocument(
        'spreadsheet',
        sheet('Budget', rows) +
          sheet('Smal', [
            ['Navn', 'Beløb'],
            ['Æblekage', 12],
          ]),
      ),
      extension: '.xlsx',
    },
    slides: {
      kind: 'presentation' as const,
      xml: flatDocument(
        'presentation',
        slide('s1', 'Status på skolebyggeriet', 'Tidsplanen holder') + slide('s2', 'Økonomi', 'Udgifterne følger budgettet'),
      ),
      extension: '.pptx',
    },
    rtf: { ...text(paragraph('Et brev om sagen, skrevet på ærø')), extension: '.rtf' },
    cachen: text(paragraph('Cachen')),
    lukket: text(paragraph('Lukket bilag')),
    lukket2: text(paragraph('Endnu et lukket bilag')),
    udenCache: text(paragraph('Uden cache')),
    afbrudt: text(paragraph('Afbrudt')),
    egenskaber: docxWithProperties('Brødteksten', 'PROPMARKER'),
    rettelser: docxWithTrackedChanges({ kept: 'Beholdt', deleted: 'SLETTETTEKST', inserted: 'INDSATTEKST' }),
  };
  let saved: Record<keyof typeof fixtures, Buffer>;
  let converter: OfficeConverter;
  let work: string;
  beforeAll(async () => {
    converter = (await findOfficeConverter())!;
    work = mkdtempSync(path.join(tmpdir(), 'agenda-office-convert-'));
    const names = Object.keys(fixtures) as Array<keyof typeof fixtures>;
    const bytes = await saveAllAs(names.map((name) => fixtures[name]));
    saved = Object.fromEntries(names.map((name, i) => [name, bytes[i]!])) as typeof saved;
  });

  const ref = (name: string) => ({ path: name, at: { file: 'møder/2026-01-07.yaml', line: 9, col: 11, path: 'punkter[0].bilag[0].fil' } });
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  async function convert(name: string, bytes: Uint8Array, cacheDir = path.join(work, 'cache')) {
    const result = await convertOffice(
      { ref: ref(name), bytes, sha256: sha(bytes), extension: path.extname(name) },
      { converter, cacheDir },
    );
    const file = path.join(mkdtempSync(path.join(work, 'pdf-')), `${path.parse(name).name}.pdf`);
    writeFileSync(file, result.pdf);
    return { ...result, file };
  }

  let letterConversion: ReturnType<typeof convert> | undefined;
  /** The letter converted in the file's cache, once: the .docx test reads it, the cache's test compares a conversion anew with it. */
  const convertedLetter = () => (letterConversion ??= convert('budget.docx', saved.letter));

  it('finds LibreOffice and knows its version', () => {
    expect(converter.version).toMatch(/^LibreOffice \d+\.\d+/);
    expect(officeExtensions).toEqual(['.docx', '.doc', '.odt', '.rtf', '.txt', '.xlsx', '.xls', '.ods', '.pptx', '.ppt', '.odp']);
  });

  it('converts a .docx with a heading, a table, an image and Danish letters: text, pages, tags, no dates', async () => {
    const { file, converted } = await convertedLetter();
    expect(converted).toBe(true);
    const [text] = pdfPages(file);
    for (const words of [
      'Budgetopfølgning for Ærø Skole',
      'ændringer, øgede udgifter og årets resultat',
      'Løn',
      '1.200.000',
      'Vedligehold',
    ])
      expect(text).toContain(words);
    const info = pdfInfo(file);
    expect(info.Pages).toBe('1');
    expect(info.Tagged).toBe('yes');
    expect(info.Producer).toBeUndefined();
    expect(info.CreationDate).toBeUndefined();
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(pdfImages(file).length).toBe(1);
    expect(readFileSync(file).includes('/ID')).toBe(false);
  });

  it('prints an .xlsx wider than A4 on landscape A4 pages, scaled to be read, and a narrow sheet on portrait', async () => {
    const { file } = await convert('budget.xlsx', saved.budget);
    const sizes = sheetSizes(file);
    const landscape = sizes.filter((s) => /^841\.\d+ x 595\.\d+/.test(s));
    expect(landscape.length).toBeGreaterThan(0);
    // 26 columns two pages across, at most 4 pages for 81 rows: the default (A4 portrait at 100 %) took 9.
    expect(landscape.length).toBeLessThanOrEqual(4);
    expect(sizes.at(-1)).toMatch(/^595\.\d+ x 841\.\d+/);
    const pages = pdfPages(file, true);
    expect(pages[0]).toMatch(/Kolonne 1 .*Kolonne 13\b/);
    expect(pages.join('\n')).toContain('Kolonne 26');
    expect(pages.join('\n')).toContain('80025');
    expect(pages.at(-1)).toContain('Æblekage');
  });

  it('converts a .pptx, one page a slide', async () => {
    const { file } = await convert('status.pptx', saved.slides);
    const pages = pdfPages(file);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Status på skolebyggeriet');
    expect(pages[1]).toContain('Udgifterne følger budgettet');
  });

  it('converts a .txt as text (even one that reads as HTML) and an .rtf', async () => {
    const txt = await convert('note.txt', Buffer.from('Referat af mødet\n<html><img src="http://127.0.0.1:9/x.png">Ærlig talt</html>\n'));
    const [text] = pdfPages(txt.file);
    expect(text).toContain('Referat af mødet');
    expect(text).toContain('<html><img src="http://127.0.0.1:9/x.png">Ærlig talt</html>');
    const rtf = await convert('brev.rtf', saved.rtf);
    expect(pdfPages(rtf.file)[0]).toContain('Et brev om sagen, skrevet på ærø');
  });

  it('converts a file once: the second time from the cache, the same bytes; the same file converted anew gives the same bytes', async () => {
    const docx = saved.letter;
    const cacheDir = path.join(work, 'cache-twice');
    const first = await convert('budget.docx', docx, cacheDir);
    const second = await convert('budget.docx', docx, cacheDir);
    expect([first.converted, second.converted]).toEqual([true, false]);
    expect(Buffer.compare(Buffer.from(first.pdf), Buffer.from(second.pdf))).toBe(0);
    // Converted anew, with a cache and a LibreOffice profile of its own: the .docx test's conversion.
    const anew = await convertedLetter();
    expect(anew.converted).toBe(true);
    expect(sha(anew.pdf)).toBe(sha(first.pdf));
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('converts again over a cache entry that is cut short or damaged', async () => {
    const docx = saved.cachen;
    const cacheDir = path.join(work, 'cache-broken');
    const first = await convert('cache.docx', docx, cacheDir);
    const [entry] = readdirSync(cacheDir);
    const cached = path.join(cacheDir, entry!);
    for (const broken of [first.pdf.subarray(0, first.pdf.length - 100), Buffer.from('%PDF-1.6\nnot a pdf\n%%EOF\n'), new Uint8Array(0)]) {
      writeFileSync(cached, broken);
      const again = await convert('cache.docx', docx, cacheDir);
      expect(again.converted).toBe(true);
      expect(sha(readFileSync(cached))).toBe(sha(first.pdf));
    }
  });

  it('keeps the cache for its owner alone: the folder 0700 (an older one of 0755 made so), each entry 0600', async () => {
    const cacheDir = path.join(work, 'cache-private', 'agenda', 'office');
    await convert('lukket.docx', saved.lukket, cacheDir);
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(cacheDir)).toBe(0o700);
    expect(readdirSync(cacheDir).map((entry) => mode(path.join(cacheDir, entry)))).toEqual([0o600]);
    chmodSync(cacheDir, 0o755);
    await convert('lukket2.docx', saved.lukket2, cacheDir);
    expect(mode(cacheDir)).toBe(0o700);
    expect(readdirSync(cacheDir).map((entry) => mode(path.join(cacheDir, entry)))).toEqual([0o600, 0o600]);
  });

  it('gives the PDF where the cache cannot be written (a file where its folder would be), converting again next time', async () => {
    const blocked = path.join(work, 'cache-blocked');
    writeFileSync(blocked, 'not a folder');
    const docx = saved.udenCache;
    const first = await convert('uden-cache.docx', docx, path.join(blocked, 'office'));
    expect(first.converted).toBe(true);
    expect(pdfPages(first.file)[0]).toContain('Uden cache');
    expect((await convert('uden-cache.docx', docx, path.join(blocked, 'office'))).converted).toBe(true);
  });

  it("leaves out the title, subject, author and keywords Word's properties gave the PDF", async () => {
    const { file } = await convert('egenskaber.docx', saved.egenskaber);
    expect(pdfPages(file)[0]).toContain('Brødteksten');
    const info = pdfInfo(file);
    for (const key of ['Title', 'Subject', 'Author', 'Keywords', 'Creator']) expect(info[key]).toBeUndefined();
    // In any encoding LibreOffice may write a string in: as it is, and as UTF-16 (big-endian), literal or hex.
    const utf16 = Buffer.from('PROPMARKER', 'utf16le').swap16();
    for (const bytes of pdfByteForms(file)) {
      expect(bytes).not.toContain('PROPMARKER');
      expect(bytes).not.toContain(utf16.toString('latin1'));
      expect(bytes.toUpperCase()).not.toContain(utf16.toString('hex').toUpperCase());
    }
  });

  it('refuses a .docx with tracked changes at its fil: line, as LibreOffice would print its deleted text', async () => {
    const docx = saved.rettelser;
    await expect(convert('rettelser.docx', docx)).rejects.toThrow(
      /^møder\/2026-01-07\.yaml:9:11: punkter\[0\]\.bilag\[0\]\.fil: rettelser\.docx: it holds tracked changes, .*accept or reject the changes/,
    );
    // Why: LibreOffice, given the file itself, prints the deleted text beside the inserted.
    const dir = mkdtempSync(path.join(work, 'tracked-'));
    writeFileSync(path.join(dir, 'rettelser.docx'), docx);
    await sofficeIn(dir, ['--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), path.join(dir, 'rettelser.docx')]);
    const [text] = pdfPages(path.join(dir, 'out', 'rettelser.pdf'));
    expect(text).toContain('SLETTETTEKST');
    expect(text).toContain('INDSATTEKST');
  });

  it('ends a conversion when its signal aborts, with its processes', async () => {
    const docx = saved.afbrudt;
    const controller = new AbortController();
    const reason = new Error('Ctrl-C');
    const converting = convertOffice(
      { ref: ref('afbrudt.docx'), bytes: docx, sha256: sha(docx), extension: '.docx' },
      { converter, cacheDir: path.join(work, 'cache-abort'), signal: controller.signal },
    );
    setTimeout(() => controller.abort(reason), 300);
    await expect(converting).rejects.toBe(reason);
    expect(conversionsLeft()).toEqual({ processes: [], folders: [] });
  });
});
