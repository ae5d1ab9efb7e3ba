import type { ApprovalView, Meeting } from '../model/meeting.js';
import type { ApprovalEntry } from './approval-log.js';
import { coversNow } from './coverage.js';
import { participants } from '../model/seats.js';
import { sameName } from './participants.js';

/**
 * What the Godkendelsesside of the approved document shows: each member who took part with their
 * latest approval of the minutes as they stand (or, failing that, of an earlier version), and the
 * SHA-256 of the version approved, which the members' minutes had before this page was filled in.
 */
export function approvalView(meeting: Meeting, log: ApprovalEntry[]): ApprovalView {
  const current = log.filter((e) => coversNow(e, meeting));
  const rows = participants(meeting).map((person) => {
    const own = (e: ApprovalEntry) => sameName(e.medlem, person);
    const approved = current.findLast(own);
    if (approved) {
      return { person, time: approved.tid, atMeeting: approved.måde === 'møde', earlier: false, reservation: approved.forbehold };
    }
    const earlier = log.findLast(own);
    return earlier ? { person, time: earlier.tid, atMeeting: false, earlier: true } : { person, atMeeting: false, earlier: false };
  });
  return { sha256: current.at(-1)?.sha256, rows };
}
