import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
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

  it('refuses a zip of too many files', async () => {
    const many = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`f${i}`, new Uint8Array(0)]));
    expect(await refusal(zipSync(many), '.xlsx')).toMatch(/more than 20000 files, as a zip bomb does/);
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
