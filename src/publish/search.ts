import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderSearchRecord, type SearchRecord } from '../render/web.js';
import { asHeading, kindWord } from '../render/wording.js';
import { AgendaError, EnvironmentError, errnoCode, messageOf } from '../shared/errors.js';
import type { PublishedMeeting } from './json.js';
import { WatchedPagefind } from './pagefind-service.js';
import { filesOf, yearOf } from './search-choices.js';
import type { PublishedCommittee } from './site.js';
import { SiteMap } from './site-map.js';
import type { PagefindIndex } from 'pagefind';

// The site's full-text search: a Pagefind index (pagefind/), which the search page's script asks in
// the reader's browser, fetching only the parts a search needs. It is given the public meetings only
// (each open item, and the text of each page of each open attachment's file), never a closed one.

/** The text of each page of each attachment's file published, by the file's path in the site. */
export type AttachmentTexts = Map<string, string[]>;

export interface SearchEntry {
  url: string;
  content: string;
}

/**
 * Every record of a committee's index: each open item of each meeting, and each open attachment's file
 * with text (each 10 of its pages), each page after an anchor of its own in one record. Pagefind's index
 * holds a few bytes of each record that every search of it loads (its fragment's name and word count): a
 * record a file, not a page, is some 2.6 times fewer of them, and a search still links to the page it
 * found (the anchor before its words). Made a meeting at a time as they are sent (`textsOf` gives a
 * meeting's texts when its turn comes), not all before the first is: a committee's records and its
 * attachments' texts (some 2,000 records at 120 meetings) are not in memory at once.
 */
export async function* searchRecords(
  committee: PublishedCommittee,
  textsOf: (meeting: PublishedMeeting) => Promise<AttachmentTexts>,
): AsyncGenerator<SearchEntry> {
  for (const published of committee.meetings) yield* meetingRecords(committee, published, await textsOf(published));
}

function meetingRecords(
  committee: PublishedCommittee,
  { meeting, attachments, itemsHtml }: PublishedMeeting,
  texts: AttachmentTexts,
): SearchEntry[] {
  const page = new SiteMap().meetingPage(committee.id, meeting.date);
  const words = meeting.style.ord;
  const common = { kind: kindWord(meeting), committee: committee.name, date: meeting.date, year: yearOf(meeting) };
  return meeting.items.flatMap((item, i) => {
    if (item.lukket) return [];
    const own = { ...common, sag: item.sag, punkt: { title: `${item.number}. ${item.title}`, href: `${page}#punkt-${item.number}` } };
    const files = filesOf(item, attachments).flatMap((file) => {
      const pages = (texts.get(file.path) ?? []).flatMap((text, n) => (text.trim() ? [{ number: n + 1, text }] : []));
      return partsOf(pages).map((part) =>
        record(`${file.path}#page=${part[0]?.number}`, { ...own, bilag: { kind: asHeading(words.bilag), name: file.name, pages: part } }),
      );
    });
    return [record(own.punkt.href, { ...own, body: itemsHtml[i] }), ...files];
  });
}

const record = (url: string, view: SearchRecord): SearchEntry => ({ url, content: renderSearchRecord(view) });

/**
 * The most pages of a file in one record: a shown result loads its record's whole text (Pagefind's
 * fragment), so a budget of 200 pages is 20 records of 10 pages, not one fragment of all its text.
 */
const pagesARecord = 10;

const partsOf = <T>(pages: T[]): T[][] =>
  Array.from({ length: Math.ceil(pages.length / pagesARecord) }, (_, k) => pages.slice(k * pagesARecord, (k + 1) * pagesARecord));

/**
 * An index of each group's records, made a group at a time (its records asked for only then), each of
 * its files handed to `keep` under the group's folder as the index is made: Pagefind's search script
 * and the index, in Danish (its stemming finds "budgetterne" for "budget"). So one committee's records
 * and index are in memory at a time, not an archive's. Pagefind's own search pages (pagefind-ui and the
 * like) are left out: the site has its own (sog.html); so are its worker and the WebAssembly of no
 * language, which that page does not load.
 */
export async function searchIndexes<G extends { folder: string; records: () => SearchRecords }>(
  groups: G[],
  keep: (group: G, file: string, bytes: Uint8Array) => void,
): Promise<void> {
  if (groups.length === 0) return;
  const pagefind = await WatchedPagefind.load().catch((error: unknown) => failed(error));
  try {
    for (const group of groups) {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: 'da' }, group.folder).catch((error: unknown) => failed(error));
      if (!index) throw new EnvironmentError(`${cannot}: ${errors.join('; ')}`);
      await addAll(index, group.records());
      for (const f of check(await index.getFiles()).files)
        if (!unusedFiles.test(f.path)) keep(group, `${group.folder}/${f.path}`, f.content);
      await index.deleteIndex();
    }
  } finally {
    await pagefind.close();
  }
}

/** A committee's records in the order they are added: made as they are asked for, or given made. */
type SearchRecords = AsyncIterable<SearchEntry> | Iterable<SearchEntry>;

/** The records sent to Pagefind's service at once, at most: each message (a record's JSON, and that as base64) lives until written. */
const inFlight = 100;

/**
 * Each record sent while the ones before it are indexed, not one after another's answer: the Node API
 * writes them to Pagefind's service in this order, which reads and indexes them in that order (the
 * same index as one at a time), and the two processes work side by side. Not all at once either: a
 * committee's messages (some 2,000 records at 120 meetings) lived together until written, 15-20 MB of a
 * one-change republish's peak at 480 meetings.
 */
async function addAll(index: PagefindIndex, records: SearchRecords): Promise<void> {
  const sent: Array<ReturnType<PagefindIndex['addHTMLFile']>> = [];
  for await (const record of records) {
    const answer = sent.length >= inFlight ? sent.shift() : undefined;
    if (answer) check(await answer);
    const added = index.addHTMLFile(record);
    // Where an earlier answer fails, publish closes Pagefind, which rejects those still to come: that failure is told, not these.
    added.catch(() => undefined);
    sent.push(added);
  }
  for (const added of await Promise.all(sent)) check(added);
}

/**
 * What a committee's index is made from: Pagefind's version and what each of its meetings' records
 * are made from (in the site's order, as they are added). The same give the same index, so a
 * publication where none of its meetings changed keeps the index it has without making a record or
 * running Pagefind.
 */
export function indexFingerprint(meetings: string[]): string {
  const hash = createHash('sha256').update(pagefindVersion());
  for (const key of meetings) hash.update(`\0${key}`);
  return hash.digest('hex');
}

function pagefindVersion(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8'));
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string')
      return manifest.version;
    throw new Error("Pagefind's package.json gives no version");
  } catch (error) {
    return failed(error);
  }
}

const cannot = 'Pagefind could not make the search index';

/**
 * Pagefind failing before it indexes anything. Only a missing package, or a missing program for this
 * system (an optional dependency, @pagefind/<system>, whose absence Pagefind reports as "Failed to
 * install either of ..."), is called not installed: anything else (an older Node without
 * import.meta.resolve, say) is told as it is, so no one reinstalls in vain.
 */
function failed(error: unknown): never {
  if (error instanceof AgendaError) throw error;
  const code = errnoCode(error);
  const missing =
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || messageOf(error).startsWith('Failed to install either of');
  throw new EnvironmentError(
    missing
      ? `${cannot}: ${messageOf(error)}; install agenda again with its optional dependencies (npm install --include=optional)`
      : `${cannot}: ${messageOf(error)}`,
  );
}

/**
 * Pagefind's files the site does not use: its search pages; its worker (the search page asks Pagefind
 * on its own thread, one download less); the WebAssembly of no language (every record is Danish).
 */
const unusedFiles = /^(pagefind-(ui|modular-ui|component-ui|highlight|worker)\.|wasm\.unknown\.)/;

function check<T extends { errors: string[] }>(response: T): T {
  if (response.errors.length > 0) throw new EnvironmentError(`${cannot}: ${response.errors.join('; ')}`);
  return response;
}
