import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { caseHistoryDigest, inputsFingerprint } from './fingerprint.js';
import type { OfficeSettings } from './office.js';
import { buildPdf } from './document.js';
import type { Attachments } from './combine.js';
import { attachmentsOf, inputsOf, outputFile, type Output } from './output.js';
import { earlierPdf } from './earlier-pdf.js';
import { refuseIntoSite } from './targets.js';

export interface SentDocument {
  file: string;
  bytes: Uint8Array;
  /** Whether it was built now, or an existing PDF that records being made from these very inputs. */
  built: boolean;
  /** Built because the PDF there, made from these inputs, was changed after it was built (annotated, saved by another program). */
  changedAfterBuild: boolean;
}

/**
 * The output's PDF at its usual place: reused only where it records the fingerprint of this
 * meeting's inputs (out/ is shared by every meetings folder, and a file's time proves nothing of
 * what it was made from) and its bytes are still those the tool made (its seal holds), else built.
 */
export async function documentToSend(
  dir: string,
  output: Output,
  browser: () => { executablePath: string; timeoutMs: number },
  office: OfficeSettings = {},
): Promise<SentDocument> {
  const meeting = output.document;
  const attachments = await attachmentsOf(output, dir, office);
  const file = outputFile(output);
  const own = await inputsFingerprint(dir, meeting.date, meeting.audience, caseHistoryDigest(meeting));
  const build = async (inputs: string, placed: Attachments | undefined, changedAfterBuild: boolean): Promise<SentDocument> => {
    // send, forsegl and godkend write the members' document as build does: never into a published site.
    await refuseIntoSite([{ named: `${path.dirname(file)}/, where the document is written,`, folder: path.dirname(file) }]);
    await buildPdf(meeting, file, browser(), { inputs, dir }, placed);
    return { file, bytes: await readFile(file), built: true, changedAfterBuild };
  };
  for (const placed of placements(attachments)) {
    const inputs = inputsOf(output, own, placed);
    const existing = await earlierPdf(file, inputs);
    if (existing?.unchanged) return { file, bytes: existing.bytes, built: false, changedAfterBuild: false };
    if (existing) return build(inputs, placed, true);
  }
  return build(inputsOf(output, own, attachments), attachments, false);
}

/**
 * Where a combined document's attachments may stand in the PDF that goes, the placement asked for
 * first: a PDF the clerk built with each item's attachments right after it (build --samlet
 * --bilag-efter-punkt) from these very inputs is the one they looked at, so it is sent as it is (or,
 * changed after it was built, built again so), not built over in the other placement.
 */
function placements(attachments: Attachments | undefined): Array<Attachments | undefined> {
  if (!attachments) return [undefined];
  return [attachments, { ...attachments, pages: { ...attachments.pages, afterItem: !attachments.pages.afterItem } }];
}
