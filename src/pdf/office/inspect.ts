import type { Entry, ZipFile } from 'yauzl';
import { attachmentError, type AttachmentFileRef } from '../../shared/attachment-file.js';

/** How a kind of office file is stored, and what the clerk calls it (with its article: "a Word document"). */
type Container = 'zip' | 'cfb' | 'rtf' | 'text';
export interface Format {
  container: Container;
  name: string;
  /** LibreOffice's import filter: the file is read as what its name says, never as what its bytes might pass for. */
  filter: string;
  /** The PDF export of the application that opens it. */
  application: 'writer' | 'calc' | 'impress';
}

export const formats: Record<string, Format> = {
  '.docx': { container: 'zip', name: 'a Word document', filter: 'MS Word 2007 XML', application: 'writer' },
  '.doc': { container: 'cfb', name: 'a Word 97-2003 document', filter: 'MS Word 97', application: 'writer' },
  '.odt': { container: 'zip', name: 'an OpenDocument text', filter: 'writer8', application: 'writer' },
  '.rtf': { container: 'rtf', name: 'an RTF document', filter: 'Rich Text Format', application: 'writer' },
  '.txt': { container: 'text', name: 'a text file', filter: 'Text (encoded):UTF8,LF,,,', application: 'writer' },
  '.xlsx': { container: 'zip', name: 'an Excel workbook', filter: 'Calc MS Excel 2007 XML', application: 'calc' },
  '.xls': { container: 'cfb', name: 'an Excel 97-2003 workbook', filter: 'MS Excel 97', application: 'calc' },
  '.ods': { container: 'zip', name: 'an OpenDocument spreadsheet', filter: 'calc8', application: 'calc' },
  '.pptx': { container: 'zip', name: 'a PowerPoint presentation', filter: 'Impress MS PowerPoint 2007 XML', application: 'impress' },
  '.ppt': { container: 'cfb', name: 'a PowerPoint 97-2003 presentation', filter: 'MS PowerPoint 97', application: 'impress' },
  '.odp': { container: 'zip', name: 'an OpenDocument presentation', filter: 'impress8', application: 'impress' },
};

/**
 * A zip's declared contents beyond which it is refused before LibreOffice sees it: far above any real
 * document (a Word file with a hundred photographs unpacks to some hundreds of MB), far below what
 * would exhaust the machine. What a zip does not declare truthfully is bounded by the run's memory
 * and file-size limits (run.ts).
 */
const zipLimits = { totalBytes: 1024 ** 3, entries: 20_000, ratio: 200, ratioFrom: 100 * 1024 ** 2 };

const password = 'it is protected by a password: save a copy without one and name that';

/**
 * The file is what its name says, whole enough to hand to LibreOffice, no zip bomb, and without
 * tracked changes; a located error at its `fil:` line otherwise. Read with libraries that know the
 * formats (yauzl reads a zip's central directory, cfb a compound file's directory); nothing is
 * unpacked but an OpenDocument's manifest and a text document's own text, read for its tracked changes
 * (trackedChanges) once the directory has passed the zip bomb's limits.
 */
export async function inspectOfficeFile(ref: AttachmentFileRef, bytes: Uint8Array, extension: string): Promise<Format> {
  const format = formats[extension];
  const fail = (message: string) => attachmentError(ref, message);
  if (!format) throw fail(`${extension || 'a file without an extension'} is not a kind of file LibreOffice converts here`);
  if (bytes.length === 0) throw fail('empty (0 bytes)');
  const found = containerOf(bytes);
  if (found === 'cfb' && format.container === 'zip' && (await encryptedOoxml(bytes))) throw fail(password);
  if (found !== format.container && !(format.container === 'text' && found === undefined)) {
    throw fail(`not ${format.name}: its content is ${describe(found, bytes)}; save it again as ${extension} or name it by what it is`);
  }
  if (found === 'zip') await inspectZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), extension, fail);
  if (format.container === 'text' && !isText(bytes)) throw fail('not a text file: it holds bytes that are not UTF-8 text');
  if (found === 'rtf' && rtfChanges.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')))
    throw fail(unaccepted);
  return format;
}

function containerOf(bytes: Uint8Array): Container | undefined {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16));
  if (start.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
  if (start.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'cfb';
  if (start.toString('latin1').startsWith('{\\rtf')) return 'rtf';
  return undefined;
}

/** What a file that is not what its name says is instead, in the clerk's words. */
function describe(found: Container | undefined, bytes: Uint8Array): string {
  if (found === 'zip') return 'a zip archive';
  if (found === 'cfb') return 'an older Office file (or another compound file)';
  if (found === 'rtf') return 'an RTF document';
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8));
  if (start.toString('latin1').startsWith('%PDF')) return 'a PDF (name it .pdf)';
  if (start.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'a PNG image (name it .png)';
  if (start[0] === 0xff && start[1] === 0xd8) return 'a JPEG image (name it .jpg)';
  return isText(bytes) ? 'plain text' : 'not a file LibreOffice reads';
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Word, Excel and PowerPoint keep a file with a password as a compound file holding EncryptionInfo and EncryptedPackage. */
async function encryptedOoxml(bytes: Uint8Array): Promise<boolean> {
  // Loaded here, as yauzl below is: every command that reads attachments loads this file, few meet an office file.
  const { default: CFB } = await import('cfb');
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    return CFB.find(container, 'EncryptionInfo') !== null || CFB.find(container, 'EncryptedPackage') !== null;
  } catch {
    return false;
  }
}

/** The zip's central directory, read entry by entry: sizes declared; inflated only an OpenDocument manifest and a text document's text. */
async function inspectZip(buffer: Buffer, extension: string, fail: (message: string) => Error): Promise<void> {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (openError, zip) => {
        if (openError || !zip) return reject(fail(`damaged: it cannot be read as a zip archive (${openError?.message ?? 'no archive'})`));
        let total = 0;
        let entries = 0;
        let manifest: Entry | undefined;
        const textParts: Entry[] = [];
        zip.on('error', (err: Error) => reject(fail(`damaged: ${err.message}`)));
        zip.on('entry', (entry: Entry) => {
          total += entry.uncompressedSize;
          entries++;
          if (entry.fileName === 'META-INF/manifest.xml') manifest = entry;
          if (trackedChanges[extension]?.parts.test(entry.fileName)) textParts.push(entry);
          if (entries > zipLimits.entries) {
            zip.close();
            return reject(fail(`refused: it holds more than ${zipLimits.entries} files, as a zip bomb does`));
          }
          if (total > zipLimits.totalBytes || (total > zipLimits.ratioFrom && total / buffer.length > zipLimits.ratio)) {
            zip.close();
            return reject(
              fail(
                `refused: it would unpack to ${Math.round(total / 1024 ** 2)} MB from ${Math.max(1, Math.round(buffer.length / 1024 ** 2))} MB, as a zip bomb does`,
              ),
            );
          }
          zip.readEntry();
        });
        zip.on('end', () => {
          const encrypted =
            manifest && extension.startsWith('.od') ? readSmall(zip, manifest).then((text) => /encryption-data/.test(text)) : false;
          Promise.resolve(encrypted)
            .then(async (isEncrypted) => {
              if (isEncrypted) return reject(fail(password));
              for (const part of textParts) if (await holds(zip, part, trackedChanges[extension]?.marks)) return reject(fail(unaccepted));
              resolve();
            })
            .catch((err: Error) => reject(fail(`damaged: ${err.message}`)));
        });
        zip.readEntry();
      },
    );
  });
}

/**
 * Where a text document keeps its tracked changes (Word's w:del and w:ins, OpenDocument's changed
 * regions, RTF's \deleted and \revised), which LibreOffice prints as they are shown: deleted text
 * struck through beside what replaced it. The PDF is published, so a deletion a caseworker made (a
 * name, a sentence taken back) would be, too; the clerk decides what stands, in the document. A .doc
 * keeps them in its binary streams, which are not read here.
 */
const trackedChanges: Record<string, { parts: RegExp; marks: RegExp }> = {
  '.docx': {
    parts: /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$/,
    marks: /<w:(?:del|ins|moveFrom|moveTo|rPrChange|pPrChange)\b/,
  },
  '.odt': { parts: /^(?:content|styles)\.xml$/, marks: /<text:changed-region\b/ },
};
const rtfChanges = /\\(?:deleted|revised)(?![a-z])/;

const unaccepted =
  'it holds tracked changes, which would be printed as they are shown (deleted text struck through): open it, accept or reject the changes (in Word: Review, Accept or Reject, all changes), save it and name that';

/** Whether a part of the zip holds `marks`: read as it inflates, a chunk at a time (a part may be large), until found. */
function holds(zip: ZipFile, entry: Entry, marks: RegExp | undefined): Promise<boolean> {
  return new Promise((resolve, reject) => {
    if (!marks) return resolve(false);
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error(`${entry.fileName} cannot be read`));
      // The end of the chunk before, so a mark cut in two by a chunk's end is found whole.
      let before = '';
      stream.on('data', (chunk: Buffer) => {
        const text = before + chunk.toString('latin1');
        if (marks.test(text)) {
          stream.destroy();
          resolve(true);
        }
        before = text.slice(-64);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(false));
    });
  });
}

/** An OpenDocument's manifest, which names the encryption of each part if there is a password. */
function readSmall(zip: ZipFile, entry: Entry): Promise<string> {
  if (entry.uncompressedSize > 1024 ** 2) return Promise.reject(new Error('its manifest is too large'));
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('its manifest cannot be read'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}
