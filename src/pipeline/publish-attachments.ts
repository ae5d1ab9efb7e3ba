import { filedAttachments, type FiledAttachment } from '../model/attachments.js';
import type { Meeting } from '../model/meeting.js';
import { attachmentPdf } from '../pdf/attachments.js';
import { openAttachments } from './combine.js';

// The open attachments of the published meetings, each a PDF of its own on the site: what a citizen
// opens from the item it belongs to, and what the open data and OS2web's importer link to.

/** An open attachment's file, to publish beside its meeting's documents. */
export interface PublicAttachment {
  meeting: Meeting;
  filed: FiledAttachment;
  /** Its path in the site. */
  file: string;
  /** Its committee's folder, which its `fil:` is relative to. */
  attachmentsFrom: string;
}

/**
 * The public meeting's attachments with a file: the public version holds the files of open
 * attachments of open items only. Each is named by its item's number and its own,
 * `direktionen/2023-09-06-bilag-3-1.pdf`; a number given twice in one item gets its place after it.
 */
export function attachmentsOf(committee: { id: string; dir: string }, meeting: Meeting): PublicAttachment[] {
  const filed = filedAttachments(meeting);
  const nameOf = ({ item, bilag }: FiledAttachment) => `bilag-${item.number}-${bilag.number}`;
  const names = filed.map(nameOf);
  return filed.map((f) => {
    const own = nameOf(f);
    const name = names.indexOf(own) === names.lastIndexOf(own) ? own : `${own}-${f.place + 1}`;
    return { meeting, filed: f, file: `${committee.id}/${meeting.date}-${name}.pdf`, attachmentsFrom: committee.dir };
  });
}

/**
 * Each attachment's PDF (attachmentPdf), by its path in the site. A meeting's files are opened as a
 * build opens them, all at once: a bad one, or one that is not the file a finalized meeting went out
 * with, is a located error and nothing is published.
 */
export async function attachmentFiles(attachments: PublicAttachment[]): Promise<Map<string, Uint8Array>> {
  const made = new Map<string, Uint8Array>();
  for (const meeting of new Set(attachments.map((a) => a.meeting))) {
    const own = attachments.filter((a) => a.meeting === meeting);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a meeting of the set has at least one attachment
    const { filed, opened } = await openAttachments(own[0]!.attachmentsFrom, meeting);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a's attachment is one of its meeting's filed ones
    for (const a of own) made.set(a.file, await attachmentPdf(opened[filed.findIndex((f) => f.anchor === a.filed.anchor)]!));
  }
  return made;
}
