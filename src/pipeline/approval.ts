import { createHash } from 'node:crypto';
import { approvalLogFile, readApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { coverageOf } from '../approval/coverage.js';
import { draftTexts } from '../check/draft.js';
import { meetingFile } from '../input/load.js';
import { placeholder } from '../input/placeholder.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import type { MeetingSources } from '../input/sources.js';
import type { Meeting } from '../model/meeting.js';
import { findBrowser } from '../pdf/browser.js';
import { InputError, UsageError } from '../shared/errors.js';
import { meetingFor } from './document.js';
import { documentToSend } from './document-to-send.js';
import { sentAs } from './output.js';
import { at, changedFindings, entryIndex } from './approved-changed.js';
import { readMeetingSources } from './sources.js';

/** Which meeting, and how to build its members' minutes where they are not built already. */
export interface MinutesRequest {
  dir: string;
  folder?: CommitteeFolder;
  date: string;
  browser?: string;
  timeoutMs?: number;
  libreoffice?: string;
}

/** The members' minutes as they stand, with the approvals recorded of them and of earlier versions. */
export interface MinutesState {
  sources: MeetingSources;
  meeting: Meeting;
  log: ApprovalEntry[];
  logFile: string;
  /** The members' PDF, as `agenda build` makes it and `agenda send` sends it: its name and SHA-256. */
  document: { file: string; bytes: Uint8Array; sha256: string };
}

/**
 * The minutes as they stand and the approvals of them. Minutes that are not final (an item without
 * its decision, a text still UDFYLD) or whose text changed since a member approved them (other than
 * by an addition) are refused, at the meeting file, before any document is built.
 */
export async function currentMinutes(request: MinutesRequest): Promise<MinutesState> {
  const folder = request.folder ?? (await toFolder(request.dir));
  const { sources } = await readMeetingSources(folder, request.date);
  const meeting = await meetingFor(sources, 'medlemmer');
  refuseUnfinished(sources, meeting);
  const logFile = approvalLogFile(folder.dir, request.date);
  const log = await readApprovalLog(logFile);
  refuseChanged(sources, meeting, log);
  const browser = () => ({ executablePath: findBrowser({ explicit: request.browser }), timeoutMs: request.timeoutMs ?? 60_000 });
  const doc = await documentToSend(folder.dir, sentAs({ document: meeting }), browser, request);
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  return { sources, meeting, log, logFile, document: { file: doc.file, bytes: doc.bytes, sha256 } };
}

/** The approvals recorded of minutes that are read to be built; minutes changed since an approval, otherwise than by an addition, are refused. */
export async function approvalsOf(
  dir: string,
  { sources, meeting }: { sources: MeetingSources; meeting: Meeting },
): Promise<ApprovalEntry[]> {
  if (meeting.kind !== 'referat') return [];
  const log = await readApprovalLog(approvalLogFile(dir, meeting.date));
  refuseChanged(sources, meeting, log);
  return log;
}

/**
 * What public minutes say: their text, additions and the approvals they show, as a SHA-256. forsegl
 * records it of the public minutes it seals, and publish puts the sealed file on the site only while
 * the minutes still say this (a later addition or approval makes them another document).
 */
export function publicContent(version: Meeting): string {
  const { indhold, tilføjelser } = coverageOf(version, true);
  return createHash('sha256')
    .update(JSON.stringify({ indhold, tilføjelser, approval: version.approval }))
    .digest('hex');
}

/** The error a build and `agenda godkend` give where approved minutes changed otherwise than by an addition. */
export function refuseChanged(sources: MeetingSources, meeting: Meeting, log: ApprovalEntry[]): void {
  const findings = changedFindings(sources, meeting, log);
  if (findings.length > 0) throw new InputError(findings);
}

/** Minutes are final when every item has its decision and no text still says UDFYLD. */
function refuseUnfinished(sources: MeetingSources, meeting: Meeting): void {
  if (meeting.kind !== 'referat')
    throw new UsageError(`${meetingFile(sources.folder.dir, sources.date)} holds no decision yet: it is an agenda, not minutes to approve`);
  const undecided = meeting.items
    .filter((item) => item.beslutning === undefined && item.politicalReview === undefined)
    .map((item) => {
      const entry = entryIndex(sources, item.number - 1);
      const where = entry < 0 ? ['punkter'] : ['punkter', entry];
      return at(sources, where, `item ${item.number} (${item.title}) has no beslutning: the minutes are not final`);
    });
  const unfilled = sources.source
    ? draftTexts(sources.source).map((at) => ({ ...at, message: `still says ${placeholder}: the minutes are not final` }))
    : [];
  if (undecided.length + unfilled.length > 0) throw new InputError([...undecided, ...unfilled]);
}
