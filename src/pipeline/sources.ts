import { checkMeeting, checkShared } from '../check/check.js';
import { meetingFile } from '../input/load.js';
import type { MeetingSources } from '../input/sources.js';
import { isError, type Finding } from '../shared/errors.js';
import { buildMeeting } from '../model/merge.js';
import { selectMeetings } from './select.js';

export interface CheckReport {
  /** Every file read: the shared files there are, then the meetings'. */
  files: string[];
  /** Errors and warnings, shared files' first. */
  findings: Finding[];
  errors: number;
  warnings: number;
}

/**
 * A committee's shared files and the meetings named (dates or ranges as `selectMeetings` reads them;
 * none: every meeting), checked: every problem at once, told and not printed.
 */
export async function checkCommittee(dir: string, dates: string[] = []): Promise<CheckReport> {
  const shared = await checkShared(dir);
  const targets = await selectMeetings(dir, dates, dates.length === 0);
  const findings = [...shared.findings];
  for (const date of targets) {
    const checked = await checkMeeting(dir, date, shared);
    findings.push(...checked.findings);
    if (checked.sources) findings.push(...(await attachmentsOf(dir, checked.sources)));
  }
  const files = [...Object.values(shared.read).flatMap((r) => (r ? [r.source.file] : [])), ...targets.map((d) => meetingFile(dir, d))];
  const errors = findings.filter(isError).length;
  return { files, findings, errors, warnings: findings.length - errors };
}

/** Every `fil` a meeting names, opened as a build opens it (pdf-lib is loaded only for a meeting that has one). */
async function attachmentsOf(dir: string, sources: MeetingSources): Promise<Finding[]> {
  const meeting = buildMeeting(sources);
  if (!meeting.items.some((i) => i.bilag.some((b) => b.file))) return [];
  const { attachmentFindings } = await import('./combine.js');
  return attachmentFindings(dir, meeting);
}

/** One meeting and the shared files, checked: the findings of both, and the sources where no error stops them. */
export async function checkMeetingSources(dir: string, date: string): Promise<{ findings: Finding[]; sources?: MeetingSources }> {
  const shared = await checkShared(dir);
  const meeting = await checkMeeting(dir, date, shared);
  return { findings: [...shared.findings, ...meeting.findings], sources: meeting.sources };
}

/** A meeting's checked sources and its warnings, every error at once as an InputError; and the shared files alone. */
export { loadMeeting as readMeetingSources, loadShared as readSharedSources } from '../check/check.js';
