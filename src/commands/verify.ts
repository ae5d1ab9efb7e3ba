import { chooseCommitteeOf } from '../input/repository.js';
import { checkedDate } from '../pipeline/select.js';
import { verifyMeeting } from '../pipeline/verify.js';
import { ExitCode, printable, ReportedFailure } from '../shared/errors.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type VerifyOptions = OptionsOf<'verify'>;

/** `agenda verify <date>`: one line per thing checked, `ok` or `FAILED`; exit non-zero if any failed. */
export async function verifyCommand(dateArg: string, options: VerifyOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const lines = await verifyMeeting({ dir: folder.dir, folder, date, site: options.site });
  for (const { ok, text } of lines) process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${printable(text)}\n`);
  const failed = lines.filter((l) => !l.ok).length;
  process.stdout.write(failed ? `${failed} of ${lines.length} checks failed\n` : `all ${lines.length} checks hold\n`);
  if (failed) throw new ReportedFailure(ExitCode.invalidInput);
}
