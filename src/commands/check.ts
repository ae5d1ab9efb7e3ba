import { checkMeeting, checkShared } from '../check/check.js';
import { ExitCode, isError, ReportedFailure } from '../shared/errors.js';
import { meetingFile } from '../input/load.js';
import { printFindings, printResult } from './report.js';
import { selectMeetings } from './select.js';

export interface CheckOptions {
  meetings: string;
  json?: boolean;
}

/** `agenda check [date ...]`: the shared files and the named meetings (default: all), every problem at once. */
export async function checkCommand(dates: string[], options: CheckOptions): Promise<void> {
  const dir = options.meetings;
  const shared = await checkShared(dir);
  const targets = await selectMeetings(dir, dates, dates.length === 0);
  const findings = [...shared.findings];
  for (const date of targets) findings.push(...(await checkMeeting(dir, date, shared)).findings);
  const files = [...Object.values(shared.read).flatMap((r) => (r ? [r.source.file] : [])), ...targets.map((d) => meetingFile(dir, d))];
  const errors = findings.filter(isError).length;
  const warnings = findings.length - errors;
  if (options.json) {
    printResult('check', { exitCode: errors > 0 ? ExitCode.invalidInput : ExitCode.ok, files, errors, warnings, findings });
  } else {
    printFindings(findings);
    process.stdout.write(`checked ${files.length} files: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}\n`);
  }
  if (errors > 0) throw new ReportedFailure(ExitCode.invalidInput);
}
