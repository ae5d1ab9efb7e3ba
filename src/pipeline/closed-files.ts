import path from 'node:path';
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
  const sizeOf = (ref: AttachmentFileRef) => statusOf(where(ref), { follow: true })?.size;
  const hashOf = fileHashes(dir);
  const findings: Finding[] = [];
  for (const ref of open) {
    const same = closed.find((c) => where(c) === where(ref));
    if (same) {
      findings.push(reuse(ref, same, 'the file of the closed attachment'));
      continue;
    }
    const size = sizeOf(ref);
    const sized = closed.filter((c) => size !== undefined && sizeOf(c) === size);
    const sha = sized.length > 0 ? await hashOf(where(ref)) : undefined;
    for (const c of sized)
      if (sha !== undefined && (await hashOf(where(c))) === sha) {
        findings.push(reuse(ref, c, 'a copy (the same bytes) of the file of the closed attachment'));
        break;
      }
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
  const where = (file: string) => path.resolve(dir, file);
  const closers = new Map<string, FiledMeeting[]>();
  for (const m of meetings) for (const file of new Set(m.closed.map(where))) closers.set(file, [...(closers.get(file) ?? []), m]);
  if (closers.size === 0) return [];
  const bySize = new Map<number, string[]>();
  for (const file of closers.keys()) {
    const size = statusOf(file, { follow: true })?.size;
    if (size !== undefined) bySize.set(size, [...(bySize.get(size) ?? []), file]);
  }
  const hashOf = fileHashes(dir);
  const findings: Finding[] = [];
  for (const m of meetings)
    for (const ref of m.open) {
      const file = where(ref.path);
      const other = closers.get(file)?.find((c) => c !== m);
      if (other) {
        findings.push(await elsewhere(dir, ref, other, file, 'the file of the closed attachment'));
        continue;
      }
      const size = statusOf(file, { follow: true })?.size;
      const sized = size === undefined ? [] : (bySize.get(size) ?? []).filter((c) => c !== file);
      const sha = sized.length > 0 ? await hashOf(file) : undefined;
      for (const c of sized) {
        const copy = closers.get(c)?.find((o) => o !== m);
        if (copy && sha !== undefined && (await hashOf(c)) === sha) {
          findings.push(await elsewhere(dir, ref, copy, c, 'a copy (the same bytes) of the file of the closed attachment'));
          break;
        }
      }
    }
  return findings;
}

async function elsewhere(dir: string, ref: AttachmentFileRef, other: FiledMeeting, file: string, what: string): Promise<Finding> {
  const closed = (await other.locate()).find((c) => path.resolve(dir, c.path) === file);
  const place = closed ? `${closed.at.file}:${closed.at.line}: ${closed.at.path.replace(/\.fil$/, '')}` : `the meeting of ${other.date}`;
  return {
    ...ref.at,
    message: `${ref.path}: ${what} at ${place} (the meeting of ${other.date}), and a file closed in one meeting is closed in every meeting of the committee that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
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
  const sized = () => {
    const found = new Map<number, Closed[]>();
    for (const { dir, closed } of committees) {
      const hashOf = fileHashes(dir);
      for (const file of closed) {
        const size = statusOf(file, { follow: true })?.size;
        if (size) found.set(size, [...(found.get(size) ?? []), { file, hash: () => hashOf(path.resolve(file)) }]);
      }
    }
    return found;
  };
  return async (file) => {
    const size = statusOf(file)?.size;
    const same = size ? (bySize ??= sized()).get(size) : undefined;
    if (!same) return undefined;
    const bytes = await readEarlierOutput(file);
    const sha = bytes && sha256(bytes);
    for (const closed of same) if (sha !== undefined && (await closed.hash()) === sha) return closed.file;
    return undefined;
  };
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
