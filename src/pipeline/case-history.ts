import { checkShared, loadMeeting } from '../check/check.js';
import { meetingDates } from '../input/load.js';
import { findCommittees, type CommitteeFolder } from '../input/repository.js';
import type { MeetingSources } from '../input/sources.js';
import { buildMeeting } from '../model/merge.js';
import type { Meeting } from '../model/meeting.js';
import { AgendaError } from '../shared/errors.js';

/** Whether the meeting takes up a case (`sag:` on an item or a standing item), so the repository's other meetings are read. */
export function takesUpCases(sources: MeetingSources): boolean {
  return (sources.meeting.punkter ?? []).some((p) => p.sag !== undefined) || sources.standingItems.punkter.some((p) => p.sag !== undefined);
}

/**
 * The meetings of the repository's committees (all but `except`), merged, in date order: where a
 * case's way and its earlier decisions are read from. A meeting that does not pass its checks is
 * left out; its own build tells why.
 */
export async function repositoryMeetings(root: string, except?: CommitteeFolder): Promise<Meeting[]> {
  const meetings: Meeting[] = [];
  for (const folder of await findCommittees(root)) {
    if (except && folder.dir === except.dir) continue;
    const shared = await checkShared(folder);
    for (const date of await meetingDates(folder.dir)) {
      const loaded = await loadMeeting(folder, date, shared).catch((err: unknown) => {
        if (err instanceof AgendaError) return undefined;
        throw err;
      });
      if (loaded) meetings.push(buildMeeting(loaded.sources));
    }
  }
  return meetings.sort((a, b) => a.date.localeCompare(b.date));
}

export { caseSteps } from '../model/case-history.js';
