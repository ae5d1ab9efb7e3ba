import { pageTexts } from '../pdf/page-text.js';
import { indexFingerprint, searchIndexes, searchRecords, type AttachmentTexts } from '../publish/search.js';
import { SiteMap } from '../publish/site-map.js';
import { TextCache } from '../publish/search-cache.js';
import { type PublishedCommittee, type SiteFiles } from '../publish/site.js';
import { indexedCommittees } from '../publish/site-paths.js';
import type { PublishedMeeting } from '../publish/json.js';
import type { Staging } from '../publish/staging.js';
import { allUnchangedSince, bytesOf, earlierFilesBy, type EarlierPublication } from '../publish/state.js';
import type { KeptMeetings } from './publish-kept.js';

/**
 * The site's search indexes (publish/search.ts), one a committee, of the public meetings as
 * published: each open item's HTML, and each open attachment's text as pdf.js reads it from the very
 * PDF the site publishes (the tool made that PDF of a file it did not write, so it has no other text
 * of it, and pdf.js is already the tool's; no program such as pdftotext is needed where agenda runs).
 * The texts read are kept in the site folder (`save`, once the site is written, with the site's renames), so a file is read
 * once, not at every publication, under its SHA-256 as publish took it (of its bytes, or the state
 * file's for a PDF kept unread, which is read only where its text is not kept), not hashed again. A committee's records are made of what its meetings' own files are
 * (`recordsKeyOf`, publish-kept.ts): where each of its meetings' is as before and every file of its index is
 * still as publish wrote it, its index is kept, unread, without making a record; where every
 * committee's is, Pagefind is not started. `force`: index anew all the same, as --force prints every
 * document again. The indexes' files are set in `files` (publish stages each as it is set), a committee's as its index is made;
 * the texts read are staged by `staging` as they are read.
 */
export async function searchFiles(
  earlier: EarlierPublication,
  committees: PublishedCommittee[],
  meetings: Pick<KeptMeetings, 'recordsKeyOf'>,
  { force, files, staging }: { force: boolean; files: SiteFiles; staging: Staging },
): Promise<SearchFiles> {
  const kept: string[] = [];
  const stale: { folder: string; from: string; committee: PublishedCommittee }[] = [];
  const map = new SiteMap();
  // The last publication's index files by their index's folder (pagefind/<udvalg>), gone through once, not once a committee.
  const root = `${map.searchIndexes}/`;
  const earlierIndexes = force
    ? new Map<string, string[]>()
    : earlierFilesBy(earlier, (file) => (file.startsWith(root) ? file.split('/', 2).join('/') : undefined));
  for (const committee of indexedCommittees(committees)) {
    const folder = map.searchIndex(committee.id);
    const from = indexFingerprint(committee.meetings.map(meetings.recordsKeyOf));
    const own = keptIndex(earlier, earlierIndexes.get(folder) ?? [], from);
    if (own) kept.push(...own);
    else stale.push({ folder, from, committee });
  }
  const madeFrom = new Map<string, string>();
  const cache = await TextCache.of(earlier.out, staging);
  // Every publication prunes the cache, a committee re-indexed or not: a file closed (or gone) since
  // leaves an index kept or dropped, and its text must leave the site folder all the same.
  const inUse = committees.flatMap((c) => c.meetings.flatMap((m) => m.attachments.map((a) => a.sha256)));
  const save = () => cache.save(inUse);
  if (stale.length === 0) return { kept, madeFrom, save };
  // A meeting's attachments' texts, read (or taken from the cache) when its records are made.
  const textsOf = async (meeting: PublishedMeeting) => {
    const texts: AttachmentTexts = new Map();
    for (const file of meeting.attachments) texts.set(file.path, await cache.texts(file.sha256, () => bytesOf(earlier, file), pageTexts));
    return texts;
  };
  const groups = stale.map(({ folder, from, committee }) => ({ folder, from, records: () => searchRecords(committee, textsOf) }));
  await searchIndexes(groups, ({ from }, file, bytes) => {
    files.set(file, bytes);
    madeFrom.set(file, from);
  });
  return { kept, madeFrom, save };
}

interface SearchFiles {
  /** The files of the indexes the site has, kept as they are. */
  kept: string[];
  /** What each file set in `files` is made from: its committee's index's fingerprint. */
  madeFrom: Map<string, string>;
  /**
   * Keeps the texts read, for the next publication, and removes those of files the site no longer has
   * (only the stale committees' texts were read: the kept ones' cached texts are still in use): once the site is written.
   */
  save: () => Promise<void>;
}

/** A committee's index (its files of the last publication) made from the same, where every file of it is still as publish wrote it. */
function keptIndex(earlier: EarlierPublication, files: string[], madeFrom: string): string[] | undefined {
  if (files.some((file) => earlier.files.get(file)?.madeFrom !== madeFrom)) return undefined;
  return allUnchangedSince(earlier, files) ? files : undefined;
}
