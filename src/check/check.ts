import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, isError, MissingFileError, type Finding } from '../shared/errors.js';
import { archiveDir, archiveFolder, hasArchive } from '../input/archive.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { readMeetingFile, readSharedFiles, sharedFiles, type SharedRead } from '../input/load.js';
import type { Within } from '../input/read-file.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import type { MeetingSources, SharedSources } from '../input/sources.js';
import { checkClosedOnly } from './closed-only.js';
import { checkEndTime } from './end-time.js';
import { withLiveClosing } from './live-closing.js';
import { checkProceedings } from './proceedings.js';
import { checkCalendar, checkNotes, checkReferences, standingItemsNamed } from './references.js';
import { meetingWarnings, planWarnings } from './warnings.js';
import { openPlanNamingClosed } from './closed-in-plan.js';

export interface CheckedShared {
  folder: CommitteeFolder;
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
export async function checkShared(given: string | CommitteeFolder): Promise<CheckedShared> {
  const folder = await toFolder(given);
  return checkSharedIn(folder, folder.dir);
}

/** The shared files as they stand in `dir`: the committee's folder, or a finalized meeting's archive of them (`within` it). */
async function checkSharedIn(folder: CommitteeFolder, dir: string, within?: Within): Promise<CheckedShared> {
  const findings: Finding[] = [];
  const read = await readSharedFiles(dir, folder.root, findings, within);
  const { committee, forwardPlan, calendar } = read;
  if (committee?.value && forwardPlan?.value) findings.push(...planWarnings(committee.value, forwardPlan.value, forwardPlan.source));
  if (calendar?.value) findings.push(...checkCalendar(calendar.source, calendar.value));
  return { folder, read, findings };
}

/**
 * One meeting against the shared files: every error and warning at once. A finalized meeting is
 * checked against the copies of the shared files archived when it went out (`agenda finalize`).
 */
export async function checkMeeting(date: string, current: CheckedShared): Promise<CheckedMeeting> {
  const findings: Finding[] = [];
  const { dir } = current.folder;
  const archived = await hasArchive(dir, date);
  const shared = archived ? await archivedShared(current, date) : current;
  if (shared !== current) findings.push(...shared.findings.filter(isError));
  // Against an archive, an error the shared files cause names the copy it was checked against.
  const against = (file: string) => (found: Finding[]) =>
    archived ? found.map((f) => (isError(f) ? { ...f, message: `${f.message} ${againstCopy(dir, date, file)}` } : f)) : found;
  const meeting = await readMeetingFile(dir, date, shared.read.style, findings);
  const { committee, calendar } = shared.read;
  if (!meeting) return { findings };
  // Against an invalid standing-items file every reference would look wrong: its own errors say enough.
  // A meeting with errors of its own still has its references checked, so one check tells everything.
  const standing = standingOf(shared.read);
  if (standing)
    findings.push(
      ...against(sharedFiles.standingItems)(
        checkReferences(meeting.source, meeting.value ?? standingItemsNamed(meeting.source.data), standing),
      ),
    );
  if (!meeting.value) return { findings };
  if (committee?.value)
    findings.push(
      ...meetingWarnings(date, committee.value, meeting.value, meeting.source),
      ...against(sharedFiles.committee)(checkProceedings(date, committee.value, meeting.value, meeting.source)),
      ...checkEndTime(date, committee.value, meeting.value, meeting.source, shared.read.style),
    );
  if (calendar?.value) findings.push(...against(sharedFiles.calendar)(checkNotes(meeting.source, meeting.value, calendar.value)));
  findings.push(...checkClosedOnly(meeting.source, meeting.value, standing));
  const plan = shared.read.forwardPlan;
  if (plan?.value) findings.push(...openPlanNamingClosed(date, meeting.value, standing, { value: plan.value, source: plan.source }));
  const sources = sharedSources(shared);
  if (!sources || [...shared.findings, ...findings].some(isError)) return { findings };
  return { findings, sources: { ...sources, date, meeting: meeting.value, source: meeting.source } };
}

/** The shared files' values, where the ones every meeting needs are valid. */
function sharedSources({ folder, read }: CheckedShared): SharedSources | undefined {
  const committee = read.committee?.value;
  const standingItems = standingOf(read);
  if (!committee || !standingItems) return undefined;
  const { style, templates, pages } = read;
  return {
    folder,
    committee,
    municipality: read.municipality?.value?.navn,
    style,
    templates,
    pages,
    standingItems,
    forwardPlan: read.forwardPlan?.value ?? {},
    calendar: read.calendar?.value,
  };
}

/** The standing items: none without the file, undefined where the file is invalid. */
function standingOf(read: SharedRead): StandingItemsInput | undefined {
  return read.standingItems ? read.standingItems.value : { punkter: [] };
}

/** The shared files for a command that prepares meetings; every error at once as an InputError. */
export async function loadShared(given: string | CommitteeFolder): Promise<SharedSources> {
  const checked = await checkShared(given);
  const errors = checked.findings.filter(isError);
  const sources = sharedSources(checked);
  if (!sources || errors.length > 0) throw new InputError(errors);
  return sources;
}

/**
 * A finalized meeting's shared files: the copies in its archive, checked as the live files are, with
 * every closing of the live files (live-closing.ts).
 */
async function archivedShared(live: CheckedShared, date: string): Promise<CheckedShared> {
  const { folder } = live;
  const archive = archiveDir(folder.dir, date);
  const kind = await stat(archive).catch(() => undefined);
  if (!kind?.isDirectory())
    throw new MissingFileError(
      `${archive}: not a folder; a finalized meeting's archive is the folder of copies agenda finalize writes (to reopen the meeting, delete it)`,
    );
  const frozen = await checkSharedIn(folder, archive, archiveFolder(folder.dir, date));
  return { ...frozen, read: withLiveClosing(frozen.read, live.read) };
}

/** Which archived copy a finalized meeting was checked against, for a message. */
function againstCopy(dir: string, date: string, name: string): string {
  const copy = path.join(archiveDir(dir, date), name);
  return existsSync(copy)
    ? `(the meeting is finalized: checked against ${copy})`
    : `(the meeting is finalized: checked against ${archiveDir(dir, date)}, which has no ${name})`;
}

/**
 * A meeting's sources for a build, and its warnings; every error at once as an InputError. Given the
 * shared files already checked, their warnings are left to the caller, who has shown them once.
 */
export async function loadMeeting(
  given: string | CommitteeFolder,
  date: string,
  checked?: CheckedShared,
): Promise<{ sources: MeetingSources; warnings: Finding[] }> {
  const shared = checked ?? (await checkShared(given));
  const meeting = await checkMeeting(date, shared);
  const findings = [...shared.findings, ...meeting.findings];
  if (!meeting.sources) throw new InputError(findings.filter(isError));
  return { sources: meeting.sources, warnings: checked ? meeting.findings : findings };
}
