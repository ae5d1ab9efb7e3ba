import { readEarlierOutput } from '../input/read-file.js';
import { recordedInputs } from '../pdf/postprocess.js';

/**
 * The PDF at `file` where it records being made from `inputs` (the fingerprint of inputsFingerprint):
 * its bytes, and whether they are still those the tool made (its seal holds). Nothing where there is
 * no such PDF: none, another document's, one not ours. A file's time proves nothing of what it was made from.
 */
export async function earlierPdf(file: string, inputs: string): Promise<{ bytes: Uint8Array; unchanged: boolean } | undefined> {
  const bytes = await readEarlierOutput(file);
  const recorded = bytes && (await recordedInputs(bytes));
  return bytes && recorded?.inputs === inputs ? { bytes, unchanged: recorded.unchanged } : undefined;
}
