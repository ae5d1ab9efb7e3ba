import { folderAtRevision } from '../input/revision.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { compareVersions, openSince, type Change } from '../model/changes.js';
import type { Audience, Meeting } from '../model/meeting.js';
import type { DocumentVersion } from '../model/versions.js';
import { findBrowser, withBrowser } from '../pdf/browser.js';
import { headingTexts } from '../pdf/headings.js';
import { finishPdf } from '../pdf/postprocess.js';
import { PrintPage } from '../pdf/print.js';
import { renderChanges, type VersionFrom } from '../render/changes.js';
import { readSendLog, sendLogFile } from '../send/send-log.js';
import { readSentVersion } from '../send/sent-versions.js';
import { UsageError } from '../shared/errors.js';
import { writeAllAtomically } from '../shared/files.js';
import { agendaOf } from '../model/addenda.js';
import { sentDocument } from './addenda.js';
import { meetingFor } from './document.js';
import type { OfficeSettings } from './office.js';
import { readMeetingSources } from './sources.js';
import { versionsOf } from './versions.js';

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
   * the public diff names neither), or a revision (and its commit).
   */
  from: { sentAt: string; sha256?: string; to?: string } | { revision: string; commit: string };
  audience: Audience;
  changes: Change[];
  /** The files written (--pdf, --html). */
  written: string[];
}

/**
 * `agenda diff`: what changed in a meeting's document between the version sent (last, or to one
 * member) or a git revision, and now; compared as the model reads (items, their sections' text,
 * attachments' files), not the PDF's text. Every file written at once, and none on a failure.
 */
export async function diffMeeting(request: DiffRequest): Promise<DiffResult> {
  const folder = request.folder ?? toFolder(request.dir);
  const { sources } = await readMeetingSources(folder, request.date);
  // The document compared is the agenda (without its addenda, each a document of its own) or the minutes.
  const meeting = agendaOf(await meetingFor(sources, 'medlemmer'));
  const { from, version } = request.fra ? await atRevision(folder, request.fra, request) : await sentVersion(folder.dir, meeting, request);
  const now = await versionsOf(folder.dir, meeting);
  // The public diff quotes nothing closed since the earlier version: it is left out of that one too.
  const earlier = request.audience === 'offentlig' ? openSince(version, now.medlemmer, now.offentlig) : version;
  const changes = compareVersions(earlier, now[request.audience]);
  const shown = request.audience === 'offentlig' ? await meetingFor(sources, 'offentlig') : meeting;
  const since: VersionFrom = 'revision' in from ? { revision: from.revision } : { sentAt: from.sentAt };
  const outputs = await pageOutputs(shown, changes, since, request);
  await writeAllAtomically(outputs);
  return { from, audience: request.audience, changes, written: outputs.map((o) => o.file) };
}

async function atRevision(folder: CommitteeFolder, revision: string, request: DiffRequest) {
  const at = await folderAtRevision(folder, revision, request.date);
  try {
    const { sources } = await readMeetingSources(at.folder, request.date);
    const meeting = agendaOf(await meetingFor(sources, 'medlemmer'));
    await at.add(meeting.items.flatMap((i) => i.bilag.flatMap((b) => (b.file ? [b.file.path] : []))));
    const version: DocumentVersion = (await versionsOf(at.folder.dir, meeting))[request.audience];
    return { from: { revision, commit: at.commit }, version };
  } catch (err) {
    throw at.told(err);
  } finally {
    await at.remove();
  }
}

/** The version of this document sent last (to `medlem`, where named), as send kept it; an addendum sent since is another document. */
async function sentVersion(dir: string, document: Meeting, request: DiffRequest) {
  const log = await readSendLog(sendLogFile(dir, request.date));
  const wanted = request.medlem?.toLowerCase();
  const entry = sentDocument(
    log.filter((e) => wanted === undefined || e.til.toLowerCase() === wanted),
    document,
  );
  if (!entry) {
    const whom = request.medlem ? ` to ${request.medlem}` : '';
    throw new UsageError(
      `nothing of ${request.date} has been sent${whom} (see ${sendLogFile(dir, request.date)}): compare with a revision, --fra REV`,
    );
  }
  const version = await readSentVersion(dir, request.date, entry.sha256, request.audience);
  if (!version)
    throw new UsageError(
      `what was sent on ${entry.tid} (${entry.dokument}, sha256 ${entry.sha256.slice(0, 12)}) was not kept (it was sent before agenda kept the versions it sends): compare with a revision, --fra REV`,
    );
  const from = request.audience === 'offentlig' ? { sentAt: entry.tid } : { sentAt: entry.tid, sha256: entry.sha256, to: entry.til };
  return { from, version };
}

async function pageOutputs(meeting: Meeting, changes: Change[], since: VersionFrom, request: DiffRequest) {
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
    return finishPdf(await page.print(), { title, author, subject: title, language: 'da' }, headingTexts(rendered.body));
  });
}
