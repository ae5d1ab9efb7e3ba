import path from 'node:path';
import { checkMeeting, checkShared, type CheckedShared } from '../check/check.js';
import { meetingFile, type Read } from '../input/load.js';
import type { MeetingSources } from '../input/sources.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import { isError, toldOnce, type Finding } from '../shared/errors.js';
import { meetingDates, misnamedMeetingFiles } from '../input/meeting-names.js';
import { findCommittees, toFolder, type CommitteeFolder } from '../input/repository.js';
import { buildMeeting } from '../model/merge.js';
import { addendumNumbers, addendumOf } from '../model/addenda.js';
import type { Meeting } from '../model/meeting.js';
import { selectTargets } from './select.js';
import type { OfficeSettings } from './office.js';
import { addendaFindings } from './addenda.js';
import { approvalFindings } from './approved-changed.js';
import {
  closedElsewhereFindings,
  closedFileFindings,
  closedInOtherCommitteesFindings,
  filedCommittee,
  readFiled,
  type FiledCommittee,
  type FiledMeeting,
} from './closed-files.js';
import { publicVersion } from '../model/public.js';

export interface CheckReport {
  /** Every file read: the shared files there are, then the meetings'. */
  files: string[];
  /** Errors and warnings, shared files' first. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Each meeting's tillægsdagsordener (addenda): which items form each. */
  addenda: Addendum[];
}

export interface Addendum {
  /** The meeting file. */
  file: string;
  date: string;
  number: number;
  items: Array<{ number: number; title: string }>;
}

/**
 * Committees' shared files and the meetings named (dates or ranges as `selectTargets` reads them;
 * none: every meeting), checked: every problem at once, told and not printed. A committee is its
 * folder's path, or those `chooseCommittees` found.
 */
export async function checkCommittee(
  committees: string | CommitteeFolder[],
  dates: string[] = [],
  office: OfficeSettings = {},
): Promise<CheckReport> {
  const folders = typeof committees === 'string' ? [await toFolder(committees)] : committees;
  const targets = await selectTargets(folders, dates, dates.length === 0);
  const findings: Finding[] = [];
  const files: string[] = [];
  const addenda: Addendum[] = [];
  const committeesFiled: FiledCommittee[] = [];
  for (const folder of folders) {
    const shared = await checkShared(folder);
    const filed: FiledMeeting[] = [];
    const own = targets.filter((t) => t.folder === folder);
    findings.push(...shared.findings, ...(await misnamedMeetingFiles(folder.dir, dates.length === 0)));
    for (const { date } of own) {
      const checked = await checkMeeting(date, shared);
      findings.push(...checked.findings);
      if (!checked.sources) continue;
      const meeting = buildMeeting(checked.sources);
      const refused = await addendaFindings(checked.sources, meeting);
      filed.push(readFiled(date, meeting, publicVersion(meeting)));
      findings.push(...(await attachmentsOf(folder.dir, meeting, office)), ...(await closedFileFindings(folder.dir, meeting)), ...refused);
      // Minutes changed since a member approved them, as build refuses them.
      findings.push(...(await approvalFindings(folder.dir, checked.sources)));
      // The addenda as build would make them; none where build would refuse them.
      if (refused.length === 0) addenda.push(...addendaIn(checked.sources.source?.file ?? meetingFile(folder.dir, date), meeting));
    }
    // A file another meeting of the committee closes, named open: the others' files read where not checked here.
    const others = dates.length === 0 ? [] : await closingMeetings(folder.dir, shared, new Set(own.map((t) => t.date)));
    findings.push(...(await closedElsewhereFindings(folder.dir, [...filed, ...others])));
    committeesFiled.push(filedCommittee(shared, [...filed, ...others]));
    files.push(
      ...Object.values(shared.read).flatMap((r) => (isRead(r) ? [r.source.file] : [])),
      ...own.map((t) => meetingFile(folder.dir, t.date)),
    );
  }
  // A file another committee of the archive closes, named open: the committees not checked here read for what they close.
  const archive = [...committeesFiled, ...(await otherCommittees(folders))];
  findings.push(...(await closedInOtherCommitteesFindings(archive)));
  const once = toldOnce(findings);
  const errors = once.filter(isError).length;
  return { files, findings: once, errors, warnings: once.length - errors, addenda };
}

/** The committee's meetings other than `checked`, each as the files it closes (their own findings are theirs to tell). */
async function closingMeetings(dir: string, shared: CheckedShared, checked: Set<string>): Promise<FiledMeeting[]> {
  const filed: FiledMeeting[] = [];
  for (const date of await meetingDates(dir)) {
    if (checked.has(date)) continue;
    const { sources } = await checkMeeting(date, shared);
    if (sources) filed.push(readFiled(date, buildMeeting(sources)));
  }
  return filed;
}

/** The archive's committees other than `folders` (of their repository), each with the files its meetings close (every meeting read). */
export async function otherCommittees(folders: CommitteeFolder[]): Promise<FiledCommittee[]> {
  const [first] = folders;
  if (!first) return [];
  const checked = new Set(folders.map((f) => path.resolve(f.dir)));
  const others = (await findCommittees(first.root)).filter((c) => !checked.has(path.resolve(c.dir)));
  return Promise.all(
    others.map(async (folder) => {
      const shared = await checkShared(folder);
      return filedCommittee(shared, await closingMeetings(folder.dir, shared, new Set()));
    }),
  );
}

/** Which items form each of the meeting's addenda, as build makes them. */
function addendaIn(file: string, meeting: Meeting): Addendum[] {
  return addendumNumbers(meeting).map((number) => ({
    file,
    date: meeting.date,
    number,
    items: addendumOf(meeting, number).items.map((i) => ({ number: i.number, title: i.title })),
  }));
}

/** Every `fil` a meeting names, opened as a build opens it (pdf-lib is loaded only for a meeting that has one). */
async function attachmentsOf(dir: string, meeting: Meeting, office: OfficeSettings): Promise<Finding[]> {
  if (!meeting.items.some((i) => i.bilag.some((b) => b.file))) return [];
  const { attachmentFindings } = await import('./combine.js');
  return attachmentFindings(dir, meeting, office);
}

/**
 * One meeting and the shared files, checked: the findings of both, the sources where no error stops them, and the
 * house style as read (an invalid file's part of it left out) for what is shown beside them (the preview's words).
 */
export async function checkMeetingSources(
  committee: string | CommitteeFolder,
  date: string,
): Promise<{ findings: Finding[]; sources?: MeetingSources; style: HouseStyleInput }> {
  const shared = await checkShared(committee);
  const meeting = await checkMeeting(date, shared);
  const addenda = meeting.sources ? await addendaFindings(meeting.sources, buildMeeting(meeting.sources)) : [];
  // An addendum refused is an error as build's: no document is made from these sources.
  return {
    findings: [...shared.findings, ...meeting.findings, ...addenda],
    sources: addenda.length > 0 ? undefined : meeting.sources,
    style: shared.read.style,
  };
}

/** A meeting's checked sources and its warnings, every error at once as an InputError; and the shared files alone. */
export { loadMeeting as readMeetingSources, loadShared as readSharedSources } from '../check/check.js';
export { findCommittees, type CommitteeFolder } from '../input/repository.js';

/** A shared file as read (the house style and the templates beside them are not files of their own). */
function isRead(value: unknown): value is Read<unknown> {
  return typeof value === 'object' && value !== null && 'source' in value;
}
