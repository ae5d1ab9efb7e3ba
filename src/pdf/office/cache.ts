import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from '../../shared/files.js';
import { pdfLib } from '../pdf-lib.js';

/** The entry of one conversion: named by a hash of all it follows from (the input's, the converter's, our options'). */
export function cacheFile(cacheDir: string, key: Record<string, string>): string {
  const name = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  return path.join(cacheDir, `${name}.pdf`);
}

/**
 * A cached PDF, or undefined where there is none or what is there is not a whole PDF (an entry cut
 * short, or damaged on the disk since): that is converted again and written over. Entries are written
 * whole or not at all (writeAtomically), so a broken one is rare.
 */
export async function readCached(file: string): Promise<Uint8Array | undefined> {
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-')) || !/%%EOF\s*$/.test(bytes.subarray(-32).toString('latin1')))
    return undefined;
  try {
    const { PDFDocument } = await pdfLib();
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    return doc.getPageCount() > 0 ? new Uint8Array(bytes) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes an entry, readable by its owner alone: a closed attachment's PDF is as closed as the file, so
 * the folder is 0700 (made so, and set so where an older run made it 0755) and each entry 0600.
 * An entry that cannot be written (a read-only or full ~/.cache, a file where the folder should be)
 * is left out without a word: the cache only saves the next conversion's time, the PDF in hand is
 * whole, and the build it serves must not fail, nor tell the clerk of a folder they never named.
 */
export async function writeCached(file: string, pdf: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    await writeAtomically(file, pdf, 0o600);
  } catch {
    // not cached: converted again next time (see above)
  }
}
