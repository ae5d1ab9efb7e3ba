import { InputError, isError, type Finding } from '../shared/errors.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { readMeetingFile, readSharedFiles, type SharedRead } from '../input/load.js';
import type { MeetingSources, SharedSources } from '../input/sources.js';
import { checkCalendar, checkNotes, checkReferences } from './references.js';
import { meetingWarnings, planWarnings } from './warnings.js';

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
  const { committee, forwardPlan, calendar } = read;
  if (committee?.value && forwardPlan?.value) findings.push(...planWarnings(committee.value, forwardPlan.value, forwardPlan.source));
  if (calendar?.value) findings.push(...checkCalendar(calendar.source, calendar.value));
  return { read, findings };
}

/**
 * One meeting against the shared files: every error and warning at once. A finalized meeting is
 * checked against the copies of the shared files archived when it went out (`agenda finalize`).
 */
export async function checkMeeting(dir: string, date: string, current: CheckedShared): Promise<CheckedMeeting> {
  const findings: Finding[] = [];
  const shared = (await hasArchive(dir, date)) ? await archivedShared(dir, date) : current;
  if (shared !== current) findings.push(...shared.findings.filter(isError));
  const meeting = await readMeetingFile(dir, date, findings);
  const { committee, calendar } = shared.read;
  if (!meeting?.value) return { findings };
  // Against an invalid standing-items file every reference would look wrong: its own errors say enough.
  const standing = standingOf(shared.read);
  if (standing) findings.push(...checkReferences(meeting.source, meeting.value, standing));
  if (committee?.value) findings.push(...meetingWarnings(date, committee.value, meeting.value, meeting.source));
  if (calendar?.value) findings.push(...checkNotes(meeting.source, meeting.value, calendar.value));
  const sources = sharedSources(shared.read);
  if (!sources || [...shared.findings, ...findings].some(isError)) return { findings };
  return { findings, sources: { ...sources, date, meeting: meeting.value, source: meeting.source } };
}

/** The shared files' values, where the ones every meeting needs are valid. */
function sharedSources(read: SharedRead): SharedSources | undefined {
  const committee = read.committee?.value;
  const standingItems = standingOf(read);
  if (!committee || !standingItems) return undefined;
  return { committee, standingItems, forwardPlan: read.forwardPlan?.value ?? {}, calendar: read.calendar?.value };
}

/** The standing items: none without the file, undefined where the file is invalid. */
function standingOf(read: SharedRead): StandingItemsInput | undefined {
  return read.standingItems ? read.standingItems.value : { punkter: [] };
}

/** The shared files for a command that prepares meetings; every error at once as an InputError. */
export async function loadShared(dir: string): Promise<SharedSources> {
  const { read, findings } = await checkShared(dir);
  const errors = findings.filter(isError);
  const sources = sharedSources(read);
  if (!sources || errors.length > 0) throw new InputError(errors);
  return sources;
}

async function archivedShared(dir: string, date: string): Promise<CheckedShared> {
  const findings: Finding[] = [];
  return { read: await readSharedFiles(archiveDir(dir, date), findings), findings };
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
