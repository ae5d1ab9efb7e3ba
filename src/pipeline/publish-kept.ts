import type { PublishedFile, PublishedMeeting } from '../publish/json.js';
import type { PublishedCommittee } from '../publish/site.js';
import type { Meeting } from '../model/meeting.js';
import { allUnchangedSince, earlierFilesBy, sha256, type EarlierPublication } from '../publish/state.js';

// A meeting's own files of the site (its page, its data, its SBSYS folder) are made of that meeting
// alone, with the site's and its committee's names: a publication where it is as it was keeps them as
// the last one wrote them, neither made nor read again. A one-meeting change composes that meeting's.

/** A meeting's files, each by the fingerprint of what they are made from (recorded as their `madeFrom`). */
export interface KeptMeetings {
  /** The fingerprint of what the meeting's own files are made from. */
  keyOf: (published: PublishedMeeting) => string;
  /** The same without the house's pages: what the meeting's search records are made from (of the package's soegepost.hbs). */
  recordsKeyOf: (published: PublishedMeeting) => string;
  /** Whether the site has the meeting's own files as the last publication made them from the same. */
  kept: (published: PublishedMeeting) => boolean;
  /** The files of the meetings kept: left unread and listed as they were. */
  files: ReadonlySet<string>;
}

/**
 * What each meeting's own files are made from: the package's templates and version (`layout`), the
 * site's address and words (`site`), the house's page templates (`pages`, HousePages.pagesKey), its
 * committee's names, the public meeting, and each of its PDFs' path, name and bytes. Without `force`,
 * the meetings the site has such files of, each as written.
 */
export function keptMeetings(
  committees: PublishedCommittee[],
  context: { layout: string; site: unknown; pages?: string; force: boolean; digestOf: (meeting: Meeting) => string },
  earlier: EarlierPublication,
): KeptMeetings {
  const records = new Map<PublishedMeeting, string>();
  for (const c of committees) {
    const own = JSON.stringify([context.site, c.id, c.name, c.shortName, c.authority, c.words]);
    for (const published of c.meetings)
      records.set(published, meetingKey(context.layout, own, context.digestOf(published.meeting), published));
  }
  const recordsKeyOf = (published: PublishedMeeting) => {
    const key = records.get(published);
    if (key === undefined) throw new Error(`${published.pdf.path}: a meeting not among those published`);
    return key;
  };
  const { pages } = context;
  const keyOf = (published: PublishedMeeting) =>
    pages === undefined ? recordsKeyOf(published) : sha256(`${recordsKeyOf(published)}\0${pages}`);
  const keys = new Map([...records.keys()].map((published) => [published, keyOf(published)]));
  const earlierOf = earlierFilesBy(earlier, (_, { madeFrom }) => madeFrom);
  const files = new Set<string>();
  const kept = new Set<PublishedMeeting>();
  if (!context.force)
    for (const [published, key] of keys) {
      const own = earlierOf.get(key) ?? [];
      if (!allUnchangedSince(earlier, own)) continue;
      kept.add(published);
      for (const file of own) files.add(file);
    }
  return { keyOf, recordsKeyOf, kept: (published) => kept.has(published), files };
}

/**
 * Each PDF by its SHA-256 as publish.ts took it: of its bytes, or the state file's for one kept unread,
 * hashing none again; the public meeting by `digest`, its JSON's SHA-256 (its record's where it is kept unread).
 */
function meetingKey(layout: string, own: string, digest: string, published: PublishedMeeting): string {
  const pdfs = [published.pdf, published.combined, ...published.addenda.flatMap((a) => [a.pdf, a.combined]), ...published.attachments];
  const file = (f: PublishedFile | undefined) => (f ? `${f.path}\0${f.name}\0${'anchor' in f ? String(f.anchor) : ''}\0${f.sha256}` : '-');
  return sha256([layout, own, digest, published.addenda.map((a) => a.number).join(','), ...pdfs.map(file)].join('\0'));
}
