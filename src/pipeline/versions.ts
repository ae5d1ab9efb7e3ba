import { compareVersions, withheld } from '../model/changes.js';
import type { Meeting } from '../model/meeting.js';
import { publicVersion } from '../model/public.js';
import { versionOf } from '../model/versions.js';
import { asHeading, decisionHeading, notTakingPartLines, protocolLine, voteLines } from '../render/wording.js';
import { frontPage, itemPrinted } from '../render/printed.js';
import type { Correction } from '../send/message.js';
import type { Recipient } from '../send/recipients.js';
import { versionHeld, type SendLogEntry } from '../send/send-log.js';
import { readSentVersion, type SentVersion } from '../send/sent-versions.js';
import { readAttachmentBytes } from '../input/attachments.js';
import { filedAttachments } from '../model/attachments.js';

/**
 * The members' meeting as the two versions to compare: the members' own and the public one, the
 * public one made from the public model (publicVersion), so that nothing closed is in it to compare.
 */
export async function versionsOf(dir: string, members: Meeting): Promise<SentVersion> {
  const hashes = await fileHashes(dir, members);
  const of = (m: Meeting) =>
    versionOf(m, hashes, {
      heading: decisionHeading(m.style, m.style.ord.beslutning, m.committee, m.date),
      record: (item) => [
        ...notTakingPartLines(m, item),
        ...(item.vote ? voteLines(m.style.ord, item.vote) : []),
        ...item.dissent.flatMap((d) => [protocolLine(m.style.ord, d), d.text]),
      ],
      front: frontPage(m),
      bilagHeading: asHeading(m.style.ord.bilag),
      printed: (item) => itemPrinted(m, item),
    });
  return { medlemmer: of(members), offentlig: of(publicVersion(members)) };
}

/**
 * Each attachment file's SHA-256 by its `fil:`, of its bytes as they are (an office file's own, as
 * attachmentHashes gives it): none is opened or converted, so a publication that only compares reads no more than the files.
 */
async function fileHashes(dir: string, meeting: Meeting): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  // One at a time: an attachment may be a scan of 100 MB.
  for (const { bilag } of filedAttachments(meeting)) hashes[bilag.file.path] = (await readAttachmentBytes(dir, bilag.file)).sha256;
  return hashes;
}

/**
 * Where the recipient holds another version of this document: when it went, and what changed since, in the members'
 * version, quoting nothing of the earlier one that shares a word with a text closed now in the meeting (`closed`,
 * closedWords): a mail is no closed document.
 */
export async function correctionFor(
  recipient: Recipient,
  sent: { dir: string; date: string; log: SendLogEntry[]; attachment: { names: readonly string[]; sha256: string } },
  now: SentVersion,
  closed: Set<string>,
): Promise<Correction | undefined> {
  const held = versionHeld(sent.log, recipient.email, sent.attachment.names);
  if (!held || held.sha256 === sent.attachment.sha256) return undefined;
  const before = await readSentVersion(sent.dir, sent.date, held.sha256, 'medlemmer');
  return { sentAt: held.tid, changes: before && withheld(compareVersions(before, now.medlemmer), closed) };
}
