import { pageTexts } from '../pdf/page-text.js';
import { indexFingerprint, searchFolder, searchIndex, searchRecords, type AttachmentTexts } from '../publish/search.js';
import { TextCache } from '../publish/search-cache.js';
import type { PublishedCommittee, SiteFiles } from '../publish/site.js';
import { reusable, type EarlierPublication } from '../publish/state.js';

/**
 * The site's search index (publish/search.ts), of the public meetings as published: each open item's
 * HTML, and each open attachment's text as pdf.js reads it from the very PDF the site publishes (the
 * tool made that PDF of a file it did not write, so it has no other text of it, and pdf.js is already
 * the tool's; no program such as pdftotext is needed where agenda runs). The texts read are kept in
 * the site folder (`save`, once the site is written), so a file is read once, not at every publication;
 * and the index the site has is kept as it is where its records have not changed (`madeFrom`).
 */
/** `force`: index anew all the same, as --force prints every document again. */
export async function searchFiles(earlier: EarlierPublication, committees: PublishedCommittee[], force: boolean): Promise<SearchFiles> {
  const cache = await TextCache.of(earlier.out);
  const texts: AttachmentTexts = new Map();
  for (const file of committees.flatMap((c) => c.meetings.flatMap((m) => m.attachments)))
    texts.set(file.path, await cache.texts(file.bytes, pageTexts));
  const records = searchRecords(committees, texts);
  const madeFrom = indexFingerprint(records);
  const files = (force ? undefined : await keptIndex(earlier, madeFrom)) ?? (await searchIndex(records));
  return { files, madeFrom, save: () => cache.save() };
}

interface SearchFiles {
  files: SiteFiles;
  /** What every file of the index is made from. */
  madeFrom: string;
  /** Keeps the texts read, for the next publication: once the site is written. */
  save: () => Promise<void>;
}

/** The last publication's index, where it was made from the same records and every file of it is still as publish wrote it. */
async function keptIndex(earlier: EarlierPublication, madeFrom: string): Promise<SiteFiles | undefined> {
  const files = [...earlier.files.keys()].filter((file) => file.startsWith(`${searchFolder}/`));
  if (files.length === 0) return undefined;
  const kept = await Promise.all(files.map(async (file) => [file, await reusable(earlier, file, madeFrom)] as const));
  const reused = kept.flatMap(([file, bytes]) => (bytes ? [[file, bytes] as const] : []));
  return reused.length === kept.length ? new Map(reused) : undefined;
}
