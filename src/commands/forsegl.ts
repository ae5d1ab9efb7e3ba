import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { chooseCommitteeOf } from '../input/repository.js';
import { checkedDate } from '../pipeline/select.js';
import { sealMinutes } from '../pipeline/sign-minutes.js';
import { UsageError } from '../shared/errors.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type ForseglOptions = OptionsOf<'forsegl'>;

/** Where the certificate and its password come from, besides --certifikat: never a meeting's files, never argv for the password. */
export const certificateVariable = 'AGENDA_CERTIFIKAT';
export const passwordVariable = 'AGENDA_CERTIFIKAT_KODE';

/** `agenda forsegl <date>`: the approved minutes signed and archived; see pipeline/sign-minutes.ts. */
export async function forseglCommand(dateArg: string, options: ForseglOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const certificate = options.certifikat ?? process.env[certificateVariable];
  if (!certificate) throw new UsageError(`no certificate: give --certifikat FILE or set ${certificateVariable}`);
  const password = process.env[passwordVariable] ?? (await askPassword());
  const folder = await chooseCommitteeOf(options, date);
  const request = { ...options, dir: folder.dir, folder, date, certificate, password, timeoutMs: options.timeout * 1000 };
  const { files, sha256, approvals, signedAt } = await sealMinutes(request);
  process.stdout.write(
    `sealed the minutes of ${date} (sha256 ${sha256.slice(0, 12)}, approved by ${approvals.map((a) => a.medlem).join(', ')}; signed as of ${signedAt.toISOString()}):\n${files.map((f) => `  ${f}\n`).join('')}commit them with the meeting\n`,
  );
}

/** The password typed at the terminal, not echoed; none is asked where no one can type it. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError(`no password for the certificate: set ${passwordVariable}`);
  process.stderr.write(`password of the certificate (or set ${passwordVariable}): `);
  // The terminal's echo goes to a stream that writes nothing.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await prompt.question('');
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
}
