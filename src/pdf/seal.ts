import { createHash } from 'node:crypto';

/**
 * The key of the document information that holds the document's own SHA-256, its seal. The inputs'
 * fingerprint (AgendaInputs) proves what a document was made from, not that the file is still what
 * was made: a PDF reader's incremental save (the clerk's annotation) appends to the file and keeps the
 * document information, a full save by another program rewrites it and keeps it too. Either changes
 * the bytes, and the seal no longer holds.
 */
export const sealKey = 'AgendaSha256';

/**
 * Seals saved bytes whose seal entry holds `placeholder` (the inputs' fingerprint, as long as a SHA-256
 * in hex): their SHA-256 is computed as they are, then written in the placeholder's place. The
 * placeholder names this document's entry: no attachment's bytes can hold it, since it is computed from
 * them.
 */
export function seal(bytes: Uint8Array, placeholder: string): Uint8Array {
  const at = onlyPlace(bytes, placeholder);
  if (at === undefined) throw new Error(`the saved document holds its ${sealKey} entry other than once`);
  const sealed = Uint8Array.from(bytes);
  sealed.set(Buffer.from(sha256(bytes), 'latin1'), at);
  return sealed;
}

/** Whether `bytes` are those sealed with `digest` over `placeholder`: once more as they were, they hash to it. */
export function sealHolds(bytes: Uint8Array, digest: string, placeholder: string): boolean {
  const at = onlyPlace(bytes, digest);
  if (at === undefined || placeholder.length !== digest.length) return false;
  // Hashed around the entry, with the placeholder in its place: a copy of the file would cost as much as the hash.
  const hash = createHash('sha256').update(bytes.subarray(0, at)).update(Buffer.from(placeholder, 'latin1'));
  return hash.update(bytes.subarray(at + digest.length)).digest('hex') === digest;
}

/**
 * Whether `bytes` are a document as it was sealed over `placeholder` (the fingerprint of its inputs,
 * which the seal covers with every other byte): told from the seal entry's bytes and one SHA-256,
 * without reading the PDF, so a build can check a year's documents in moments.
 */
export function sealedOver(bytes: Uint8Array, placeholder: string): boolean {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = Buffer.from(`/${sealKey} (`, 'latin1');
  const at = file.indexOf(key);
  if (at < 0) return false;
  const start = at + key.length;
  return sealHolds(bytes, file.toString('latin1', start, start + placeholder.length), placeholder);
}

/** Where the seal entry's `value` starts, given the entry is in the file exactly once (an update that rewrote the information adds one). */
function onlyPlace(bytes: Uint8Array, value: string): number | undefined {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = Buffer.from(`/${sealKey} (${value})`, 'latin1');
  const first = file.indexOf(entry);
  if (first < 0 || file.indexOf(entry, first + 1) >= 0) return undefined;
  return first + entry.length - value.length - 1;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
