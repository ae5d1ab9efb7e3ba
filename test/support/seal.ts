import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agenda, copyOfMeetings, type CliResult } from './cli.js';
import { edit } from './edit.js';
import { copyOfShared } from './shared-build.js';

/** The password of the test certificate: a marker searched for in every output and file. */
export const password = 'XQZPASSWORD-kode-7f3a';

/**
 * A test CA and a certificate it issued (to the municipality, unless another subject is given), made by the openssl command line: the
 * PKCS#12 file (key, certificate and the CA's, encrypted with `password`) and the CA's certificate. `key`: the
 * certificate's key as `openssl req -newkey` takes it (an RSA key unless another is given: `ec -pkeyopt ec_paramgen_curve:P-256`).
 */
export function testCertificate(subject = '/CN=Testkommune/O=Testkommune', key = 'rsa:2048'): { p12: string; ca: string } {
  // Made once for the suite run (two keys, some 0.3-0.6 s of CPU), for every file that asks for the same; each gets a copy.
  const { copy } = copyOfShared(['testCertificate', subject, key], (dir) => makeCertificate(dir, subject, key));
  return { p12: path.join(copy, 'seal.p12'), ca: path.join(copy, 'ca.pem') };
}

/** testCertificate's files, made in `dir`. */
function makeCertificate(dir: string, subject: string, key: string): void {
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Test CA');
  openssl('req', '-newkey', ...key.split(' '), '-nodes', '-keyout', 'seal.key', '-out', 'seal.csr', '-subj', subject);
  writeFileSync(path.join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'seal.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'seal.pem',
    '-days',
    '3650',
    '-extfile',
    'ext.cnf',
  );
  exportP12(dir, 'seal.p12', '-certfile', 'ca.pem');
}

/** The key and certificate of testCertificate's folder as a PKCS#12 file `out` (with `password`), with openssl's `options`. */
function exportP12(dir: string, out: string, ...options: string[]): void {
  const args = ['pkcs12', '-export', '-inkey', 'seal.key', '-in', 'seal.pem', '-out', out, '-passout', `pass:${password}`, ...options];
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/**
 * testCertificate's PKCS#12 with its certificate bag readable (no certificate encryption, no MAC) and the
 * certificate's TBSCertificate tag flipped: forge keeps the bag as ASN.1, which Node's X509Certificate refuses.
 */
export function damagedCertificateBag(p12: string): string {
  const dir = path.dirname(p12);
  exportP12(dir, 'plain.p12', '-certpbe', 'NONE', '-nomac');
  const der = execFileSync('openssl', ['x509', '-in', 'seal.pem', '-outform', 'DER'], { cwd: dir });
  const bytes = readFileSync(path.join(dir, 'plain.p12'));
  const at = bytes.indexOf(der.subarray(0, 40));
  if (at < 0) throw new Error('openssl wrote the certificate bag encrypted');
  bytes[at + 4] = 0xcf;
  const file = path.join(dir, 'damaged.p12');
  writeFileSync(file, bytes);
  return file;
}

export const date = '2023-09-06';

/** In the members' minutes only: the title and decision of a closed item the example is given. */
export const closedMarker = 'XQZSECRET01';

/**
 * The example minutes in a scratch folder, with a closed item: finalized, and the members' document
 * (with its attachments) built by a dry-run send. `house`: udvalg.yaml's husstil, as YAML under it;
 * `change`: a test's own change of the meeting file, made before the document is built (not after, which would build it twice).
 */
export function minutesToSeal(
  house?: string,
  change: (meetingFile: string) => void = () => undefined,
  folder?: string,
): { dir: string; meetings: string; sha256: string; document: string } {
  const { dir, meetings } = copyOfMeetings(folder);
  if (house)
    writeFileSync(path.join(meetings, 'udvalg.yaml'), `${readFileSync(path.join(meetings, 'udvalg.yaml'), 'utf8')}husstil:\n${house}`);
  edit(
    path.join(meetings, `${date}.yaml`),
    'punkter:\n',
    `punkter:\n  - titel: Personalesag ${closedMarker}\n    lukket: true\n    sagsfremstilling: Sagen.\n    beslutning: Godkendt ${closedMarker}.\n`,
  );
  change(path.join(meetings, `${date}.yaml`));
  expect0(agenda(['finalize', date], { cwd: dir }));
  return { dir, meetings, ...membersDocument(dir) };
}

/**
 * minutesToSeal() of the example as it stands (no house, no change of a test's own), made once for the suite run and
 * copied for each file that goes on from it (seal, verify): one finalize and one print of the members' document, not
 * one a file. The copy's document is reused by what builds it again there, as made from the same inputs.
 */
export function sharedMinutesToSeal(): ReturnType<typeof minutesToSeal> {
  const { copy, made } = copyOfShared('minutesToSeal', (folder) => {
    const { sha256, document } = minutesToSeal(undefined, undefined, folder);
    return { sha256, document: path.relative(folder, document) };
  });
  return { dir: copy, meetings: path.join(copy, 'meetings'), sha256: made.sha256, document: path.join(copy, made.document) };
}

/** The members' document as it stands, built (or reused) by a dry-run send, and its SHA-256. */
export function membersDocument(dir: string): { sha256: string; document: string } {
  const send = agenda(['send', date, '--dry-run', '--to', 'sekretariat@example.org'], { cwd: dir });
  expect0(send);
  const sha256 = /sha256 ([0-9a-f]{64})/.exec(send.stdout)?.[1] ?? '';
  return { sha256, document: path.join(dir, /^(?:built|reusing) (\S+)/m.exec(send.stdout)?.[1] ?? '') };
}

/**
 * The approval log beside the meeting, written by hand as `agenda godkend` would: of `document`, the
 * members' document as send names it (membersDocument; with the committee's name in a repository of several).
 */
export function approve(
  meetings: string,
  approvals: Array<{ medlem: string; tid: string; sha256: string; måde?: string }>,
  document = `${date}-referat-samlet.pdf`,
): string {
  const file = path.join(meetings, `${date}.godkendt.yaml`);
  const entries = approvals.map(
    (a) => `- medlem: ${a.medlem}\n  tid: ${a.tid}\n  dokument: ${document}\n  sha256: ${a.sha256}\n  måde: ${a.måde ?? 'mail'}\n`,
  );
  writeFileSync(file, `# Who approved the minutes\n${entries.join('')}`);
  return file;
}

/** `agenda forsegl` with the certificate given and its password in the environment. */
export function forsegl(dir: string, p12: string, pass = password): CliResult {
  return agenda(['forsegl', date, '--certifikat', p12], { cwd: dir, env: { AGENDA_CERTIFIKAT_KODE: pass } });
}

/** The sealed files in the archive, as forseglet.yaml names them (`completed`: the -godkendt.pdf, where the house has one). */
export function sealedFiles(meetings: string): { members: string; completed?: string; public: string } {
  const archive = path.join(meetings, 'arkiv', date);
  const list = readFileSync(path.join(archive, 'forseglet.yaml'), 'utf8');
  const name = (key: string) => JSON.parse(new RegExp(`^${key}: (.*)$`, 'm').exec(list)?.[1] ?? '""') as string;
  const completed = name('godkendt');
  return {
    members: path.join(archive, name('medlemmer')),
    ...(completed ? { completed: path.join(archive, completed) } : {}),
    public: path.join(archive, name('offentlig')),
  };
}

/** pdfsig's report of a file, times in UTC (it ends non-zero for an invalid signature; its output is what counts). */
export function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? '');
  }
}

function expect0(run: CliResult): void {
  if (run.status !== 0) throw new Error(`agenda failed (${run.status}): ${run.stderr}${run.stdout}`);
}
