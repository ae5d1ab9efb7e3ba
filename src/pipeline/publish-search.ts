import { pageTexts } from '../pdf/page-text.js';
import { indexFingerprint, searchFolder, searchIndex, searchRecords, type AttachmentTexts } from '../publish/search.js';
import { TextCache } from '../publish/search-cache.js';
import type { PublishedMeeting } from '../publish/json.js';
import type { PublishedCommittee, SiteFiles } from '../publish/site.js';
import { unchangedSince, type EarlierPublication } from '../publish/state.js';

/**
 * The site's search index (publish/search.ts), of the public meetings as published: each open item's
 * HTML, and each open attachment's text as pdf.js reads it from the very PDF the site publishes (the
 * tool made that PDF of a file it did not write, so it has no other text of it, and pdf.js is already
 * the tool's; no program such as pdftotext is needed where agenda runs). The texts read are kept in
 * the site folder (`save`, once the site is written), so a file is read once, not at every publication.
 * The records of a meeting are made of what its own files are (`keyOf`, publish-kept.ts): where every
 * meeting's is as before and every file of the index is still as publish wrote it, the index is kept,
 * unread, without making a record or starting Pagefind. `force`: index anew all the same, as --force
 * prints every document again.
 */
export async function searchFiles(
  earlier: EarlierPublication,
  committees: PublishedCommittee[],
  keyOf: (published: PublishedMeeting) => string,
  force: boolean,
): Promise<SearchFiles> {
  const madeFrom = indexFingerprint(committees.flatMap((c) => c.meetings.map(keyOf)));
  const kept = force ? undefined : await keptIndex(earlier, madeFrom);
  if (kept) return { files: new Map(), kept, madeFrom, save: () => Promise.resolve() };
  const cache = await TextCache.of(earlier.out);
  const texts: AttachmentTexts = new Map();
  for (const file of committees.flatMap((c) => c.meetings.flatMap((m) => m.attachments)))
    texts.set(file.path, await cache.texts(file.bytes, pageTexts));
  const files = await searchIndex(searchRecords(committees, texts));
  return { files, kept: [], madeFrom, save: () => cache.save() };
}

interface SearchFiles {
  files: SiteFiles;
  /** The files of the index the site has, kept as they are. */
  kept: string[];
  /** What every file of the index is made from. */
  madeFrom: string;
  /** Keeps the texts read, for the next publication: once the site is written. */
  save: () => Promise<void>;
}

/** The last publication's index, where it was made from the same and every file of it is still as publish wrote it. */
async function keptIndex(earlier: EarlierPublication, madeFrom: string): Promise<string[] | undefined> {
  const files = [...earlier.files].filter(([file]) => file.startsWith(`${searchFolder}/`));
  if (files.length === 0 || files.some(([, entry]) => entry.madeFrom !== madeFrom)) return undefined;
  const asWritten = await Promise.all(files.map(([file]) => unchangedSince(earlier, file)));
  return asWritten.includes(false) ? undefined : files.map(([file]) => file);
}
