import { strToU8, zipSync } from 'fflate';
import yauzl from 'yauzl';
import { describe, expect, it, vi } from 'vitest';
import { inspectOfficeFile } from '../../src/pdf/office/inspect.js';
import { layoutFor } from '../../src/pdf/office/sheets.js';
import { encryptedDocx } from '../support/office-files.js';

const ref = { path: 'bilag/fil', at: { file: 'møder/m.yaml', line: 4, col: 9, path: 'bilag[0].fil' } };
const refusal = (bytes: Uint8Array, extension: string) =>
  inspectOfficeFile(ref, bytes, extension).then(
    () => 'accepted',
    (err: Error) => err.message,
  );

/** What is checked before LibreOffice sees a file: read with yauzl and cfb, nothing unpacked. */
describe('an office file before conversion (office/inspect.ts)', () => {
  it('refuses an OpenDocument file with a password (its manifest names the encryption)', async () => {
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>';
    const odt = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'META-INF/manifest.xml': strToU8(manifest),
      'content.xml': strToU8('x'),
    });
    expect(await refusal(odt, '.odt')).toBe(
      'møder/m.yaml:4:9: bilag[0].fil: bilag/fil: it is protected by a password: save a copy without one and name that',
    );
  });

  it('refuses a Word file with a password (a compound file holding EncryptionInfo) as such', async () => {
    expect(await refusal(encryptedDocx(), '.docx')).toMatch(/protected by a password/);
  });

  it('says what a file is instead of what its name says', async () => {
    const zip = zipSync({ 'a.txt': strToU8('a') });
    expect(await refusal(zip, '.doc')).toMatch(/not a Word 97-2003 document: its content is a zip archive/);
    expect(await refusal(strToU8('%PDF-1.7\n'), '.xlsx')).toMatch(/not an Excel workbook: its content is a PDF \(name it \.pdf\)/);
    expect(await refusal(strToU8('{\\rtf1 hej}'), '.pptx')).toMatch(/its content is an RTF document/);
    expect(await refusal(new Uint8Array([0x41, 0, 0x42]), '.txt')).toMatch(/not a text file/);
    expect(await refusal(Buffer.from([0xe6, 0xf8, 0xe5]), '.txt')).toMatch(/not UTF-8 text/);
    expect(await refusal(strToU8('Æblegrød og rødgrød\n'), '.txt')).toBe('accepted');
    expect(await refusal(strToU8('x'), '.pages')).toMatch(/\.pages is not a kind of file LibreOffice converts here/);
  });

  it('refuses a text document with tracked changes (Word, OpenDocument, RTF), and takes one without', async () => {
    const word = (xml: string) => zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
    const change = 'w:id="1" w:author="A" w:date="2026-01-05T10:00:00Z"';
    const changed = /^møder\/m\.yaml:4:9: bilag\[0\]\.fil: bilag\/fil: it holds tracked changes, .*accept or reject the changes/;
    expect(await refusal(word(`<w:p><w:del ${change}><w:r><w:delText>væk</w:delText></w:r></w:del></w:p>`), '.docx')).toMatch(changed);
    expect(await refusal(word(`<w:p><w:ins ${change}><w:r><w:t>ny</w:t></w:r></w:ins></w:p>`), '.docx')).toMatch(changed);
    const footer = zipSync({ 'word/document.xml': strToU8('<w:p/>'), 'word/footer2.xml': strToU8(`<w:del ${change}/>`) });
    expect(await refusal(footer, '.docx')).toMatch(changed);
    // A table's inside borders and a deleted run's text alone are no tracked change.
    expect(await refusal(word('<w:tblBorders><w:insideH w:val="single"/></w:tblBorders><w:delText>x</w:delText>'), '.docx')).toBe(
      'accepted',
    );
    const odt = (content: string) =>
      zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8(content) });
    expect(await refusal(odt('<text:tracked-changes><text:changed-region text:id="c1"/></text:tracked-changes>'), '.odt')).toMatch(changed);
    expect(await refusal(odt('<text:p>Intet ændret</text:p>'), '.odt')).toBe('accepted');
    expect(await refusal(strToU8('{\\rtf1 {\\*\\revtbl {Unknown;}}{\\deleted\\revauthdel1 væk} tekst}'), '.rtf')).toMatch(changed);
    expect(await refusal(strToU8('{\\rtf1 {\\*\\revtbl {Unknown;}} tekst}'), '.rtf')).toBe('accepted');
  });

  it('refuses a zip of too many files, and closes it', async () => {
    const many = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`f${i}`, new Uint8Array(0)]));
    const close = vi.spyOn(yauzl.ZipFile.prototype, 'close');
    try {
      expect(await refusal(zipSync(many), '.xlsx')).toMatch(/more than 20000 files, as a zip bomb does/);
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
    }
  });
});

describe('a sheet on A4 (office/sheets.ts)', () => {
  it('portrait where its columns fit at full size, landscape where they do not, pages side by side only below 60 %', () => {
    expect(layoutFor(18)).toEqual({ landscape: false, pagesWide: 0 });
    expect(layoutFor(26)).toEqual({ landscape: true, pagesWide: 0 });
    expect(layoutFor(40)).toEqual({ landscape: true, pagesWide: 1 });
    expect(layoutFor(60)).toEqual({ landscape: true, pagesWide: 2 });
  });
});
