import { unfoundAttachment } from '../input/attachments.js';
import type { CommitteeFolder } from '../input/repository.js';
import { filedAttachments, type FiledAttachment } from '../model/attachments.js';
import type { Meeting } from '../model/meeting.js';
import { publicVersion } from '../model/public.js';
import type { Finding } from '../shared/errors.js';
import { attachmentPdf } from '../pdf/attachments.js';
import { openAttachments } from './combine.js';
import type { OfficeSettings } from './office.js';

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
export function attachmentsOf(committee: { id: string; folder: CommitteeFolder }, meeting: Meeting): PublicAttachment[] {
  const filed = filedAttachments(meeting);
  const nameOf = ({ item, bilag }: FiledAttachment) => `bilag-${item.number}-${bilag.number}`;
  const names = filed.map(nameOf);
  return filed.map((f) => {
    const own = nameOf(f);
    const name = names.indexOf(own) === names.lastIndexOf(own) ? own : `${own}-${f.place + 1}`;
    return { meeting, filed: f, file: `${committee.id}/${meeting.date}-${name}.pdf`, attachmentsFrom: committee.folder.dir };
  });
}

/**
 * What check says of a closed attachment's `fil:` whose file is not there (or a path it reads nothing from),
 * located at it, as warnings, told without opening any file. The site is whole without the file (a closed
 * file is never opened for a public output), so publish goes on; but the members' documents (build, send,
 * forsegl) are refused until it is there, which the clerk should hear of before they are due.
 */
export async function unfoundClosedFiles(dir: string, meeting: Meeting): Promise<Finding[]> {
  const open = new Set(filedAttachments(publicVersion(meeting)).map((f) => f.anchor));
  const closed = filedAttachments(meeting).filter((f) => !open.has(f.anchor));
  const unfound = await Promise.all(closed.map((f) => unfoundAttachment(dir, f.bilag.file)));
  return unfound.flatMap((error) => error?.findings.map((finding) => ({ ...finding, warning: true })) ?? []);
}

/**
 * Each attachment's PDF (attachmentPdf), by its path in the site, handed to `keep` as it is made (so an
 * archive's are never all in memory): what it gives. A meeting's files are opened as a build opens them,
 * all at once: a bad one, or one that is not the file a finalized meeting went out with, is a located
 * error and nothing is published. Stops, before the next attachment, once `stop` is aborted (the publication failed).
 */
export async function attachmentFiles<R>(
  attachments: PublicAttachment[],
  office: OfficeSettings,
  keep: (file: string, pdf: Uint8Array) => R,
  stop?: AbortSignal,
): Promise<Map<string, R>> {
  const made = new Map<string, R>();
  const of = byMeeting(attachments);
  const done = new Set<Meeting>();
  // Each meeting once, from its first attachment.
  for (const { meeting, attachmentsFrom } of attachments) {
    if (done.has(meeting)) continue;
    done.add(meeting);
    stop?.throwIfAborted();
    const { filed, opened } = await openAttachments(attachmentsFrom, meeting, { libreoffice: office.libreoffice });
    for (const a of of(meeting)) {
      const file = opened[filed.findIndex((f) => f.anchor === a.filed.anchor)];
      // attachmentsOf made each of a meeting's attachments from its filed ones, and openAttachments opens every one of them.
      if (!file) throw new Error(`${a.file}: not among the attachments opened for its meeting`);
      stop?.throwIfAborted();
      made.set(a.file, keep(a.file, await attachmentPdf(file)));
    }
  }
  return made;
}

/**
 * The outputs of each meeting, found by the meeting: looked up in a list of an archive's outputs for
 * each of its meetings, 4,000 meetings went through 46,000 outputs 4,000 times, three times over.
 */
export function byMeeting<T extends { meeting: Meeting }>(outputs: T[]): (meeting: Meeting) => T[] {
  const of = new Map<Meeting, T[]>();
  for (const output of outputs) {
    const own = of.get(output.meeting);
    if (own) own.push(output);
    else of.set(output.meeting, [output]);
  }
  return (meeting) => of.get(meeting) ?? [];
}
