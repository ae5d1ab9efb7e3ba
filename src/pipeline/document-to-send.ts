import { readFile } from 'node:fs/promises';
import { inputsFingerprint } from './fingerprint.js';
import type { Meeting } from '../model/meeting.js';
import { buildPdf, defaultPdfPath } from './document.js';
import { recordedInputs } from '../pdf/postprocess.js';

export interface SentDocument {
  file: string;
  bytes: Uint8Array;
  /** Whether it was built now, or an existing PDF that records being made from these very inputs. */
  built: boolean;
}

/**
 * The meeting's PDF at its usual place: reused only where it records the fingerprint of this
 * meeting's inputs (out/ is shared by every meetings folder, and a file's time proves nothing of
 * what it was made from), else built.
 */
export async function documentToSend(dir: string, meeting: Meeting, browser: () => { executablePath: string; timeoutMs: number }): Promise<SentDocument> {
  const file = defaultPdfPath(meeting);
  const inputs = await inputsFingerprint(dir, meeting.date, meeting.audience);
  const existing = await readFile(file).catch(() => undefined);
  if (existing && (await recordedInputs(existing)) === inputs) return { file, bytes: existing, built: false };
  await buildPdf(meeting, file, browser(), inputs);
  return { file, bytes: await readFile(file), built: true };
}
