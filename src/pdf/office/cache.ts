import { createHash } from 'node:crypto';
import { readCacheEntry } from '../../shared/files.js';
import path from 'node:path';
import { pdfLib } from '../pdf-lib.js';

/** The entry of one conversion: named by a hash of all it follows from (the input's, the converter's, our options'). */
export function cacheFile(cacheDir: string, key: Record<string, string>): string {
  const name = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  return path.join(cacheDir, `${name}.pdf`);
}

/**
 * A cached PDF, or undefined where there is none or what is there is not a whole PDF (an entry cut
 * short, or damaged on the disk since): that is converted again and written over. Entries are written
 * whole or not at all (writeToCache), so a broken one is rare.
 */
export async function readCached(file: string): Promise<Uint8Array | undefined> {
  const bytes = await readCacheEntry(file);
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
