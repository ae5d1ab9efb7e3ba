import path from 'node:path';
import { folderAtRevision } from '../input/revision.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { closedWords, compareVersions, publicChanges, type Change, type ClosedNow } from '../model/changes.js';
import type { Audience, Meeting } from '../model/meeting.js';
import type { DocumentVersion } from '../model/versions.js';
import { findBrowser, withBrowser } from '../pdf/browser.js';
import { headingTexts } from '../pdf/headings.js';
import { finishPdf } from '../pdf/postprocess.js';
import { PrintPage } from '../pdf/print.js';
import { renderChanges, type VersionFrom } from '../render/changes.js';
import { readSendLog, sendLogFile, type SendLogEntry } from '../send/send-log.js';
import { readSentVersion } from '../send/sent-versions.js';
import { UsageError } from '../shared/errors.js';
import { writeAllAtomically } from '../shared/files.js';
import { refuseWritingInputs } from './input-places.js';
import { refuseIntoSite } from './targets.js';
import { documentsOf } from '../model/addenda.js';
import { sentDocument } from './addenda.js';
import { meetingFor } from './document.js';
import type { OfficeSettings } from './office.js';
import { readMeetingSources } from './sources.js';
import { versionsOf } from './versions.js';
import { clockTime } from '../shared/clock-time.js';

export interface DiffRequest extends OfficeSettings {
  dir: string;
  folder?: CommitteeFolder;
  date: string;
  /** The public diff compares the public versions only. */
  audience: Audience;
  /** A git revision to compare with, instead of the version sent. */
  fra?: string;
  /** The version this address was sent last, instead of the version sent last. */
  medlem?: string;
  /** Write the page of the changes as PDF, as HTML. */
  pdf?: string;
  html?: string;
  browser?: string;
  timeoutMs?: number;
}

export interface DiffResult {
  /**
   * What was compared with: the version sent (when, and for the members' diff the members' PDF's SHA-256 and to whom last;
   * the public diff names neither), or a revision (and its commit). Of the documents sent, the one sent last.
   */
  from: { sentAt: string; sha256?: string; to?: string } | { revision: string; commit: string };
  audience: Audience;
  changes: DiffChange[];
  /** The files written (--pdf, --html). */
  written: string[];
}

/** A change, and where it is of an item of a tillægsdagsorden, its number. */
export type DiffChange = Change & { addendum?: number };

/** A meeting's documents by number: 0 the agenda (or the minutes), n its addendum n. */
type Versions = Map<number, DocumentVersion>;

const numberOf = (document: Meeting) => document.addendum ?? 0;

/**
 * `agenda diff`: what changed in a meeting's documents between the version sent (last, or to one
 * member) or a git revision, and now; compared as the model reads (items, their sections' text,
 * attachments' files), not the PDF's text. The agenda and each of its addenda (tillægsdagsordener) are
 * compared each with its own earlier version, an addendum that had none with an empty one: an item
 * added late is an item added. Every file written at once, and none on a failure.
 */
export async function diffMeeting(request: DiffRequest): Promise<DiffResult> {
  // Told before anything is read: a members' diff holds what is closed.
  const targets = Object.entries({ '--pdf': request.pdf, '--html': request.html }).flatMap(([flag, file]) =>
    file === undefined ? [] : [{ named: `${flag} ${file}`, file }],
  );
  await refuseIntoSite(targets.map(({ named, file }) => ({ named, folder: path.dirname(file) })));
  const folder = request.folder ?? (await toFolder(request.dir));
  await refuseWritingInputs(targets, [folder]);
  const { sources } = await readMeetingSources(folder, request.date);
  const meeting = await meetingFor(sources, 'medlemmer');
  const documents = documentsOf(meeting);
  const { from, earlier } = request.fra
    ? await atRevision(folder, request.fra, request, meeting.kind === 'dagsorden')
    : await sentVersions(folder.dir, documents, request);
  const now = new Map(await Promise.all(documents.map(async (d) => [numberOf(d), await versionsOf(folder.dir, d)] as const)));
  const shown = request.audience === 'offentlig' ? await meetingFor(sources, 'offentlig') : meeting;
  // What is closed now is judged against the whole meeting: an item may have moved between the agenda and an addendum.
  const closedNow: ClosedNow | undefined =
    request.audience === 'offentlig' ? { ...(await versionsOf(folder.dir, meeting)), words: closedWords(meeting, shown) } : undefined;
  const changes = [...new Set([...now.keys(), ...earlier.keys()])]
    .sort((a, b) => a - b)
    .flatMap((n) =>
      documentChanges(earlier.get(n), now.get(n)?.[request.audience], closedNow).map((c) => (n > 0 ? { ...c, addendum: n } : c)),
    );
  const since: VersionFrom = 'revision' in from ? { revision: from.revision } : { sentAt: from.sentAt };
  const outputs = await pageOutputs(shown, changes, since, request);
  await writeAllAtomically(outputs);
  return { from, audience: request.audience, changes, written: outputs.map((o) => o.file) };
}

/**
 * One document's changes; a document on one side only is compared with an empty one. The public diff quotes nothing
 * closed now, wherever in the meeting (`closedNow`, its two versions now) it stands (publicChanges).
 */
function documentChanges(version: DocumentVersion | undefined, now: DocumentVersion | undefined, closedNow?: ClosedNow): Change[] {
  const after = now ?? (version && { ...version, items: [] });
  if (!after) return [];
  const before = version ?? { ...after, items: [] };
  return closedNow ? publicChanges(before, after, closedNow) : compareVersions(before, after);
}

/**
 * The meeting's documents at a revision, split into the agenda and its addenda as they stood then where the meeting is
 * an agenda now (`split`); minutes now are one document, compared with the whole meeting then.
 */
async function atRevision(folder: CommitteeFolder, revision: string, request: DiffRequest, split: boolean) {
  const at = await folderAtRevision(folder, revision, request.date);
  try {
    const { sources } = await readMeetingSources(at.folder, request.date);
    const meeting = await meetingFor(sources, 'medlemmer');
    await at.add(meeting.items.flatMap((i) => i.bilag.flatMap((b) => (b.file ? [b.file.path] : []))));
    const earlier: Versions = new Map();
    for (const d of split ? documentsOf(meeting) : [meeting])
      earlier.set(numberOf(d), (await versionsOf(at.folder.dir, d))[request.audience]);
    return { from: { revision, commit: at.commit }, earlier };
  } catch (err) {
    throw at.told(err);
  } finally {
    await at.remove();
  }
}

/**
 * The version of each document sent last (to `medlem`, where named), as send kept it; the agenda must have been
 * sent, an addendum not yet sent has none. `from` is the one sent last.
 */
async function sentVersions(dir: string, documents: Meeting[], request: DiffRequest) {
  const log = await readSendLog(sendLogFile(dir, request.date));
  const wanted = request.medlem?.toLowerCase();
  const theirs = log.filter((e) => wanted === undefined || e.til.toLowerCase() === wanted);
  const sent = documents.flatMap((d) => {
    const entry = sentDocument(theirs, d);
    return entry ? [{ number: numberOf(d), entry }] : [];
  });
  if (sent[0]?.number !== 0) {
    const whom = request.medlem ? ` to ${request.medlem}` : '';
    throw new UsageError(
      `nothing of ${request.date} has been sent${whom} (see ${sendLogFile(dir, request.date)}): compare with a revision, --fra REV`,
    );
  }
  const earlier: Versions = new Map();
  for (const { number, entry } of sent) earlier.set(number, await keptVersion(dir, request, entry));
  const last = sent.map((s) => s.entry).reduce((a, b) => (theirs.indexOf(b) > theirs.indexOf(a) ? b : a));
  const from = request.audience === 'offentlig' ? { sentAt: last.tid } : { sentAt: last.tid, sha256: last.sha256, to: last.til };
  return { from, earlier };
}

async function keptVersion(dir: string, request: DiffRequest, entry: SendLogEntry): Promise<DocumentVersion> {
  const version = await readSentVersion(dir, request.date, entry.sha256, request.audience);
  if (!version)
    throw new UsageError(
      `what was sent on ${clockTime(entry.tid)} (${entry.dokument}, sha256 ${entry.sha256.slice(0, 12)}) was not kept (it was sent before agenda kept the versions it sends): compare with a revision, --fra REV`,
    );
  return version;
}

async function pageOutputs(meeting: Meeting, changes: DiffChange[], since: VersionFrom, request: DiffRequest) {
  if (!request.pdf && !request.html) return [];
  const rendered = renderChanges(meeting, changes, since);
  const outputs: Array<{ file: string; data: Uint8Array | string }> = [];
  if (request.html) outputs.push({ file: request.html, data: rendered.html() });
  if (request.pdf) outputs.push({ file: request.pdf, data: await printChanges(rendered, meeting.authority, request) });
  return outputs;
}

async function printChanges(rendered: ReturnType<typeof renderChanges>, author: string, request: DiffRequest): Promise<Uint8Array> {
  const timeoutMs = request.timeoutMs ?? 60_000;
  return withBrowser(findBrowser({ explicit: request.browser }), timeoutMs, async (chromium) => {
    const page = await PrintPage.create(chromium, { timeoutMs });
    await page.load(rendered);
    const [title = ''] = headingTexts(rendered.body);
    const metadata = { title, author, subject: title, language: 'da', audience: request.audience };
    return finishPdf(await page.print(), metadata, headingTexts(rendered.body));
  });
}
