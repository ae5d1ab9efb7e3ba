import path from 'node:path';
import { z } from 'zod';
import { block, flag, list, optional, text, wholeNumber } from '../input/fields.js';
import { readLogFile, writeLogFile } from '../input/log-file.js';
import type { Item } from '../model/meeting.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the document, 64 hex digits' });

/**
 * One message: to whom, which document (by name and SHA-256), when, and whether the server took it.
 * `påbegyndt` is the intent, written before the message goes: an entry that still says so after
 * the run was stopped (killed, the disk full) is a message whose outcome nobody knows.
 */
const entry = block({
  tid: text,
  til: text,
  dokument: text,
  sha256,
  /** What the document showed (documentContent), whatever bytes it went out in: a document built again unchanged is the version sent. */
  indhold: optional(sha256),
  sendt: flag,
  påbegyndt: optional(flag),
  fejl: optional(text),
  /**
   * The items the document held, by title, or title and case number (sag), which stays when the title
   * changes: an item that went out in the agenda or an addendum stays in it.
   */
  punkter: optional(list(z.union([text, block({ titel: text, sag: text })]))),
  /** Which version of the document it was: 1 the first sent, 2 the first corrected one sent, and so on. */
  version: optional(wholeNumber),
});

export type SendLogEntry = z.output<typeof entry>;
export type SentItem = NonNullable<SendLogEntry['punkter']>[number];

/** An item as the log names it: by its case number too, where it has one. */
export function sentItem(item: Pick<Item, 'title' | 'sag'>): SentItem {
  return item.sag === undefined ? item.title : { titel: item.title, sag: item.sag };
}

/**
 * Which of the meeting's items now is the one the log names: by its case number where that number
 * names one item alone, both in what went out (`sentWith`) and in the meeting now (`now`), else by its
 * title, so that two items of one case are told apart, and an item whose case number was removed since is still found.
 */
export function sentItemIs(
  sent: SentItem,
  sentWith: SentItem[],
  now: Array<{ sag?: string | undefined }>,
): (item: { title?: string; sag?: string | undefined }) => boolean {
  if (typeof sent === 'string') return (item) => item.title === sent;
  const alone = <T>(list: T[], sag: (x: T) => string | undefined) => list.filter((x) => sag(x) === sent.sag).length === 1;
  const bySag = alone(sentWith, (s) => (typeof s === 'string' ? undefined : s.sag)) && alone(now, (n) => n.sag);
  return bySag ? (item) => item.sag === sent.sag : (item) => item.title === sent.titel;
}

/** Beside the meeting: `2023-11-22.sendt.yaml`, committed with it. */
export function sendLogFile(dir: string, date: string): string {
  return path.join(dir, `${date}.sendt.yaml`);
}

/** The log as written; none yet is an empty one. */
export function readSendLog(file: string): Promise<SendLogEntry[]> {
  return readLogFile(file, entry);
}

export function writeSendLog(file: string, entries: SendLogEntry[]): Promise<void> {
  return writeLogFile(file, 'What agenda send sent: to whom, which document (its SHA-256), when. Commit it with the meeting.', entries);
}

/** A version of a document: its bytes' SHA-256, and what it shows (documentContent), where known. */
export interface Version {
  sha256: string;
  indhold?: string | undefined;
}

/** Whether the entry sent this version: these bytes, or others that showed the same. */
function isVersion(entry: SendLogEntry, version: Version): boolean {
  return entry.sha256 === version.sha256 || (version.indhold !== undefined && entry.indhold === version.indhold);
}

/** The last time this version of this document reached this address, or was begun to with no outcome known. */
export function lastSent(log: SendLogEntry[], to: string, names: readonly string[], version: Version): SendLogEntry | undefined {
  return log.findLast(
    (e) => (e.sendt || e.påbegyndt) && e.til.toLowerCase() === to.toLowerCase() && names.includes(e.dokument) && isVersion(e, version),
  );
}

/** The number of this version of the document: its place among the versions of it sent, or the next. */
export function versionNumber(log: SendLogEntry[], names: readonly string[], sha256: string): number {
  const versions = [...new Set(log.filter((e) => e.sendt && names.includes(e.dokument)).map((e) => e.sha256))];
  return (versions.includes(sha256) ? versions.indexOf(sha256) : versions.length) + 1;
}

/** The last time another version of this document went out. */
export function lastOtherVersion(log: SendLogEntry[], names: readonly string[], version: Version): SendLogEntry | undefined {
  return log.findLast((e) => e.sendt && names.includes(e.dokument) && !isVersion(e, version));
}

/** The version of this document this address got last: the one its reader holds. */
export function versionHeld(log: SendLogEntry[], to: string, names: readonly string[]): SendLogEntry | undefined {
  return log.findLast((e) => e.sendt && e.til.toLowerCase() === to.toLowerCase() && names.includes(e.dokument));
}
