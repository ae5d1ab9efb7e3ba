import { readEarlierOutput } from '../input/read-file.js';
import { recordedInputs, recordsInputs } from '../pdf/postprocess.js';
import { sealedOver } from '../pdf/seal.js';

/**
 * The PDF at `file` where it records being made from `inputs` (the fingerprint of inputsFingerprint):
 * its bytes, and whether they are still those the tool made (its seal holds). Nothing where there is
 * no such PDF: none, another document's, one not ours. A file's time proves nothing of what it was made from.
 */
export async function earlierPdf(file: string, inputs: string): Promise<{ bytes: Uint8Array; unchanged: boolean } | undefined> {
  const bytes = await readEarlierOutput(file);
  if (!bytes) return undefined;
  if (sealedOver(bytes, inputs)) return { bytes, unchanged: true };
  // Made from these inputs but changed since (annotated, saved by another program): only the PDF's own information tells.
  return (await recordedInputs(bytes))?.inputs === inputs ? { bytes, unchanged: false } : undefined;
}

/** Whether the PDF at `file` is as the tool made it from `inputs`, its bytes untouched since: the seal alone tells, the PDF is not read. */
export async function keptAsMade(file: string, inputs: string): Promise<boolean> {
  const bytes = await readEarlierOutput(file);
  return bytes !== undefined && sealedOver(bytes, inputs);
}

/**
 * The first of `files` that is as the tool made it from one of the fingerprints `inputs` (keptAsMade),
 * each file read once; a fingerprint is made only where those before it held for none.
 */
export async function firstKeptAsMade(files: string[], inputs: Array<() => Promise<string>>): Promise<string | undefined> {
  const read = await Promise.all(files.map(async (file) => ({ file, bytes: await readEarlierOutput(file) })));
  const found = read.flatMap(({ file, bytes }) => (bytes ? [{ file, bytes }] : []));
  for (const fingerprint of found.length > 0 ? inputs : []) {
    const made = await fingerprint();
    const kept = found.find(({ bytes }) => recordsInputs(bytes, made) && sealedOver(bytes, made));
    if (kept) return kept.file;
  }
  return undefined;
}
