import path from 'node:path';
import { approvalLogFile, readApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { changeSinceApproval } from '../approval/coverage.js';
import { formatPath } from '../input/key-path.js';
import type { MeetingSources } from '../input/sources.js';
import type { Meeting } from '../model/meeting.js';
import type { Finding } from '../shared/errors.js';
import { meetingFor } from './document.js';

/** Minutes changed since a member approved them, otherwise than by an addition: what a build, send and `agenda godkend` refuse. */
export function changedFindings(sources: MeetingSources, meeting: Meeting, log: ApprovalEntry[]): Finding[] {
  const change = changeSinceApproval(meeting, log);
  return change ? [at(sources, ['punkter'], change)] : [];
}

/** The same, for `agenda check` with every other finding: the members' minutes are made only where a member approved them. */
export async function approvalFindings(dir: string, sources: MeetingSources): Promise<Finding[]> {
  const log = await readApprovalLog(approvalLogFile(dir, sources.date));
  if (log.length === 0) return [];
  const meeting = await meetingFor(sources, 'medlemmer');
  return meeting.kind === 'referat' ? changedFindings(sources, meeting, log) : [];
}

export function at(sources: MeetingSources, where: PropertyKey[], message: string): Finding {
  const file = sources.source?.file ?? path.join(sources.folder.dir, `${sources.date}.yaml`);
  const { line, col } = sources.source?.locate(where) ?? { line: 1, col: 1 };
  return { file, line, col, path: formatPath(where), message };
}
