import path from 'node:path';
import type { CheckedShared } from '../check/check.js';
import { readAttachmentBytes, sha256 } from '../input/attachments.js';
import { readEarlierOutput } from '../input/read-file.js';
import { filedAttachments } from '../model/attachments.js';
import type { Meeting } from '../model/meeting.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import { AgendaError, InputError, type Finding } from '../shared/errors.js';
import { statusOf } from '../shared/files.js';
import { once } from './fingerprint.js';

// Closing always wins (lukning vinder altid): a file a meeting names for a closed attachment (closed
// itself, or by its item or sub-item) is closed wherever that meeting names it. An open attachment that
// names it again, by the same path or as a copy under another name (the same bytes), would publish the
// closed file; it is refused, as check refuses it, rather than quietly closed: the clerk meant to publish
// something there, and the public would get an attachment without its file without anyone knowing why.

/**
 * Each open attachment of the members' `meeting` whose file is a closed attachment's: an error at its
 * `fil:` naming the closed one by its place (its key path and line), never by its title or file name.
 * A file is read only where its size is a closed file's (a copy has the same size); one that cannot be
 * read is left to the reading that tells why (check's, a build's).
 */
export async function closedFileFindings(dir: string, meeting: Meeting): Promise<Finding[]> {
  const filed = filedAttachments(meeting).map((f) => f.bilag);
  const closed = filed.filter((b) => b.lukket).map((b) => b.file);
  const open = filed.filter((b) => !b.lukket).map((b) => b.file);
  if (closed.length === 0 || open.length === 0) return [];
  const where = (ref: AttachmentFileRef) => path.resolve(dir, ref.path);
  const closedBySize = groupedBySize(closed, where);
  const hashOf = fileHashes(dir);
  const findings: Finding[] = [];
  for (const ref of open) {
    const same = closed.find((c) => where(c) === where(ref));
    if (same) {
      findings.push(reuse(ref, same, 'the file of the closed attachment'));
      continue;
    }
    const sized = sameSize(closedBySize, where(ref));
    const sha = sized.length > 0 ? await hashOf(where(ref)) : undefined;
    const copy = await firstWithBytes(sha, sized, (c) => hashOf(where(c)));
    if (copy) findings.push(reuse(ref, copy, 'a copy (the same bytes) of the file of the closed attachment'));
  }
  return findings;
}

/** closedFileFindings as a build and publish refuse them: every one at once as an InputError. */
export async function refuseClosedFiles(dir: string, meeting: Meeting): Promise<void> {
  const findings = await closedFileFindings(dir, meeting);
  if (findings.length > 0) throw new InputError(findings);
}

/** A meeting of a committee as the cross-meeting look sees it: what it publishes, and the files it closes. */
export interface FiledMeeting {
  date: string;
  /** Its open attachments' files, as published. */
  open: AttachmentFileRef[];
  /** The paths of the files its closed attachments name (relative to the committee's folder). */
  closed: string[];
  /** Its closed attachments' files, located: asked only where one is found named open elsewhere (a kept meeting is read then alone). */
  locate: () => Promise<AttachmentFileRef[]>;
}

/** A meeting read: its members' version says what it closes, `published` (none: a draft held back) what it publishes. */
export function readFiled(date: string, members: Meeting, published?: Meeting): FiledMeeting {
  const closed = filedAttachments(members)
    .filter((f) => f.bilag.lukket)
    .map((f) => f.bilag.file);
  const open = published ? filedAttachments(published).map((f) => f.bilag.file) : [];
  return { date, open, closed: closed.map((c) => c.path), locate: () => Promise.resolve(closed) };
}

/**
 * A meeting kept unread (publish-unread.ts): the files of its record less those it publishes are those
 * it closes; they are located by reading it (`read`) only where one is found named open elsewhere.
 */
export function recordedFiled(date: string, published: Meeting, attachments: string[], read: () => Promise<Meeting>): FiledMeeting {
  const open = filedAttachments(published).map((f) => f.bilag.file);
  const shown = new Set(open.map((o) => o.path));
  return {
    date,
    open,
    closed: attachments.filter((a) => !shown.has(a)),
    locate: async () => readFiled(date, await read()).locate(),
  };
}

/**
 * Each open attachment of one meeting whose file (by path, or a copy: the same bytes) another meeting
 * of the committee closes: a file is the committee's, and closing wins in every meeting that names it
 * (a clerk who copies last meeting's YAML keeps its `fil:`). An error at the open `fil:`, naming the
 * other meeting's file and key path. Files are read only where sizes match, as closedFileFindings does.
 */
export async function closedElsewhereFindings(dir: string, meetings: FiledMeeting[]): Promise<Finding[]> {
  return [...(await closedElsewhereByMeeting(dir, meetings)).values()].flat();
}

/** closedElsewhereFindings of each meeting that has any, by its date. */
export async function closedElsewhereByMeeting(dir: string, meetings: FiledMeeting[]): Promise<Map<string, Finding[]>> {
  const where = (file: string) => path.resolve(dir, file);
  const closers = new Map<string, FiledMeeting[]>();
  for (const m of meetings) for (const file of new Set(m.closed.map(where))) closers.set(file, [...(closers.get(file) ?? []), m]);
  const findings = new Map<string, Finding[]>();
  if (closers.size === 0) return findings;
  const bySize = groupedBySize(closers.keys(), (file) => file);
  const hashOf = fileHashes(dir);
  const found = (m: FiledMeeting, finding: Finding) => findings.set(m.date, [...(findings.get(m.date) ?? []), finding]);
  for (const m of meetings)
    for (const ref of m.open) {
      const file = where(ref.path);
      const other = closers.get(file)?.find((c) => c !== m);
      if (other) {
        found(m, await elsewhere(dir, ref, other, file, 'the file of the closed attachment'));
        continue;
      }
      // Closed by another meeting than this one: a meeting's own closed files are closedFileFindings'.
      const closerOf = (c: string) => closers.get(c)?.find((o) => o !== m);
      const sized = sameSize(bySize, file).filter((c) => c !== file && closerOf(c));
      const sha = sized.length > 0 ? await hashOf(file) : undefined;
      const copied = await firstWithBytes(sha, sized, hashOf);
      const copy = copied === undefined ? undefined : closerOf(copied);
      if (copied && copy) found(m, await elsewhere(dir, ref, copy, copied, 'a copy (the same bytes) of the file of the closed attachment'));
    }
  return findings;
}

async function elsewhere(dir: string, ref: AttachmentFileRef, other: FiledMeeting, file: string, what: string): Promise<Finding> {
  const place = await closedPlace(dir, other, file);
  return {
    ...ref.at,
    message: `${ref.path}: ${what} at ${place} (the meeting of ${other.date}), and a file closed in one meeting is closed in every meeting of the committee that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
  };
}

/** Where `other` closes `file` (its meeting file, line and key path), read only now; its date where it no longer names it. */
async function closedPlace(dir: string, other: FiledMeeting, file: string): Promise<string> {
  const closed = (await other.locate()).find((c) => path.resolve(dir, c.path) === file);
  return closed ? `${closed.at.file}:${closed.at.line}: ${closed.at.path.replace(/\.fil$/, '')}` : `the meeting of ${other.date}`;
}

/** A committee of the archive as the look across committees sees it: its folder, its name, and its meetings. */
export interface FiledCommittee {
  dir: string;
  name: string;
  meetings: FiledMeeting[];
}

/** A committee's meetings as the look across committees sees them, named as the clerk names it (its folder's name where udvalg.yaml does not read). */
export function filedCommittee(shared: CheckedShared, meetings: FiledMeeting[]): FiledCommittee {
  const { dir } = shared.folder;
  return { dir, name: shared.read.committee?.value?.navn ?? path.basename(dir), meetings };
}

/** A file a meeting of a committee closes, by its absolute path. */
interface Closer {
  committee: FiledCommittee;
  meeting: FiledMeeting;
  file: string;
}

/**
 * Each open attachment of one committee's meeting whose file is a copy (the same bytes) of a file a meeting of
 * another committee of the archive closes: a case travels (ØK to KB) with its files, and the committees publish
 * to one site, so a file closed in one committee is closed in every committee that names it. An error at the open
 * `fil:`, naming the other committee's meeting file and key path. A file's path is inside its own committee's
 * folder, so only its bytes can be the same; a file is read only where its size is a closed file's of another
 * committee (closedElsewhereFindings compares the meetings of one committee).
 */
export async function closedInOtherCommitteesFindings(committees: FiledCommittee[]): Promise<Finding[]> {
  return [...(await closedInOtherCommitteesByMeeting(committees)).values()].flat();
}

/** closedInOtherCommitteesFindings of each meeting that has any (a build stops that meeting alone). */
export async function closedInOtherCommitteesByMeeting(committees: FiledCommittee[]): Promise<Map<FiledMeeting, Finding[]>> {
  // Each file asked once: a committee's meetings name the same files again and again.
  const sizes = new Map<string, number | undefined>();
  const sizeOf = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, statusOf(file, { follow: true })?.size);
    return sizes.get(file);
  };
  // A file by the first meeting that closes it (a file is inside its committee's folder: of one committee).
  const closers = new Map<string, Closer>();
  for (const committee of committees)
    for (const meeting of committee.meetings)
      for (const file of meeting.closed.map((c) => path.resolve(committee.dir, c)))
        if (!closers.has(file)) closers.set(file, { committee, meeting, file });
  const bySize = groupedBySize(closers.values(), (c) => c.file);
  const findings = new Map<FiledMeeting, Finding[]>();
  if (bySize.size === 0) return findings;
  const hashes = new Map(committees.map((c) => [c, fileHashes(c.dir)]));
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- every committee has its memo
  const hashOf = (committee: FiledCommittee, file: string) => hashes.get(committee)!(file);
  for (const committee of committees)
    for (const meeting of committee.meetings)
      for (const ref of meeting.open) {
        const file = path.resolve(committee.dir, ref.path);
        const size = sizeOf(file);
        const sized = size === undefined ? [] : (bySize.get(size) ?? []).filter((c) => c.committee !== committee);
        const sha = sized.length > 0 ? await hashOf(committee, file) : undefined;
        const closer = await firstWithBytes(sha, sized, (c) => hashOf(c.committee, c.file));
        if (closer) findings.set(meeting, [...(findings.get(meeting) ?? []), await inOtherCommittee(ref, closer)]);
      }
  return findings;
}

async function inOtherCommittee(ref: AttachmentFileRef, { committee, meeting, file }: Closer): Promise<Finding> {
  const place = await closedPlace(committee.dir, meeting, file);
  return {
    ...ref.at,
    message: `${ref.path}: a copy (the same bytes) of the file of the closed attachment at ${place} (${committee.name}, the meeting of ${meeting.date}), and a file closed in one committee's meeting is closed in every meeting of the archive that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
  };
}

function reuse(ref: AttachmentFileRef, closed: AttachmentFileRef, what: string): Finding {
  const place = closed.at.path.replace(/\.fil$/, '');
  return {
    ...ref.at,
    message: `${ref.path}: ${what} at ${place} (line ${closed.at.line}), and a file closed anywhere in the meeting is closed wherever it names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
  };
}

/** The files closed attachments name in a committee's meetings (FiledMeeting's `closed`), by their paths from where the command runs. */
export function closedFilesOf(dir: string, meetings: FiledMeeting[]): string[] {
  return [...new Set(meetings.flatMap((m) => m.closed.map((file) => path.join(dir, file))))];
}

/**
 * Which closed attachment's file (of `committees`, each its folder and closedFilesOf) a file holds the very bytes of:
 * a copy dropped into the site, under whatever name, would serve it (site-strays.ts). The closed files' sizes are
 * taken at the first question, and a file and a closed file are hashed only where their sizes are the same, so
 * a site's foreign files cost a look at their size alone.
 */
export function closedCopyOf(committees: Array<{ dir: string; closed: string[] }>): (file: string) => Promise<string | undefined> {
  type Closed = { file: string; hash: () => Promise<string | undefined> };
  let bySize: Map<number, Closed[]> | undefined;
  const sized = () =>
    groupedBySize(
      committees.flatMap(({ dir, closed }): Closed[] => {
        const hashOf = fileHashes(dir);
        return closed.map((file) => ({ file, hash: () => hashOf(path.resolve(file)) }));
      }),
      (c) => c.file,
    );
  return async (file) => {
    const size = statusOf(file)?.size;
    const same = size ? (bySize ??= sized()).get(size) : undefined;
    if (!same) return undefined;
    const bytes = await readEarlierOutput(file);
    return (await firstWithBytes(bytes && sha256(bytes), same, (c) => c.hash()))?.file;
  };
}

/** `items` by the size of each one's file (a link followed); one whose file is not there is left out. */
function groupedBySize<T>(items: Iterable<T>, fileOf: (item: T) => string): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const size = statusOf(fileOf(item), { follow: true })?.size;
    if (size !== undefined) groups.set(size, [...(groups.get(size) ?? []), item]);
  }
  return groups;
}

/** Those of `groups` (groupedBySize) whose files are the size of `file`: the only ones that can be a copy of it. */
function sameSize<T>(groups: Map<number, T[]>, file: string): T[] {
  const size = statusOf(file, { follow: true })?.size;
  return size === undefined ? [] : (groups.get(size) ?? []);
}

/** The first of `candidates` whose file's SHA-256 is `sha` (none where `sha` is none), each hashed only as far as asked. */
async function firstWithBytes<T>(
  sha: string | undefined,
  candidates: T[],
  hashOf: (candidate: T) => Promise<string | undefined>,
): Promise<T | undefined> {
  if (sha === undefined) return undefined;
  for (const candidate of candidates) if ((await hashOf(candidate)) === sha) return candidate;
  return undefined;
}

/** The SHA-256 of each file of `dir` asked (by its absolute path), each read once, as an attachment's file is read. */
function fileHashes(dir: string): (file: string) => Promise<string | undefined> {
  const hashes = new Map<string, Promise<string | undefined>>();
  const ref = (file: string): AttachmentFileRef => ({ path: path.relative(dir, file), at: { file, line: 0, col: 0, path: '' } });
  return (file) => once(hashes, file, () => readAttachmentBytes(dir, ref(file)).then((read) => read.sha256, unreadable));
}

/** A file that cannot be read has no SHA-256 here: its own reading tells why. */
function unreadable(err: unknown): undefined {
  if (err instanceof AgendaError) return undefined;
  throw err;
}
