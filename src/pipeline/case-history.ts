import path from 'node:path';
import { isDraft } from '../check/draft.js';
import { checkShared, loadMeeting } from '../check/check.js';
import { meetingDates } from '../input/meeting-names.js';
import { findCommittees, type CommitteeFolder } from '../input/repository.js';
import type { MeetingSources } from '../input/sources.js';
import { buildMeeting } from '../model/merge.js';
import { caseMeeting, type CaseMeeting } from '../model/case-history.js';
import { AgendaError } from '../shared/errors.js';

/** Whether the meeting takes up a case (`sag:` on an item or a standing item), so the repository's other meetings are read. */
export function takesUpCases(sources: MeetingSources): boolean {
  return caseNumbers(sources).length > 0;
}

/** The cases (`sag:`) the meeting's items and standing items take up, closed ones too: those its history is read for. */
export function caseNumbers(sources: MeetingSources): string[] {
  return [...(sources.meeting.punkter ?? []), ...sources.standingItems.punkter].flatMap((p) => (p.sag === undefined ? [] : [p.sag]));
}

/** The meetings a case's history is read from: every meeting file of the repository's committees but `except`'s. */
async function historyMeetings(root: string, except?: { dir: string }): Promise<Array<{ folder: CommitteeFolder; dates: string[] }>> {
  const folders = (await findCommittees(root)).filter((f) => !except || !isCommittee(f, except.dir));
  return Promise.all(folders.map(async (folder) => ({ folder, dates: await meetingDates(folder.dir) })));
}

/**
 * The meetings of the repository's committees (all but `except`), merged, in date order, as a case's
 * history keeps them (caseMeeting): where a case's way and its earlier decisions are read from. A
 * meeting that does not pass its checks is left out; its own build tells why.
 */
export async function repositoryMeetings(root: string, except?: CommitteeFolder): Promise<CaseMeeting[]> {
  const read = await Promise.all((await historyMeetings(root, except)).map(committeeMeetings));
  return read.flat().sort((a, b) => a.date.localeCompare(b.date));
}

/** Where a meeting that takes up a case reads the repository's meetings from: `repositoryMeetings`, or a run's `historyOnce`. */
export type HistoryReader = (root: string, except?: CommitteeFolder) => Promise<CaseMeeting[]>;

/**
 * `repositoryMeetings` for a run of many documents (publish, build --all): every committee's meetings
 * read once, on first need, for all the run's meetings that take up a case. Read anew for each, an
 * archive of 4,000 such meetings read 16 million. Only for one run: a file changed meanwhile is not seen.
 * `include`: the meetings that may take up a case of the run's meetings (publish-unread.ts); the others,
 * which no item of the run's reads from (caseSteps goes by the case's number alone), are left unread.
 */
export function historyOnce(include: (dir: string, date: string) => boolean = () => true): HistoryReader {
  const all = new Map<string, Promise<Array<{ dir: string; meeting: CaseMeeting }>>>();
  const readAll = async (root: string) => {
    const included = (await historyMeetings(root)).map(({ folder, dates }) => ({
      folder,
      dates: dates.filter((d) => include(folder.dir, d)),
    }));
    const read = await Promise.all(
      included.map(async (m) => (await committeeMeetings(m)).map((meeting) => ({ dir: path.resolve(m.folder.dir), meeting }))),
    );
    // Sorted once: a stable sort, so leaving a committee out afterwards gives repositoryMeetings' order.
    return read.flat().sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
  };
  return async (root, except) => {
    const key = path.resolve(root);
    let meetings = all.get(key);
    if (!meetings) {
      meetings = readAll(root);
      all.set(key, meetings);
    }
    const left = except && path.resolve(except.dir);
    return (await meetings).filter((m) => m.dir !== left).map((m) => m.meeting);
  };
}

/**
 * A committee's meetings, merged, as a case's history keeps them, in the order of its dates; those that do
 * not pass their checks left out, and drafts (check/draft.ts): no other document prints a decision
 * still to be written.
 */
async function committeeMeetings({ folder, dates }: { folder: CommitteeFolder; dates: string[] }): Promise<CaseMeeting[]> {
  const shared = await checkShared(folder);
  const meetings: CaseMeeting[] = [];
  for (const date of dates) {
    const loaded = await loadMeeting(folder, date, shared).catch((err: unknown) => {
      if (err instanceof AgendaError) return undefined;
      throw err;
    });
    if (loaded && !isDraft(loaded.sources)) meetings.push(caseMeeting(buildMeeting(loaded.sources)));
  }
  return meetings;
}

const isCommittee = (folder: { dir: string }, dir: string) => path.resolve(folder.dir) === path.resolve(dir);

export { caseSteps, type CaseStep } from '../model/case-history.js';
export { caseStepText } from '../render/wording.js';
