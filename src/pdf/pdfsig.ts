import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { errnoCode } from '../shared/errors.js';
import { browserEnvironment } from './browser-env.js';

const run = promisify(execFile);

/** What poppler's pdfsig says of a PDF's last signature; `missing` where pdfsig is not installed. */
export type SignatureReport =
  | { missing: true }
  | { missing: false; signed: boolean; valid: boolean; wholeFile: boolean; signer: string; validation: string; signedAt?: string };

/**
 * A signature checked by a real verifier, poppler's pdfsig (poppler-utils), not by the code that
 * made it. Its certificate's trust is the reader's to judge: it is reported, not required.
 */
export async function checkSignature(file: string): Promise<SignatureReport> {
  // The file may be one a member handed in, so pdfsig gets only the stripped environment the browser
  // gets, never the certificate's passphrase or the mail login; in UTC, so the signing time it prints
  // can be read as one.
  const env = { ...browserEnvironment(process.env), TZ: 'UTC' };
  const output = await run('pdfsig', [file], { maxBuffer: 16 * 1024 * 1024, env }).then(
    (r) => r.stdout,
    (err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return undefined;
      // pdfsig ends non-zero for a file with no signature or one it cannot read; what it printed says which.
      return err instanceof Error && 'stdout' in err ? String(err.stdout) : '';
    },
  );
  if (output === undefined) return { missing: true };
  const last = output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .at(-1);
  if (last === undefined) return { missing: false, signed: false, valid: false, wholeFile: false, signer: '', validation: '' };
  const field = (name: string) => new RegExp(`^\\s*- ${name}: (.*)$`, 'm').exec(last)?.[1]?.trim() ?? '';
  const validation = field('Signature Validation');
  const time = new Date(`${field('Signing Time')} UTC`);
  return {
    missing: false,
    signed: true,
    valid: validation === 'Signature is Valid.',
    wholeFile: /^\s*- Total document signed$/m.test(last),
    signer: field('Signer Certificate Common Name'),
    validation,
    ...(Number.isNaN(time.getTime()) ? {} : { signedAt: time.toISOString() }),
  };
}

/**
 * checkSignature of bytes already read (as a file of a committee's folder is read: never through a link out of
 * it, never a FIFO), so that pdfsig checks what was read, not whatever the name leads to by then.
 */
export async function checkSignatureOf(pdf: Uint8Array): Promise<SignatureReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'agenda-pdfsig-')); // readable by its owner only
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await checkSignature(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
