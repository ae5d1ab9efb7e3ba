import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanPng } from './attachments.js';

// Office files as a clerk gets them: written here as flat OpenDocument XML (so each test knows what is
// inside), then saved by LibreOffice itself as .docx, .xlsx or .pptx, as Word, Excel and PowerPoint would.

const ns = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
].join(' ');

const flat = (mimetype: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<office:document ${ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.${mimetype}"><office:body>${body}</office:body></office:document>\n`;

const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;

/** A Word document: a heading, a paragraph of Danish letters, a table and an embedded picture (each text given). */
export function wordXml(t: { heading: string; paragraph: string; cells: string[][] }): string {
  const rows = t.cells.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('');
  const picture = scanPng(120, 80).toString('base64');
  return flat(
    'text',
    `<office:text><text:h text:outline-level="1">${t.heading}</text:h><text:p>${t.paragraph}</text:p>` +
      `<table:table table:name="Tabel"><table:table-column table:number-columns-repeated="${t.cells[0]!.length}"/>${rows}</table:table>` +
      `<text:p><draw:frame draw:name="Billede" text:anchor-type="as-char" svg:width="6cm" svg:height="4cm"><draw:image><office:binary-data>${picture}</office:binary-data></draw:image></draw:frame></text:p></office:text>`,
  );
}

/** A spreadsheet of `rows` × `columns` cells, each saying where it is ("R3K17"): far wider than A4 at 30 columns. */
export function sheetXml(t: { rows: number; columns: number }): string {
  const row = (r: number) => `<table:table-row>${Array.from({ length: t.columns }, (_, c) => cell(`R${r}K${c + 1}`)).join('')}</table:table-row>`;
  return flat('spreadsheet', `<office:spreadsheet><table:table table:name="Ark1">${Array.from({ length: t.rows }, (_, r) => row(r + 1)).join('')}</table:table></office:spreadsheet>`);
}

/** A slide deck, one slide a text. */
export function slidesXml(slides: string[]): string {
  const page = (s: string, i: number) =>
    `<draw:page draw:name="Dias${i + 1}"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="4cm"><draw:text-box><text:p>${s}</text:p></draw:text-box></draw:frame></draw:page>`;
  return flat('presentation', `<office:presentation>${slides.map(page).join('')}</office:presentation>`);
}

const filters: Record<string, string> = { '.docx': 'docx:MS Word 2007 XML', '.xlsx': 'xlsx:Calc MS Excel 2007 XML', '.pptx': 'pptx:Impress MS PowerPoint 2007 XML' };
const flatExtension: Record<string, string> = { '.docx': '.fodt', '.xlsx': '.fods', '.pptx': '.fodp' };

/** Writes `file` (.docx, .xlsx or .pptx) from flat OpenDocument XML, saved by LibreOffice with a profile of its own. */
export function writeOfficeFile(file: string, xml: string): void {
  const extension = path.extname(file);
  const work = mkdtempSync(path.join(tmpdir(), 'office-file-'));
  try {
    const source = path.join(work, `source${flatExtension[extension]}`);
    writeFileSync(source, xml);
    const profile = pathToFileURL(path.join(work, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filters[extension]!, '--outdir', work, source], { stdio: 'ignore', timeout: 120_000 });
    mkdirSync(path.dirname(file), { recursive: true });
    renameSync(path.join(work, `source${extension}`), file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A stand-in for LibreOffice that counts the conversions it is asked for (one line each in `log`) and
 * has the real soffice do them: a rebuild that converts nothing leaves the log as it was.
 */
export function countingLibreOffice(dir: string): { program: string; conversions: () => number } {
  const program = path.join(dir, 'soffice-counting');
  const log = path.join(dir, 'conversions.log');
  writeFileSync(log, '');
  const real = execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim();
  writeFileSync(program, `#!/bin/sh\ncase "$*" in *--version*) ;; *) echo "$*" >> '${log}' ;; esac\nexec '${real}' "$@"\n`);
  chmodSync(program, 0o755);
  return { program, conversions: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length };
}
