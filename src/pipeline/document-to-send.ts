import { readFile } from 'node:fs/promises';
import { inputsFingerprint, withApprovals, withCorrectionMark } from './fingerprint.js';
import { meetingTakesUpCases } from './case-history.js';
import type { Meeting } from '../model/meeting.js';
import { filedAttachments } from '../model/attachments.js';
import { openAttachments, withAttachments } from './combine.js';
import type { OfficeSettings } from './office.js';
import { buildPdf, combinedPdfPath, defaultPdfPath } from './document.js';
import { earlierPdf } from './earlier-pdf.js';

export interface SentDocument {
  file: string;
  bytes: Uint8Array;
  /** Whether it was built now, or an existing PDF that records being made from these very inputs. */
  built: boolean;
  /** Built because the PDF there, made from these inputs, was changed after it was built (annotated, saved by another program). */
  changedAfterBuild: boolean;
}

/**
 * The meeting's PDF at its usual place: reused only where it records the fingerprint of this
 * meeting's inputs (out/ is shared by every meetings folder, and a file's time proves nothing of
 * what it was made from) and its bytes are still those the tool made (its seal holds), else built.
 * `shown.approvals`: the fingerprint of the approvals the version shows (publicMinutes, approvalVersions), counted as
 * a build counts it; `shown.suffix`: where the version goes beside the usual file, as a build writes it (-godkendt.pdf).
 */
export async function documentToSend(
  dir: string,
  meeting: Meeting,
  browser: () => { executablePath: string; timeoutMs: number },
  office: OfficeSettings = {},
  shown: { approvals?: string; suffix?: string } = {},
): Promise<SentDocument> {
  // A meeting with attachment files goes out as the combined document, so the members get them all.
  const attachments = filedAttachments(meeting).length > 0 ? await openAttachments(dir, meeting, office) : undefined;
  const usual = attachments ? combinedPdfPath(meeting) : defaultPdfPath(meeting);
  const file = shown.suffix ? usual.replace(/\.pdf$/, shown.suffix) : usual;
  const own = await inputsFingerprint(dir, meeting.date, meeting.audience, meetingTakesUpCases(meeting));
  const inputs = withCorrectionMark(withApprovals(withAttachments(own, attachments), shown.approvals), meeting);
  const existing = await earlierPdf(file, inputs);
  if (existing?.unchanged) return { file, bytes: existing.bytes, built: false, changedAfterBuild: false };
  await buildPdf(meeting, file, browser(), inputs, attachments);
  return { file, bytes: await readFile(file), built: true, changedAfterBuild: existing !== undefined };
}
