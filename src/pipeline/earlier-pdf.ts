import { readEarlierOutput } from '../input/read-file.js';
import { recordedInputs, type RecordedOrigin } from '../pdf/postprocess.js';
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

/**
 * A PDF agenda wrote at `file`, whatever it was made from, its bytes as written (a regular file: a FIFO or a link to
 * one is none): what it records of its committee, authority and meeting file; undefined for any other file.
 */
export async function pdfAsWritten(file: string): Promise<RecordedOrigin | undefined> {
  const bytes = await readEarlierOutput(file);
  const recorded = bytes && (await recordedInputs(bytes));
  if (!recorded?.unchanged) return undefined;
  const { inputs: _inputs, unchanged: _unchanged, ...origin } = recorded;
  return origin;
}
