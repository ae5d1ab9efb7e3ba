import path from 'node:path';
import { readApprovalLog, writeApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { coverageOf, coversNow } from '../approval/coverage.js';
import { approver, sameName } from '../approval/participants.js';
import { participants } from '../model/seats.js';
import type { Person } from '../model/meeting.js';
import { withSendLock } from '../send/lock.js';
import { UsageError } from '../shared/errors.js';
import { currentMinutes, type MinutesRequest, type MinutesState } from './approval.js';
import { clockTime } from '../shared/clock-time.js';

export interface ApproveRequest extends MinutesRequest {
  /** The member, as udvalg.yaml (or the meeting file, for a substitute) names them. */
  member: string;
  reservation?: string;
  /** Given at the meeting (måde: møde); else by mail. */
  atMeeting?: boolean;
}

/**
 * A member's approval of the members' minutes as they stand, bound to them by their SHA-256 and by
 * what they cover (coverage.ts), added to the approval log. One member approves one version once; a
 * member who approved an earlier version may approve this one, and both stay recorded.
 */
export async function approveMinutes(request: ApproveRequest): Promise<{ entry: ApprovalEntry; logFile: string }> {
  const state = await currentMinutes(request);
  const { meeting, logFile, document } = state;
  const person = approver(meeting, request.member);
  // One approval at a time, under the lock `agenda send` takes of its log: two at once would each write the log without the other's.
  return withSendLock(logFile, async () => {
    // Read again under the lock: another approval may have been recorded since.
    const log = await readApprovalLog(logFile);
    const dokument = path.basename(document.file);
    const already = log.find((e) => sameName(e.medlem, person) && e.sha256 === document.sha256);
    if (already)
      throw new UsageError(
        `${person.name}'s approval of this version of ${dokument} is already recorded (on ${clockTime(already.tid)}); nothing was added`,
      );
    const reservation = request.reservation?.trim();
    const entry: ApprovalEntry = {
      medlem: person.name,
      tid: new Date().toISOString(),
      dokument,
      sha256: document.sha256,
      måde: request.atMeeting ? 'møde' : 'mail',
      ...(reservation ? { forbehold: reservation } : {}),
      ...coverageOf(meeting),
    };
    await writeApprovalLog(logFile, [...log, entry]);
    return { entry, logFile };
  });
}

/** A member who took part, and their approvals: of the minutes as they stand, and of earlier versions. */
export interface MemberStatus {
  person: Person;
  current?: ApprovalEntry;
  earlier: ApprovalEntry[];
}

export interface ApprovalStatus {
  dokument: string;
  sha256: string;
  members: MemberStatus[];
  /** Members of the day who did not take part (afbud). */
  absent: Person[];
}

/** Who took part, who has approved the minutes as they stand (with the time and any reservation), who an earlier version, who not. */
export async function approvalStatus(request: MinutesRequest): Promise<ApprovalStatus> {
  return statusOf(await currentMinutes(request));
}

export function statusOf({ meeting, log, document }: MinutesState): ApprovalStatus {
  const members = participants(meeting).map((person) => {
    const own = log.filter((e) => sameName(e.medlem, person));
    // An approval of the text as it stands counts, though its PDF has changed since by a closing (coverageOf).
    const current = (e: ApprovalEntry) => e.sha256 === document.sha256 || coversNow(e, meeting);
    return { person, current: own.findLast(current), earlier: own.filter((e) => !current(e)) };
  });
  return { dokument: path.basename(document.file), sha256: document.sha256, members, absent: meeting.absent.map((a) => a.member) };
}
