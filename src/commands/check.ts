import { checkMeeting, checkShared } from '../check/check.js';
import { ExitCode, isError, ReportedFailure, type Finding } from '../shared/errors.js';
import type { MeetingSources } from '../input/sources.js';
import { buildMeeting } from '../model/merge.js';
import { meetingFile } from '../input/load.js';
import { findingsJson, printFindings, printJson } from './report.js';
import { selectMeetings } from './select.js';

export interface CheckOptions {
  meetings: string;
  json?: boolean;
}

/** Every `fil` the meeting names: inside the folder, readable, a PDF or image that opens (pdf-lib is loaded only for a meeting that has one). */
async function attachmentsOf(dir: string, sources: MeetingSources): Promise<Finding[]> {
  const meeting = buildMeeting(sources);
  if (!meeting.items.some((i) => i.bilag.some((b) => b.fil))) return [];
  const { attachmentFindings } = await import('../pipeline/combine.js');
  return attachmentFindings(dir, meeting);
}

/** `agenda check [date ...]`: the shared files and the named meetings (default: all), every problem at once. */
export async function checkCommand(dates: string[], options: CheckOptions): Promise<void> {
  const dir = options.meetings;
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
  const warnings = findings.length - errors;
  if (options.json) {
    printJson({ ok: errors === 0, errors, warnings, files, findings: findingsJson(findings) });
  } else {
    printFindings(findings);
    process.stdout.write(`checked ${files.length} files: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}\n`);
  }
  if (errors > 0) throw new ReportedFailure(ExitCode.invalidInput);
}
