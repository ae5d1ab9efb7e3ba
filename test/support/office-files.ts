import CFB from 'cfb';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanPng } from './attachments.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Office files made at test time, by the test's own text: a flat OpenDocument (one XML file) written
 * here, saved by LibreOffice as .docx, .xlsx, .pptx or whatever is asked (saveAllAs). No binary of unknown origin.
 */
export const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
export const noSoffice = soffice
  ? false
  : 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui';

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

/**
 * Runs LibreOffice with a fresh profile in `dir` (its home too), beside this process, not blocking it
 * (a test's server can answer what it asks), until it ends, `done()` holds, or 2 minutes pass; then
 * its whole process group is ended: no oosplash or soffice.bin of a test outlives it.
 */
export async function sofficeIn(dir: string, args: string[], done: () => boolean = () => false): Promise<void> {
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  const child = spawn(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...args], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, HOME: dir },
  });
  let ended = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve(void (ended = true))));
  for (let waited = 0; !ended && !done() && waited < 120_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // the group has ended
  }
  await exit;
  // Killed, LibreOffice leaves its pipe in /tmp.
  for (const pipe of officePipes(dir)) rmSync(pipe, { force: true });
}

/**
 * LibreOffice's single-office pipe for the profile `dir`/profile: a socket in /tmp whatever TMPDIR says,
 * named for the user (0 in `unshare -r`'s namespace) and the MD5 of the profile's URL in UTF-16, each
 * byte in hex without its leading 0 (LibreOffice's sal/osl/unx/pipe.cxx, desktop/source/app/officeipcthread.cxx).
 */
export function officePipes(dir: string): string[] {
  const url = pathToFileURL(path.join(dir, 'profile')).href;
  const hash = [...createHash('md5').update(Buffer.from(url, 'utf16le')).digest()].map((b) => b.toString(16)).join('');
  return [...new Set([0, process.getuid?.()])].map((uid) => `/tmp/OSL_PIPE_${uid}_SingleOfficeIPC_${hash}`);
}

/**
 * A flat document to be saved as `extension` by LibreOffice (saveAllAs, several in one run), and what is done to
 * the saved file after: a part LibreOffice will not write (a binding it would drop, an external template).
 */
export interface OfficeFixture {
  kind: Flat;
  xml: string;
  extension: string;
  after?: (saved: Buffer) => Buffer;
}

const text = (xml: string, extension: string): OfficeFixture => ({ kind: 'text', xml, extension });

/** A paragraph, a heading, a table and an image, in the text of a flat document. */
export const paragraph = (text: string) => `<text:p>${text}</text:p>`;
export const heading = (text: string) => `<text:h text:outline-level="1">${text}</text:h>`;

export function textTable(rows: string[][]): string {
  const columns = rows[0]!.length;
  const cells = (row: string[]) =>
    row.map((c) => `<table:table-cell office:value-type="string"><text:p>${c}</text:p></table:table-cell>`).join('');
  return `<table:table table:name="T${columns}"><table:table-column table:number-columns-repeated="${columns}"/>${rows.map((r) => `<table:table-row>${cells(r)}</table:table-row>`).join('')}</table:table>`;
}

/** An image kept inside the document (base64), `widthCm` wide. */
export function embeddedImage(png: Buffer, widthCm: number, heightCm: number): string {
  return `<text:p><draw:frame draw:name="billede" text:anchor-type="as-char" svg:width="${widthCm}cm" svg:height="${heightCm}cm"><draw:image><office:binary-data>${png.toString('base64')}</office:binary-data></draw:image></draw:frame></text:p>`;
}

/** A spreadsheet's sheet: rows of cells, numbers as numbers. */
export function sheet(name: string, rows: Array<Array<string | number>>): string {
  const cell = (c: string | number) =>
    typeof c === 'number'
      ? `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>`
      : `<table:table-cell office:value-type="string"><text:p>${c}</text:p></table:table-cell>`;
  return `<table:table table:name="${name}">${rows.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('')}</table:table>`;
}

/** A slide with a title and a line of text. */
export function slide(name: string, title: string, text: string): string {
  return `<draw:page draw:name="${name}" draw:master-page-name="Default"><draw:frame svg:x="2cm" svg:y="1cm" svg:width="24cm" svg:height="3cm"><draw:text-box><text:p>${title}</text:p></draw:text-box></draw:frame><draw:frame svg:x="2cm" svg:y="5cm" svg:width="24cm" svg:height="10cm"><draw:text-box><text:p>${text}</text:p></draw:text-box></draw:frame></draw:page>`;
}

/** An office file (a zip) with some of its parts changed or added: `edit` gives a part's new text, or undefined to keep it. */
export function rezip(
  bytes: Uint8Array,
  edit: (name: string, text: string | undefined) => string | undefined,
  added: string[] = [],
): Buffer {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  for (const name of [...Object.keys(parts), ...added.filter((n) => !(n in parts))]) {
    const old = parts[name];
    const changed = edit(name, old && strFromU8(old));
    const data = changed === undefined ? old! : strToU8(changed);
    out[name] = name === 'mimetype' ? [data, { level: 0 }] : data;
  }
  return Buffer.from(zipSync(out));
}

/**
 * An .odt whose Basic macro, run when the document is opened, writes `marker`: the library saved by
 * LibreOffice from the flat document, the binding to the load event added after (LibreOffice drops
 * a binding it will not run when it saves).
 */
export function macroOdt(marker: string): OfficeFixture {
  const basic = `<office:scripts><office:script script:language="ooo:Basic"><ooo:libraries><ooo:library-embedded ooo:name="Standard"><ooo:module ooo:name="Module1"><ooo:source-code>Sub Main\n  Open "${marker}" For Output As #1\n  Print #1, "ran"\n  Close #1\nEnd Sub\n</ooo:source-code></ooo:module></ooo:library-embedded></ooo:libraries></office:script></office:scripts>`;
  const listener =
    '<office:scripts><office:event-listeners><script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document" xlink:type="simple"/></office:event-listeners></office:scripts>';
  return {
    ...text(flatDocument('text', paragraph('Et dokument med en makro'), basic), '.odt'),
    after: (odt) => rezip(odt, (name, xml) => (name === 'content.xml' ? xml!.replace('<office:scripts/>', listener) : undefined)),
  };
}

/** A text with an image linked from `url` (not kept in the file), saved as `extension`. */
export function linkedImage(url: string, extension: string): OfficeFixture {
  const image = `<text:p>Billede: <draw:frame draw:name="b" text:anchor-type="as-char" svg:width="4cm" svg:height="3cm"><draw:image xlink:href="${url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>`;
  return text(flatDocument('text', image), extension);
}

/** A .docx attached to a template at `url`, as Word writes it (settings.xml's attachedTemplate and its external relationship). */
export function externalTemplateDocx(url: string): OfficeFixture {
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${url}" TargetMode="External"/></Relationships>`;
  const attach = (name: string, xml: string | undefined) => {
    if (name === 'word/_rels/settings.xml.rels') return rels;
    if (name === 'word/settings.xml')
      return xml!.replace(
        /(<w:settings[^>]*>)/,
        '$1<w:attachedTemplate xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdTpl"/>',
      );
    return undefined;
  };
  return {
    ...text(flatDocument('text', paragraph('Skabelon')), '.docx'),
    after: (docx) => rezip(docx, attach, ['word/_rels/settings.xml.rels']),
  };
}

/** An .odt attached to a template at `url` (its meta.xml's meta:template). */
export function externalTemplateOdt(url: string): OfficeFixture {
  const meta = `<office:meta><meta:template xlink:type="simple" xlink:actuate="onRequest" xlink:href="${url}" xlink:title="skabelon"/></office:meta>`;
  return text(flatDocument('text', paragraph('Skabelon'), meta), '.odt');
}

/**
 * A .docx with a password as Word keeps one (MS-OFFCRYPTO's agile encryption): a compound file with
 * the streams EncryptionInfo (version 4.4, then its XML) and EncryptedPackage. The package's bytes are
 * random: no key opens them, as none would without the password.
 */
export function encryptedDocx(): Buffer {
  const container = CFB.utils.cfb_new();
  const info = Buffer.concat([
    Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
    ),
  ]);
  CFB.utils.cfb_add(container, '/EncryptionInfo', info);
  CFB.utils.cfb_add(container, '/EncryptedPackage', randomBytes(4096));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** An .xlsx whose one extra part unpacks to `megabytes` MB of zeros from a few hundred kB, as a zip bomb does. */
export function zipBombXlsx(megabytes: number): OfficeFixture {
  return {
    kind: 'spreadsheet',
    xml: flatDocument('spreadsheet', sheet('Ark1', [['bombe']])),
    extension: '.xlsx',
    after: (xlsx) =>
      Buffer.from(zipSync({ ...unzipSync(xlsx), 'xl/media/fyld.bin': [new Uint8Array(megabytes * 1024 * 1024), { level: 1 }] })),
  };
}

/** Processes of this test process's conversions still there (by their profile folder, agenda-office-<pid>-, in their command line), and their folders. */
export function conversionsLeft(): { processes: string[]; folders: string[] } {
  const ours = `agenda-office-${process.pid}-`;
  const processes = readdirSync('/proc').filter((n) => {
    try {
      return /^\d+$/.test(n) && readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(ours);
    } catch {
      return false;
    }
  });
  return { processes, folders: readdirSync(tmpdir()).filter((n) => n.startsWith(ours)) };
}

/** A Word document: a heading, a paragraph (Danish letters), a table and an embedded picture of 120 × 80 pixels. */
export function wordFile(t: { heading: string; paragraph: string; cells: string[][] }): OfficeFixture {
  const body = heading(t.heading) + paragraph(t.paragraph) + textTable(t.cells) + embeddedImage(scanPng(120, 80), 6, 4);
  return { kind: 'text', xml: flatDocument('text', body), extension: '.docx' };
}

/** A spreadsheet of `rows` × `columns` cells, each saying where it is ("R3K17"): far wider than A4 at 30 columns. */
export function sheetFile(t: { rows: number; columns: number }): OfficeFixture {
  const rows = Array.from({ length: t.rows }, (_, r) => Array.from({ length: t.columns }, (_, k) => `R${r + 1}K${k + 1}`));
  return { kind: 'spreadsheet', xml: flatDocument('spreadsheet', sheet('Ark1', rows)), extension: '.xlsx' };
}

/** A slide deck, one slide a title. */
export function slidesFile(titles: string[]): OfficeFixture {
  const slides = titles.map((t, i) => slide(`Dias${i + 1}`, t, `Dias nummer ${i + 1}`)).join('');
  return { kind: 'presentation', xml: flatDocument('presentation', slides), extension: '.pptx' };
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

/** A .docx whose core properties (docProps/core.xml) say `marker` as its title, subject, author, keywords and last editor. */
export function docxWithProperties(body: string, marker: string): OfficeFixture {
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${marker}TITLE</dc:title><dc:subject>${marker}SUBJECT</dc:subject><dc:creator>${marker}AUTHOR</dc:creator><cp:keywords>${marker}KEYWORDS</cp:keywords><dc:description>${marker}DESCRIPTION</dc:description><cp:lastModifiedBy>${marker}EDITOR</cp:lastModifiedBy></cp:coreProperties>`;
  return {
    ...text(flatDocument('text', paragraph(body)), '.docx'),
    after: (docx) => rezip(docx, (name) => (name === 'docProps/core.xml' ? core : undefined)),
  };
}

/**
 * A .docx whose one paragraph holds tracked changes as Word records them: `kept`, then `deleted`
 * (w:del) and `inserted` (w:ins), neither accepted nor rejected yet.
 */
export function docxWithTrackedChanges(t: { kept: string; deleted: string; inserted: string }): OfficeFixture {
  const change = 'w:author="Sagsbehandler" w:date="2026-01-05T10:00:00Z"';
  const changed = `<w:p><w:r><w:t xml:space="preserve">${t.kept} </w:t></w:r><w:del w:id="101" ${change}><w:r><w:delText>${t.deleted}</w:delText></w:r></w:del><w:ins w:id="102" ${change}><w:r><w:t>${t.inserted}</w:t></w:r></w:ins></w:p>`;
  const track = (name: string, xml: string | undefined) =>
    name === 'word/document.xml' ? xml?.replace(/<w:p\b(?:(?!<w:p\b)[\s\S])*?PLACEHOLDER[\s\S]*?<\/w:p>/, changed) : undefined;
  return { ...text(flatDocument('text', paragraph('PLACEHOLDER')), '.docx'), after: (docx) => rezip(docx, track) };
}

/**
 * The flat documents saved by LibreOffice (then each one's `after`): one profile for them all (a fresh profile's
 * first start is much of a run's CPU) and one run per extension, each converting all its files. A file's bytes
 * are its own whichever files it is saved with; a test that needs a save alone (a fetch it makes) saves it alone.
 */
export async function saveAllAs(files: OfficeFixture[]): Promise<Buffer[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-fixtures-'));
  const source = (i: number) => path.join(dir, `d${i}${flatExtension[files[i]!.kind]}`);
  try {
    files.forEach((f, i) => writeFileSync(source(i), f.xml));
    for (const extension of new Set(files.map((f) => f.extension))) {
      const sources = files.flatMap((f, i) => (f.extension === extension ? [source(i)] : []));
      await sofficeIn(dir, ['--convert-to', extension.slice(1), '--outdir', path.join(dir, 'out'), ...sources]);
    }
    return files.map((f, i) => {
      const saved = readFileSync(path.join(dir, 'out', `d${i}${f.extension}`));
      return f.after ? f.after(saved) : saved;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
