import { createHash } from 'node:crypto';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { InputError, type Finding } from '../shared/errors.js';
import { readAttachmentBytes } from '../input/attachments.js';
import { readAttachmentHashes, type AttachmentHashes } from '../input/archive.js';
import { filedAttachments, type FiledAttachment } from '../model/attachments.js';
import type { Meeting } from '../model/meeting.js';
import { openAttachment, type OpenedAttachment } from '../pdf/attachments.js';
import { headingPages } from '../pdf/outline.js';
import { removeSheet } from '../pdf/remove-sheet.js';
import { placeAttachments } from '../pdf/stamp.js';
import type { AttachmentPages } from '../render/contents.js';
import { attachmentLabel, fill } from '../render/wording.js';
import { agendaLayout, attachmentStarts } from '../shared/printable.js';
import { asPdf, ConverterMissing, converterFinding, type OfficeSettings } from './office.js';

/** The attachment files of one version of a meeting, opened, for its combined document (samlet dokument). */
export interface Attachments {
  filed: FiledAttachment[];
  opened: OpenedAttachment[];
  /** Known before printing, so the agenda can give each attachment's page. */
  pages: AttachmentPages;
}

/** How the attachments are opened: where the combined document puts them, and the office converter to use. */
export interface OpenOptions extends OfficeSettings {
  /** In the combined document, each item's attachments right after its pages. */
  afterItem?: boolean;
}

/**
 * Opens the files of the attachments this version holds (the public version has none of a closed
 * attachment, so a closed file is never opened, nor an office file converted, for it). An office file
 * is converted to PDF first. Every bad file at once, each a located error at its `fil:`; in a
 * finalized meeting, also a file that is not the one that went out (a late item's, once its addendum went out). No office converter is one error
 * (ConverterMissing) for the whole meeting.
 */
export async function openAttachments(dir: string, meeting: Meeting, options: OpenOptions = {}): Promise<Attachments> {
  const filed = filedAttachments(meeting);
  const recorded = await readAttachmentHashes(dir, meeting.date);
  const findings: Finding[] = [];
  const opened: OpenedAttachment[] = [];
  for (const { item, bilag } of filed) {
    try {
      const file = await readAttachmentBytes(dir, bilag.file);
      const sent = recorded?.[bilag.file.path];
      // An item of a tillægsdagsorden came after the meeting was finalized: its new file is recorded when the addendum goes out (send).
      const lateAndNew = item.addendum !== undefined && sent === undefined;
      if (recorded && sent !== file.sha256 && !lateAndNew) {
        const change = sent ? 'has changed since' : 'was not an attachment when';
        throw new InputError([
          {
            ...bilag.file.at,
            message: `${bilag.file.path}: the file ${change} the meeting was finalized (see arkiv/${meeting.date}/bilag.yaml); put back the file that went out, or reopen the meeting`,
          },
        ]);
      }
      opened.push(await openAttachment(await asPdf(file, options), meeting.style.weblinks_i_bilag));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      findings.push(...err.findings);
    }
  }
  if (findings.length) throw new InputError(findings);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one opened file for each filed attachment (a failure threw above)
  const sizes = new Map(filed.map((f, i) => [f.anchor, { item: f.itemIndex, pages: opened[i]!.pages }]));
  return { filed, opened, pages: { sizes, afterItem: options.afterItem ?? false } };
}

/** The fingerprint of a combined document's inputs: the agenda's, every attachment file's SHA-256 (and an office file's converter), and where they are placed. */
export function withAttachments(inputs: string, attachments: Attachments | undefined): string {
  if (!attachments) return inputs;
  // Only the placement after each item is named, so a combined document built before it was an option keeps its fingerprint.
  const hash = createHash('sha256').update(attachments.pages.afterItem ? `${inputs}\0bilag-efter-punkt` : inputs);
  for (const { file } of attachments.opened)
    hash.update(`\0${file.ref.path}\0${file.sha256}${file.convertedBy ? `\0${file.convertedBy}` : ''}`);
  return hash.digest('hex');
}

/**
 * Every attachment file of the members' version, checked as a build opens it (an office file
 * converted, which fills the cache for the build): its findings, none when all are good.
 */
export async function attachmentFindings(dir: string, meeting: Meeting, office: OfficeSettings = {}): Promise<Finding[]> {
  return openAttachments(dir, meeting, office).then(
    () => [],
    (err: unknown) => {
      if (err instanceof InputError) return err.findings;
      if (err instanceof ConverterMissing) return converterFinding(err);
      throw err;
    },
  );
}

/** The SHA-256 of each attachment file (an office file's own; all opened first, so a bad one stops the finalizing), by its `fil:`. */
export async function attachmentHashes(dir: string, meeting: Meeting, office: OfficeSettings = {}): Promise<AttachmentHashes> {
  const { opened } = await openAttachments(dir, meeting, office);
  return Object.fromEntries(opened.map((o) => [o.file.ref.path, o.file.sha256]));
}

/**
 * The agenda as printed, with every attachment's pages in the same document: after the agenda, or
 * (`--bilag-efter-punkt`) each item's right after that item's pages. Each is stamped with what it is
 * and its page in the combined numbering in the house's words ("Side 35 af 120"), bookmarked under its item, and the
 * target of the agenda's links to it. `fromFrontPage`: the house numbers its pages from the front page.
 */
export async function combine(
  doc: PDFDocument,
  attachments: Attachments,
  words: Meeting['style']['ord'],
  fromFrontPage = false,
): Promise<void> {
  const printed = await headingPages(doc);
  const sizes = [...attachments.pages.sizes.values()];
  // After each item, the empty sheet its attachments take the place of (see attachmentPlaces).
  const { agenda, places } = agendaLayout(printed, sizes, attachments.pages.afterItem, fromFrontPage);
  for (const sheet of [...places].sort((a, b) => b - a)) await removeSheet(doc, sheet);
  const { starts, total } = attachmentStarts(agenda, sizes, attachments.pages.afterItem);
  // The combined numbering counts the sheets from the agenda's first numbered one.
  const firstBody = printed.sheets - places.length - agenda.total;
  const placed = attachments.filed.map((f, i) => ({
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one opened file for each filed attachment
    opened: attachments.opened[i]!,
    label: attachmentLabel(words, f),
    anchor: f.anchor,
    // The outline's first top-level entry is the contents, then one per item.
    parent: f.itemIndex + 1,
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- attachmentStarts gives a start for each attachment
    firstNumber: starts[i]!,
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- attachmentStarts gives a start for each attachment
    sheet: firstBody + starts[i]! - 1,
  }));
  await placeAttachments(
    doc,
    placed,
    (n) => fill(words.samlet_side, { side: String(n), sider: String(total) }),
    (label, n, m) => fill(words.bilag_side, { bilag: label, side: String(n), sider: String(m) }),
  );
}
