import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanPng } from './attachments.js';

/**
 * Office files made at test time, by the test's own text: a flat OpenDocument (one XML file) written
 * here, saved by LibreOffice as .docx, .xlsx, .pptx or whatever is asked. No binary of unknown origin.
 */
export const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
export const noSoffice = soffice ? false : 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui';

const ns = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"',
  'xmlns:ooo="http://openoffice.org/2004/office"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
].join(' ');

export type Flat = 'text' | 'spreadsheet' | 'presentation';

/** A flat OpenDocument of `kind` whose office:body holds `body`; `head` goes before the body (styles, scripts, settings). */
export function flatDocument(kind: Flat, body: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document ${ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.${kind}">${head}<office:body><office:${kind}>${body}</office:${kind}></office:body></office:document>\n`;
}

const flatExtension: Record<Flat, string> = { text: '.fodt', spreadsheet: '.fods', presentation: '.fodp' };

/** The flat document saved by LibreOffice as `extension` (.docx, .xlsx, .odt ...): the new file's bytes. */
export function saveAs(kind: Flat, xml: string, extension: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-fixture-'));
  try {
    const source = path.join(dir, `document${flatExtension[kind]}`);
    writeFileSync(source, xml);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', extension.slice(1), '--outdir', path.join(dir, 'out'), source], {
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    });
    return readFileSync(path.join(dir, 'out', `document${extension}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A paragraph, a heading, a table and an image, in the text of a flat document. */
export const paragraph = (text: string) => `<text:p>${text}</text:p>`;
export const heading = (text: string) => `<text:h text:outline-level="1">${text}</text:h>`;

export function textTable(rows: string[][]): string {
  const columns = rows[0]!.length;
  const cells = (row: string[]) => row.map((c) => `<table:table-cell office:value-type="string"><text:p>${c}</text:p></table:table-cell>`).join('');
  return `<table:table table:name="T${columns}"><table:table-column table:number-columns-repeated="${columns}"/>${rows.map((r) => `<table:table-row>${cells(r)}</table:table-row>`).join('')}</table:table>`;
}

/** An image kept inside the document (base64), `widthCm` wide. */
export function embeddedImage(png: Buffer, widthCm: number, heightCm: number): string {
  return `<text:p><draw:frame draw:name="billede" text:anchor-type="as-char" svg:width="${widthCm}cm" svg:height="${heightCm}cm"><draw:image><office:binary-data>${png.toString('base64')}</office:binary-data></draw:image></draw:frame></text:p>`;
}

/** A spreadsheet's sheet: rows of cells, numbers as numbers. */
export function sheet(name: string, rows: Array<Array<string | number>>): string {
  const cell = (c: string | number) =>
    typeof c === 'number' ? `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>` : `<table:table-cell office:value-type="string"><text:p>${c}</text:p></table:table-cell>`;
  return `<table:table table:name="${name}">${rows.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('')}</table:table>`;
}

/** A slide with a title and a line of text. */
export function slide(name: string, title: string, text: string): string {
  return `<draw:page draw:name="${name}" draw:master-page-name="Default"><draw:frame svg:x="2cm" svg:y="1cm" svg:width="24cm" svg:height="3cm"><draw:text-box><text:p>${title}</text:p></draw:text-box></draw:frame><draw:frame svg:x="2cm" svg:y="5cm" svg:width="24cm" svg:height="10cm"><draw:text-box><text:p>${text}</text:p></draw:text-box></draw:frame></draw:page>`;
}

/** A Word document: a heading, a paragraph (Danish letters), a table and an embedded picture of 120 × 80 pixels. */
export function wordFile(t: { heading: string; paragraph: string; cells: string[][] }): Buffer {
  return saveAs('text', flatDocument('text', heading(t.heading) + paragraph(t.paragraph) + textTable(t.cells) + embeddedImage(scanPng(120, 80), 6, 4)), '.docx');
}

/** A spreadsheet of `rows` × `columns` cells, each saying where it is ("R3K17"): far wider than A4 at 30 columns. */
export function sheetFile(t: { rows: number; columns: number }): Buffer {
  const rows = Array.from({ length: t.rows }, (_, r) => Array.from({ length: t.columns }, (_, k) => `R${r + 1}K${k + 1}`));
  return saveAs('spreadsheet', flatDocument('spreadsheet', sheet('Ark1', rows)), '.xlsx');
}

/** A slide deck, one slide a title. */
export function slidesFile(titles: string[]): Buffer {
  return saveAs('presentation', flatDocument('presentation', titles.map((t, i) => slide(`Dias${i + 1}`, t, `Dias nummer ${i + 1}`)).join('')), '.pptx');
}

/**
 * A stand-in for LibreOffice that counts the conversions it is asked for (one line each in its log)
 * and has the real soffice do them: a rebuild that converts nothing leaves the log as it was.
 */
export function countingLibreOffice(dir: string): { program: string; conversions: () => number } {
  const program = path.join(dir, 'soffice-counting');
  const log = path.join(dir, 'conversions.log');
  writeFileSync(log, '');
  writeFileSync(program, `#!/bin/sh\ncase "$*" in *--version*) ;; *) echo "$*" >> '${log}' ;; esac\nexec '${soffice}' "$@"\n`);
  chmodSync(program, 0o755);
  return { program, conversions: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length };
}
