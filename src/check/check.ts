import { InputError, isError, type Finding } from '../errors.js';
import type { CommitteeInput } from '../input/schema/committee.js';
import type { ForwardPlanInput } from '../input/schema/forward-plan.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { readMeetingFile, readSharedFiles, type SharedRead } from '../input/load.js';
import { checkReferences } from './references.js';
import { meetingWarnings, planWarnings } from './warnings.js';

/** Everything one meeting is made from, validated and checked, ready to merge. */
export interface MeetingSources {
  date: string;
  committee: CommitteeInput;
  standingItems: StandingItemsInput;
  forwardPlan: ForwardPlanInput;
  meeting: MeetingInput;
}

export interface CheckedShared {
  read: SharedRead;
  findings: Finding[];
}

export interface CheckedMeeting {
  /** There when neither the meeting nor the shared files hold an error. */
  sources?: MeetingSources;
  /** The meeting's own errors and warnings; the shared files' are in CheckedShared. */
  findings: Finding[];
}

/** The shared files, read once for any number of meetings, with their errors and warnings. */
export async function checkShared(dir: string): Promise<CheckedShared> {
  const findings: Finding[] = [];
  const read = await readSharedFiles(dir, findings);
  const { committee, forwardPlan } = read;
  if (committee?.value && forwardPlan?.value) findings.push(...planWarnings(committee.value, forwardPlan.value, forwardPlan.source));
  return { read, findings };
}

/** One meeting against the shared files: every error and warning at once. */
export async function checkMeeting(dir: string, date: string, shared: CheckedShared): Promise<CheckedMeeting> {
  const findings: Finding[] = [];
  const meeting = await readMeetingFile(dir, date, findings);
  const committee = shared.read.committee?.value;
  const standing = shared.read.standingItems;
  const standingItems = standing ? standing.value : { punkter: [] };
  if (!meeting?.value) return { findings };
  // Against an invalid standing-items file every reference would look wrong: its own errors say enough.
  if (standingItems) findings.push(...checkReferences(meeting.source, meeting.value, standingItems));
  if (committee) findings.push(...meetingWarnings(date, committee, meeting.value, meeting.source));
  if (!committee || !standingItems || [...shared.findings, ...findings].some(isError)) return { findings };
  const forwardPlan = shared.read.forwardPlan?.value ?? {};
  return { findings, sources: { date, committee, standingItems, forwardPlan, meeting: meeting.value } };
}

/**
 * A meeting's sources for a build, and its warnings; every error at once as an InputError. Given the
 * shared files already checked, their warnings are left to the caller, who has shown them once.
 */
export async function loadMeeting(dir: string, date: string, checked?: CheckedShared): Promise<{ sources: MeetingSources; warnings: Finding[] }> {
  const shared = checked ?? (await checkShared(dir));
  const meeting = await checkMeeting(dir, date, shared);
  const findings = [...shared.findings, ...meeting.findings];
  if (!meeting.sources) throw new InputError(findings.filter(isError));
  return { sources: meeting.sources, warnings: checked ? meeting.findings : findings };
}
