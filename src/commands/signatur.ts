import { chooseCommitteeOf } from '../input/repository.js';
import { recordMemberSignature } from '../pipeline/member-signature.js';
import { checkedDate } from '../pipeline/select.js';
import { UsageError } from '../shared/errors.js';
import type { OptionsOf } from './options.js';
import { clockTime } from '../shared/clock-time.js';

/** Its options, as declared in options.ts. */
export type SignaturOptions = OptionsOf<'signatur'>;

/** `agenda signatur <date> <file> --af <member>`: a member's signed PDF recorded as their approval; see pipeline/member-signature.ts. */
export async function signaturCommand(dateArg: string, file: string, options: SignaturOptions): Promise<void> {
  const date = checkedDate(dateArg);
  if (!options.af) throw new UsageError('--af: name the member who signed, as udvalg.yaml names them');
  const folder = await chooseCommitteeOf(options, date);
  const { entry, signer, logFile } = await recordMemberSignature({ dir: folder.dir, folder, date, file, member: options.af });
  process.stdout.write(
    `${entry.medlem} approved ${entry.dokument} (sha256 ${entry.sha256.slice(0, 12)}) by signature (signed by ${signer}, ${clockTime(entry.tid)}); log: ${logFile}\n`,
  );
}
