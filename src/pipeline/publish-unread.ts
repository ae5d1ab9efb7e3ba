import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { meetingDates } from '../input/meeting-names.js';
import { findCommittees, folderAt } from '../input/repository.js';
import type { Meeting } from '../model/meeting.js';
import { sha256 } from '../publish/state.js';
import type { Finding } from '../shared/errors.js';
import { once, repositoryInputFiles } from './fingerprint.js';
import { committeeOf, noRecords, readRecords, sameRecord, writeRecords, type MeetingRecord } from './publish-records.js';
import { fileAt, settled } from './quick-check.js';

// A republish reads only the meetings a change reaches (issue 33). Each meeting published is recorded
// with what it was made public from, told without reading it (the size and time of its own files, its
// committee's shared files and the repository's, the quick check of rsync and make), the cases (`sag`)
// its files take up, and the public meeting made of them. A meeting whose files are as recorded is not
// read, parsed or checked: its public meeting is the recorded one. One that shares a case with a
// meeting read (or one gone) is read, since its case history may differ.
// The records name closed cases and attachment files, and the clerk's warnings may quote closed titles:
// they are kept in the user's cache, never in the site folder, which is uploaded whole, dotfiles too.
// They hold for the publication that wrote them alone: the one whose state file has the SHA-256 they
// record (another machine's site, a copy in another folder, a state file edited: every meeting read).

export interface UnreadMeetings {
  /** The recorded meeting of `dir` on `date` to publish unread: its files as recorded, and no case shared with a meeting read. */
  recordOf: (dir: string, date: string) => MeetingRecord | undefined;
  /**
   * The meeting as the last publication published it, whatever its files say now, where `keep` holds of
   * it (`kept`): a draft begun since (minutes still saying UDFYLD) keeps on the site what citizens had.
   * Undefined where it was not published.
   */
  lastPublished: (dir: string, date: string, keep: (meeting: Meeting) => boolean) => { kept?: Meeting } | undefined;
  /** Whether the case history reads a meeting: any that may take up a case of a meeting read. */
  inHistory: (dir: string, date: string) => boolean;
  /**
   * The sizes and times of a meeting's own files, taken before they are read (a file saved meanwhile
   * has another time, so is read next time): those of its date now, then those of its attachment files
   * (relative to its committee's folder), given once it is parsed, before any is read. Its record's `inputs`.
   */
  stamp: (dir: string, date: string) => Promise<(attachments: string[]) => string>;
  /**
   * Records a meeting read; `attachments` its attachment files' paths, relative to its committee's
   * folder; `inputs` its stamp. Gives the meeting as recorded, to publish: the same as `read.meeting`.
   */
  record: (dir: string, date: string, read: Omit<MeetingRecord, 'digest' | 'says'>) => Meeting;
  /** A meeting's items' HTML: the recorded (read where first asked for), or made by `render` (and recorded). */
  itemsOf: (meeting: Meeting) => string[];
  /** The SHA-256 of a public meeting as JSON: its record's (taken, not made again, of a meeting kept unread). */
  digestOf: (meeting: Meeting) => string;
  /** What a meeting's document says by `key` (its path, and its attachment files' SHA-256s): its record's, else made by `make` and recorded. */
  saysOf: (meeting: Meeting, key: string, make: () => string) => string;
  /** The keys of the parts of each file the last publication composed of parts (publish/parts.ts); none where the records do not hold. */
  lists: Record<string, string[]>;
  /** The SHA-256 of the state file the records were written with, where they hold: the bytes publish wrote (readPublication). */
  written?: string;
  /**
   * Writes the records of this publication's meetings, and `lists` (its files' parts' keys), where they
   * changed; `state`: the SHA-256 of the state file it wrote.
   */
  save: (state: string, lists: Record<string, string[]>) => Promise<void>;
}

/**
 * The meetings of `dirs` (the committees published) to publish unread, by the records the last
 * publication of `out` left; none where the records are missing, damaged, of another package
 * (`layout`, packageInputs), of another publication than the one whose state file `out` has, or
 * `force`; none either where `dirs` are some of their repository's committees (--udvalg). `casesOf`:
 * the cases a meeting's files take up now, read (for the meetings whose files changed), or none where
 * they do not read.
 */
export async function unreadMeetings(
  out: string,
  dirs: string[],
  context: {
    /** The SHA-256 of the site's state file, as it is (readStateFile); none where it has none. */
    state: string | undefined;
    layout: string;
    force: boolean;
    /** `dirs` are every committee of their repository as the caller found them (none named): not looked up again (each udvalg.yaml read). */
    every?: boolean;
    casesOf: (dir: string, date: string) => Promise<string[]>;
    /** A meeting's items' HTML, made (renderItems). */
    render: (meeting: Meeting) => string[];
  },
): Promise<UnreadMeetings> {
  const { state } = context;
  const usable = !context.force && state !== undefined && (context.every === true || (await everyCommittee(dirs)));
  const stored = usable ? await readRecords(out, { layout: context.layout, state }) : noRecords;
  const { meetings: earlier, lists } = stored;
  const listings = new Map<string, Promise<CommitteeFiles>>();
  const scopes = new Map<string, Promise<string>>();
  const repositories = new Map<string, Promise<string>>();
  const scopeOf = async (dir: string) => {
    const { files, ownOf } = await once(listings, dir, () => committeeFiles(dir));
    const root = folderAt(dir).root;
    const repository = once(repositories, root, () => repositoryScope(root));
    return { ownOf, scope: await once(scopes, dir, async () => committeeScope(dir, files, `${context.layout}\0${await repository}`)) };
  };
  // Before any file of them is read (the caller checks the shared files after): what the records say they were read as.
  await Promise.all(dirs.map(scopeOf));
  const stamp = async (dir: string, date: string) => {
    const { ownOf, scope } = await scopeOf(dir);
    const own = signature(dir, ownOf(date));
    return (attachments: string[]) => sha256(`${scope}\0${own}\0${signature(dir, attachments)}`);
  };
  const inputsOf = async (dir: string, date: string, attachments: string[]) => (await stamp(dir, date))(attachments);
  const keyOf = (dir: string, date: string) => `${path.relative(folderAt(dir).root, dir).split(path.sep).join('/')}/${date}`;
  const valid = new Map<string, MeetingRecord>();
  const changed: Array<{ dir: string; date: string }> = [];
  const published = new Set<string>();
  for (const dir of dirs)
    for (const date of await meetingDates(dir)) {
      const key = keyOf(dir, date);
      published.add(key);
      const was = earlier[key];
      if (was && was.inputs === (await inputsOf(dir, date, was.attachments))) valid.set(key, was);
      else changed.push({ dir, date });
    }
  // The cases of the meetings read, as they were and as they are now, and of those gone (removed, renamed),
  // which were in a kept one's case history; where none is kept (a first publication), none need be known.
  const cases = new Set<string>();
  const gone = Object.entries(earlier).filter(([key]) => !published.has(key) || !valid.has(key));
  for (const [, was] of gone) for (const sag of was.sag) cases.add(sag);
  if (valid.size > 0) for (const { dir, date } of changed) for (const sag of await context.casesOf(dir, date)) cases.add(sag);
  const sharesCase = (record: MeetingRecord, among: Set<string>) => record.sag.some((sag) => among.has(sag));
  const reread = [...valid].filter(([, record]) => sharesCase(record, cases));
  for (const [key, record] of reread) {
    valid.delete(key);
    for (const sag of record.sag) cases.add(sag);
  }
  const records = new Map<string, MeetingRecord & { items?: HeldItems }>();
  const keys = new Map<Meeting, string>();
  // The committees of a meeting read, or of one whose items were made again: their records are written anew.
  const changedCommittees = new Set<string>();
  const readKeys = new Set<string>();
  /** A meeting's items' HTML: as recorded where it was not read, else made; kept with its record (held). */
  const itemsFor = (key: string, record: MeetingRecord & { items?: HeldItems }) => {
    if (record.items) return itemsOfHeld(record.items);
    const recorded = readKeys.has(key) ? undefined : stored.itemsOf(key);
    const itemsHtml = recorded ?? context.render(record.meeting);
    if (!recorded) changedCommittees.add(committeeOf(key));
    records.set(key, { ...record, items: recorded ?? held(itemsHtml) });
    return itemsHtml;
  };
  return {
    lists,
    written: stored === noRecords ? undefined : state,
    recordOf: (dir, date) => {
      const key = keyOf(dir, date);
      const record = valid.get(key);
      if (record) {
        records.set(key, record);
        keys.set(record.meeting, key);
      }
      return record;
    },
    lastPublished: (dir, date, keep) => {
      const key = keyOf(dir, date);
      const was = earlier[key];
      if (!was) return undefined;
      if (!keep(was.meeting)) return {};
      records.set(key, was);
      keys.set(was.meeting, key);
      return { kept: was.meeting };
    },
    itemsOf: (meeting) => {
      const key = keys.get(meeting);
      const record = key === undefined ? undefined : records.get(key);
      return key !== undefined && record ? itemsFor(key, record) : context.render(meeting);
    },
    digestOf: (meeting) => {
      const key = keys.get(meeting);
      return (key === undefined ? undefined : records.get(key)?.digest) ?? digestOf(meeting);
    },
    saysOf: (meeting, key, make) => {
      const at = keys.get(meeting);
      const record = at === undefined ? undefined : records.get(at);
      if (at === undefined || !record) return make();
      const recorded = Object.hasOwn(record.says, key) ? record.says[key] : undefined;
      if (recorded !== undefined) return recorded;
      const says = make();
      record.says[key] = says;
      changedCommittees.add(committeeOf(at));
      return says;
    },
    inHistory: (dir, date) => {
      const record = valid.get(keyOf(dir, date));
      return !record || sharesCase(record, cases);
    },
    stamp,
    record: (dir, date, read) => {
      const root = folderAt(dir).root;
      const warnings = read.warnings.map((w) => ({ ...w, file: path.relative(root, w.file) }));
      const key = keyOf(dir, date);
      const was = earlier[key];
      const now = { ...detached({ ...read, warnings }), digest: digestOf(read.meeting), says: {} };
      // Read again as it shares a case with a meeting read, and come out as recorded: the record is
      // kept (its items' HTML and what its documents say hold, made of the same meeting), and its
      // committee's files need not change for it.
      const kept = was && sameRecord(was, { ...now, says: was.says }) ? was : undefined;
      const recorded = kept ?? now;
      records.set(key, recorded);
      keys.set(recorded.meeting, key);
      if (!kept) {
        readKeys.add(key);
        changedCommittees.add(committeeOf(key));
      }
      return recorded.meeting;
    },
    save: async (state, lists) => {
      const unchanged = (committee: string) => !changedCommittees.has(committee);
      const itemsOf = (key: string) => {
        const record = records.get(key);
        return record && itemsFor(key, record);
      };
      await writeRecords(out, stored, { layout: context.layout, state, lists, meetings: new Map(records), itemsOf, unchanged });
    },
  };
}

/**
 * Whether `dirs` are every committee of their repository. A case history reads them all, and only a
 * publication of them all sees which changed: one of some (--udvalg X) would keep X's meeting unread
 * while another committee's meeting on its case changed, with the history it had.
 */
async function everyCommittee(dirs: string[]): Promise<boolean> {
  const [first] = dirs;
  if (first === undefined) return true;
  const chosen = new Set(dirs.map((dir) => path.resolve(dir)));
  return (await findCommittees(folderAt(first).root)).every((c) => chosen.has(path.resolve(c.dir)));
}

/** The SHA-256 of a public meeting as JSON (the model is plain data): what its record keeps. */
const digestOf = (meeting: Meeting) => sha256(JSON.stringify(meeting));

/**
 * A copy of what was read, made of its JSON (the model is plain data, as a recorded meeting is read).
 * Its strings are slices of its files' texts (the YAML parser's), and V8 keeps a text whole while a
 * slice of it lives: a meeting read kept each of its files' texts (some 24 kB a meeting) until publish ended.
 * Its house style is not copied: the meetings of a committee share the one read (some 7 kB), as its records do.
 */
function detached<T extends { meeting: Meeting }>(read: T): T {
  const { style } = read.meeting;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- JSON of a T, of plain data
  const copy = JSON.parse(JSON.stringify(read, (_, value: unknown) => (value === style ? null : value))) as T;
  copy.meeting.style = style;
  return copy;
}

/**
 * A meeting's items' HTML as its record holds it until the records are written, at the end of publish:
 * made, deflated (some 30 kB a meeting in V8's heap, its strings mostly of two bytes a character, 4 kB
 * so: 120 MB at 4,000 meetings, alive through the composing, the search's indexes and the writing,
 * where a first publication peaks);
 * recorded, as read (its committee's file, read once, holds it already).
 */
type HeldItems = string[] | Buffer;

// Copied: zlib gives a view of its 16 kB output buffer, which would be held whole.
const held = (itemsHtml: string[]): Buffer => Buffer.from(deflateSync(JSON.stringify(itemsHtml)));

/** The items' HTML held: JSON gives back the very strings. */
const itemsOfHeld = (items: HeldItems): string[] =>
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the JSON of a string[] (held)
  Array.isArray(items) ? items : (JSON.parse(inflateSync(items).toString('utf8')) as string[]);

/** A recorded meeting's warnings, each file named as reading it names it. */
export function recordedWarnings(dir: string, record: MeetingRecord): Finding[] {
  const root = folderAt(dir).root;
  return record.warnings.map((w) => ({ ...w, file: path.join(root, w.file) }));
}

const dated = /^\d{4}-\d{2}-\d{2}/;

/** A committee's files, and each meeting's own among them (`ownOf` its date). */
interface CommitteeFiles {
  files: string[];
  ownOf: (date: string) => string[];
}

/**
 * The files of a committee's folder and its archive (arkiv/), relative to it: the meetings' and the
 * shared ones. A meeting's own are those with its date in a part of their name, grouped once: the whole
 * list gone through for each meeting took some 0.15 s of processor time at 4,000 meetings (20
 * committees of 200), 0.45 s with an archive's three files a meeting.
 */
async function committeeFiles(dir: string): Promise<CommitteeFiles> {
  const top = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const archive = await readdir(path.join(dir, 'arkiv'), { recursive: true, withFileTypes: true }).catch(() => []);
  const files = [
    ...top.filter((e) => !e.isDirectory()).map((e) => e.name),
    ...archive.filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
  ].sort();
  const own = new Map<string, string[]>();
  for (const file of files)
    for (const date of new Set(file.split('/').flatMap((part) => (dated.test(part) ? [part.slice(0, 10)] : [])))) {
      const of = own.get(date);
      if (of) of.push(file);
      else own.set(date, [file]);
    }
  return { files, ownOf: (date) => own.get(date) ?? [] };
}

/** The committee's shared files (those of its `files` of no date) with `outer`, its repository's and the package's. */
function committeeScope(dir: string, files: string[], outer: string): string {
  const shared = files.filter((f) => !f.split('/').some((part) => dated.test(part)));
  return sha256(`${outer}\0${signature(dir, shared)}`);
}

/** The repository's shared files: kommune.yaml, kalender.yaml and every file of husstil/. */
async function repositoryScope(root: string): Promise<string> {
  const files = await repositoryInputFiles(root, { sitePages: true });
  return signature(
    root,
    files.map((file) => path.relative(root, file)),
  );
}

/**
 * Each file's name, size and modification time (a link's: its file's, with that file's real path, fileAt);
 * `-` for none. A file saved too close to now to be told unchanged by them (quick-check.ts) has a value
 * never given again: a record of it holds for no reading after.
 */
function signature(dir: string, files: string[]): string {
  const takenAt = Date.now();
  const each = files.map((file) => {
    const seen = fileAt(path.join(dir, file));
    if (seen && !settled(seen.mtimeMs, takenAt)) return `${file}\0${randomUUID()}`;
    const target = seen?.target === undefined ? '' : `\0${seen.target}`;
    return `${file}\0${seen ? `${seen.size}\0${seen.mtimeMs}${target}` : '-'}`;
  });
  return sha256(each.join('\0'));
}
