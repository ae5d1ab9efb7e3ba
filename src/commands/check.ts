import { chooseCommittees } from '../input/repository.js';
import { checkCommittee } from '../pipeline/sources.js';
import { ExitCode, printable, ReportedFailure } from '../shared/errors.js';
import type { Addendum } from '../pipeline/sources.js';
import { printFindings, printResult } from './report.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type CheckOptions = OptionsOf<'check'>;

/** `agenda check [date ...]`: the shared files and the named meetings (default: all), every problem at once. */
export async function checkCommand(dates: string[], options: CheckOptions): Promise<void> {
  const { files, findings, errors, warnings, addenda } = await checkCommittee(await chooseCommittees(options), dates, options);
  if (options.json) {
    printResult('check', { exitCode: errors > 0 ? ExitCode.invalidInput : ExitCode.ok, files, errors, warnings, findings, addenda });
  } else {
    printFindings(findings);
    process.stdout.write(addenda.map(addendumLine).join(''));
    process.stdout.write(
      `checked ${files.length} files: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}\n`,
    );
  }
  if (errors > 0) throw new ReportedFailure(ExitCode.invalidInput);
}

/** "meetings/2023-11-22.yaml: tillægsdagsorden 1: items 5 Hasteindstilling om vinterberedskab, 6 Personalesag". */
function addendumLine({ file, number, items }: Addendum): string {
  const listed = items.map((i) => `${i.number} ${i.title}`).join(', ');
  return printable(`${file}: tillægsdagsorden ${number}: ${items.length === 1 ? 'item' : 'items'} ${listed}\n`);
}
