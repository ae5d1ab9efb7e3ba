import { checkMeeting, checkShared } from '../check/check.js';
import { ExitCode, isError, ReportedFailure } from '../errors.js';
import { meetingFile } from '../input/load.js';
import { chooseCommittees, type CommitteeChoice } from '../input/repository.js';
import { findingsJson, printFindings, printJson } from './report.js';
import { selectTargets } from './select.js';

export interface CheckOptions extends CommitteeChoice {
  json?: boolean;
}

/** `agenda check [date ...]`: each committee's shared files and the named meetings (default: all), every problem at once. */
export async function checkCommand(dates: string[], options: CheckOptions): Promise<void> {
  const folders = await chooseCommittees(options);
  const targets = await selectTargets(folders, dates, dates.length === 0);
  const findings = [];
  const files: string[] = [];
  for (const folder of folders) {
    const shared = await checkShared(folder);
    const own = targets.filter((t) => t.folder === folder);
    findings.push(...shared.findings);
    for (const { date } of own) findings.push(...(await checkMeeting(date, shared)).findings);
    files.push(...Object.values(shared.read).flatMap((r) => (r && typeof r === 'object' && 'source' in r ? [r.source.file] : [])), ...own.map((t) => meetingFile(folder.dir, t.date)));
  }
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
