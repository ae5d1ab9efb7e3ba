import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readEarlierOutputSync } from '../input/read-file.js';
import type { Meeting } from '../model/meeting.js';
import { sha256 } from '../publish/state.js';
import type { Finding } from '../shared/errors.js';
import { cachedJson, readCacheEntry, removeFromCache, usableCacheEntry, writeToCache } from '../shared/files.js';
import { cacheFileOf, codeBuild, realFolder } from '../shared/paths.js';

// How the meetings' records (publish-unread.ts) are kept in the user's cache: an index of the site
// (`recordsFileOf`: the package, the state file it holds for, the lists' parts' keys, and each
// committee's files) and, for each committee, two files named by the SHA-256 of their bytes: its
// meetings' records, and their items' HTML, which is read only where a meeting's items are asked for
// (a changed committee's search index, a meeting composed again). At 4,000 meetings they are some
// 120 MB, half of it the items' HTML: a republish writes only the files of a committee whose records
// changed, and parses the items of none that did not. Each file is 0600 in a 0700 folder, written
// whole or not at all (writeToCache), and a file the index names that does not read as written makes
// every record void: every meeting read, as a first publication does.

/** The index of the records of the site `out`: in the user's cache, by the SHA-256 of the site folder's real path. */
export function recordsFileOf(out: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return cacheFileOf('republish', out, env);
}

/** A meeting as the last publication made it public. */
export interface MeetingRecord {
  /** The fingerprint of its files' sizes and times, its committee's and repository's shared files', and the package's. */
  inputs: string;
  /** Its attachments' files (relative to its committee's folder), closed ones too: its own files besides its date's. */
  attachments: string[];
  /** The cases its items and standing items take up, closed ones too. */
  sag: string[];
  /** The public meeting, as publish made it (JSON: the model is plain data). */
  meeting: Meeting;
  /** Whether its members' version holds anything closed (meetingHoldsClosed): a PDF of it publish did not write may hold it open (site-strays.ts). */
  closes: boolean;
  /** The SHA-256 of `meeting` as JSON: what its files' key takes of it (publish-kept.ts), so a kept meeting is not turned to JSON. */
  digest: string;
  /**
   * What each of its documents' PDFs says (publish.ts, contentOf), by the document's path in the site
   * and, for a combined one, its attachment files' SHA-256s: a kept meeting's document is not turned to JSON again.
   */
  says: Record<string, string>;
  /** What reading it told the clerk, each file named from the repository's root. */
  warnings: Finding[];
}

/** A meeting as its record stores it: its house style, the same for every meeting of a committee (some 7 kB), by its SHA-256 in `styles`. */
type StoredMeeting = Omit<Meeting, 'style'> & { style: string };

/** A record as its committee's file stores it, its keys in one order (`stored`). */
type StoredRecord = Omit<MeetingRecord, 'meeting'> & { meeting: StoredMeeting };
/** A committee's meetings' records, each house style once. */
interface StoredCommittee {
  styles: Record<string, Meeting['style']>;
  meetings: Record<string, StoredRecord>;
}
/** A committee's file: the index's name, the SHA-256 of its bytes, in the index's folder. */
const fileName = z.string().regex(/^[0-9a-f]{64}-[0-9a-f]{64}\.json$/);
const indexSchema = z.strictObject({
  /** The site folder's real path: its records are removed once it is gone (forgetGoneSites). */
  site: z.string(),
  layout: z.string(),
  /** The build of the code that wrote them (codeBuild). */
  code: z.string(),
  state: z.string(),
  /** The files composed of parts (lists, feeds: publish/parts.ts), each its frame's SHA-256, then its parts' keys in order. */
  lists: z.record(z.string(), z.array(z.string())),
  /** Each committee's files (by its folder from the repository's root): its meetings' records and their items' HTML. */
  committees: z.record(z.string(), z.strictObject({ records: fileName, items: fileName })),
});

/** The records of the last publication, as read. */
export interface Records {
  /** Each meeting's, by its key (its committee's folder from the repository's root, and its date). */
  meetings: Record<string, MeetingRecord>;
  lists: Record<string, string[]>;
  /** A recorded meeting's items' HTML (renderItems): its committee's file read where first asked for; none where it does not read. */
  itemsOf: (key: string) => string[] | undefined;
  /** Each committee's files, and the keys of the meetings they hold. */
  files: Map<string, { records: string; items: string; keys: string[] }>;
}

/** No records: every meeting is read. */
export const noRecords: Records = { meetings: {}, lists: {}, itemsOf: () => undefined, files: new Map() };

/** The committee of a meeting's key: its folder from the repository's root. */
export const committeeOf = (key: string) => key.slice(0, key.lastIndexOf('/'));

/**
 * The records of the site `out`'s last publication, by the same package (`layout`) and whose state
 * file is the site's (`state`, its SHA-256); none where there are none or they are not as publish writes them.
 */
export async function readRecords(out: string, of: { layout: string; state: string }): Promise<Records> {
  const index = await recordsFileOf(out);
  const folder = path.dirname(index);
  try {
    const read = cachedJson(indexSchema, await readCacheEntry(index));
    if (!read || read.layout !== of.layout || read.code !== codeBuild() || read.state !== of.state) return noRecords;
    const meetings: Record<string, MeetingRecord> = {};
    const files = new Map<string, { records: string; items: string; keys: string[] }>();
    for (const [committee, names] of Object.entries(read.committees)) {
      const own = ownFile<StoredCommittee>(folder, names.records);
      if (!own) return noRecords;
      const { styles, meetings: stored } = own;
      for (const [key, r] of Object.entries(stored)) {
        const style = Object.hasOwn(styles, r.meeting.style) ? styles[r.meeting.style] : undefined;
        if (!style || committeeOf(key) !== committee) return noRecords;
        meetings[key] = { ...r, meeting: { ...r.meeting, style } };
      }
      files.set(committee, { ...names, keys: Object.keys(stored) });
    }
    return { meetings, lists: read.lists, itemsOf: itemsReader(folder, files), files };
  } catch {
    return noRecords;
  }
}

/**
 * A committee's file as writeCommittee wrote it, told by its name: the SHA-256 of its bytes. The index
 * that names it was written by this very build of the code (its `code`), so the file is of the shape
 * this code writes, and is taken unchecked: zod went through every record's every field at each republish (some 0.16 ms
 * a meeting, 0.6 s at 4,000). Any other bytes, or none: undefined, and every record is void.
 */
function ownFile<T>(folder: string, name: string): T | undefined {
  const file = path.join(folder, name);
  const bytes = usableCacheEntry(file) ? readEarlierOutputSync(file) : undefined;
  if (!bytes || !name.endsWith(`-${sha256(bytes)}.json`)) return undefined;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- bytes writeCommittee made of a T, known by their SHA-256
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

/** The items' HTML of a recorded meeting, its committee's file read once, where first asked for. */
function itemsReader(folder: string, files: Records['files']): Records['itemsOf'] {
  const read = new Map<string, Record<string, string[]> | undefined>();
  const itemsIn = (name: string) => ownFile<Record<string, string[]>>(folder, name);
  return (key) => {
    const name = files.get(committeeOf(key))?.items;
    if (name === undefined) return undefined;
    if (!read.has(name)) read.set(name, itemsIn(name));
    const items = read.get(name);
    return items && Object.hasOwn(items, key) ? items[key] : undefined;
  };
}

/** A publication's records: each meeting's with its items' HTML, and the lists' parts' keys. */
export interface NewRecords {
  layout: string;
  /** The SHA-256 of the state file the publication wrote. */
  state: string;
  lists: Record<string, string[]>;
  meetings: Map<string, MeetingRecord>;
  /** A meeting's items' HTML, made or read where asked for; a meeting of none is left out (read again next time). */
  itemsOf: (key: string) => string[] | undefined;
  /** Whether a committee's meetings are all as `earlier` has them (none read, none rendered): its files are kept as they are. */
  unchanged: (committee: string) => boolean;
}

/**
 * Writes the records of `out`: the files of each committee whose records changed, then the index
 * where its bytes change, then removes the site's files the index no longer names.
 */
export async function writeRecords(out: string, earlier: Records, now: NewRecords): Promise<void> {
  const index = await recordsFileOf(out);
  const folder = path.dirname(index);
  const base = path.basename(index, '.json');
  const byCommittee = new Map<string, Array<[string, MeetingRecord]>>();
  for (const entry of [...now.meetings].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const committee = committeeOf(entry[0]);
    const own = byCommittee.get(committee);
    if (own) own.push(entry);
    else byCommittee.set(committee, [entry]);
  }
  const committees: Record<string, { records: string; items: string }> = {};
  for (const [committee, records] of [...byCommittee].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const was = earlier.files.get(committee);
    const same =
      was &&
      now.unchanged(committee) &&
      sameKeys(
        was.keys,
        records.map(([key]) => key),
      );
    committees[committee] = same ? { records: was.records, items: was.items } : await writeCommittee(folder, base, records, now.itemsOf);
  }
  const site = await realFolder(out);
  const text = `${JSON.stringify({ site, layout: now.layout, code: codeBuild(), state: now.state, lists: sortedKeys(now.lists), committees })}\n`;
  const before = await readCacheEntry(index);
  if (!before || Buffer.from(before).toString('utf8') !== text) await writeToCache(index, text);
  const named = new Set(Object.values(committees).flatMap((c) => [c.records, c.items]));
  const names = await readdir(folder).catch(() => []);
  const own = names.filter((name) => name.startsWith(`${base}-`) && !named.has(name));
  await Promise.all(own.map((name) => removeFromCache(path.join(folder, name))));
  await forgetGoneSites(folder, names);
}

/** What of another site's index is needed to know whether its site is gone. */
const siteSchema = z.object({ site: z.string() });

/**
 * Removes the records of each site whose folder is gone (removed, or moved: its records are by its
 * path, so of use to no other folder), the index of each naming it: its index, its committees' files
 * and its attachment files' hashes (publish-sources.ts), all named from the SHA-256 of its path. An
 * index of no site (an older package's) or of a folder that cannot be told gone is left as it is.
 */
async function forgetGoneSites(folder: string, names: string[]): Promise<void> {
  for (const name of names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n))) {
    const base = name.slice(0, 64);
    const site = cachedJson(siteSchema, await readCacheEntry(path.join(folder, name)))?.site;
    if (site === undefined || sha256(site) !== base || !(await gone(site))) continue;
    await Promise.all(names.filter((n) => n.startsWith(base)).map((n) => removeFromCache(path.join(folder, n))));
  }
}

/**
 * Whether nothing is at `file`; one not allowed to be looked at is not gone. A site on a share not
 * mounted looks gone: its next publication reads every meeting, as a first publication does.
 */
const gone = async (file: string) =>
  lstat(file).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR',
  );

/** A committee's two files, each named by the SHA-256 of its bytes. */
async function writeCommittee(
  folder: string,
  base: string,
  all: Array<[string, MeetingRecord]>,
  itemsOf: (key: string) => string[] | undefined,
): Promise<{ records: string; items: string }> {
  const records = all.flatMap(([key, r]) => {
    const itemsHtml = itemsOf(key);
    return itemsHtml ? [{ key, r, itemsHtml }] : [];
  });
  const styles = new Map<Meeting['style'], string>();
  // Hashed once a style object: the meetings of a committee share one, read or recorded.
  const styleOf = (style: Meeting['style']) => {
    const id = styles.get(style) ?? sha256(JSON.stringify(style));
    styles.set(style, id);
    return id;
  };
  const meetings = Object.fromEntries(records.map(({ key, r }) => [key, stored(r, styleOf)]));
  const byId = Object.fromEntries([...styles].map(([style, id]) => [id, style] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
  const items = Object.fromEntries(records.map(({ key, itemsHtml }) => [key, itemsHtml]));
  const write = async (data: unknown) => {
    const text = `${JSON.stringify(data)}\n`;
    const name = `${base}-${sha256(text)}.json`;
    await writeToCache(path.join(folder, name), text);
    return name;
  };
  return { records: await write({ styles: byId, meetings }), items: await write(items) };
}

/** A record as stored, its keys in one order, read or made: the same meetings give the same bytes. */
const stored = (
  { inputs, attachments, sag, meeting, closes, digest, says, warnings }: MeetingRecord,
  styleOf: (style: Meeting['style']) => string,
): StoredRecord => ({
  inputs,
  attachments,
  sag,
  meeting: { ...meeting, style: styleOf(meeting.style) },
  closes,
  digest,
  says: sortedKeys(says),
  warnings: warnings.map(({ file, line, col, path: at, message, warning }) => ({ file, line, col, path: at, message, warning })),
});

/** Whether two records of a meeting say the same, as they would be stored (its style whole). */
export function sameRecord(a: MeetingRecord, b: MeetingRecord): boolean {
  const text = (r: MeetingRecord) => JSON.stringify(stored(r, (style) => JSON.stringify(style)));
  return text(a) === text(b);
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((key, i) => key === b[i]);

/** An object with its keys in order: the same records give the same bytes. */
const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
