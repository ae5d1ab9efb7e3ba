import { chooseCommitteeOf } from '../input/repository.js';
import { approveMinutes } from '../pipeline/approve.js';
import { checkedDate } from '../pipeline/select.js';
import { UsageError } from '../shared/errors.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type GodkendOptions = OptionsOf<'godkend'>;

/** `agenda godkend <date> --af <navn>`: a member's approval of the minutes as they stand; see pipeline/approve.ts. */
export async function godkendCommand(dateArg: string, options: GodkendOptions): Promise<void> {
  const date = checkedDate(dateArg);
  if (!options.af?.trim()) throw new UsageError('--af <navn>: name the member who approves the minutes');
  const folder = await chooseCommitteeOf(options, date);
  const request = {
    ...options,
    dir: folder.dir,
    folder,
    date,
    member: options.af,
    reservation: options.forbehold,
    atMeeting: options.påMødet,
    timeoutMs: options.timeout * 1000,
  };
  const { entry, logFile } = await approveMinutes(request);
  const how = entry.måde === 'møde' ? 'at the meeting' : 'by mail';
  const reservation = entry.forbehold ? ', with a reservation' : '';
  process.stdout.write(
    `recorded: ${entry.medlem} approved ${entry.dokument} (sha256 ${entry.sha256.slice(0, 12)}) ${how}${reservation}; log: ${logFile} (commit it with the meeting)\n`,
  );
}
