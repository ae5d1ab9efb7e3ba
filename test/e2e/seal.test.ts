import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfByteForms, pdfInfo, pdfOutline, pdfPages } from '../support/pdf.js';
import {
  approve,
  closedMarker,
  damagedCertificateBag,
  date,
  forsegl,
  sharedMinutesToSeal,
  password,
  pdfsig,
  sealedFiles,
  testCertificate,
} from '../support/seal.js';
import { spellings } from '../support/markers.js';

/** A PDF with its signature's /Contents (the CMS, hex) zeroed: what is the same bytes when the inputs are. */
function withoutSignature(file: string): Buffer {
  const bytes = Buffer.from(readFileSync(file));
  const text = bytes.toString('latin1');
  const at = text.lastIndexOf('/Contents <') + '/Contents <'.length;
  bytes.fill('0', at, text.indexOf('>', at));
  return bytes;
}

/** The signature's CMS as openssl prints it, read from the file's /ByteRange gap. */
function cmsOf(file: string): string {
  const text = readFileSync(file).toString('latin1');
  const at = text.lastIndexOf('/Contents <') + '/Contents <'.length;
  const der = Buffer.from(text.slice(at, text.indexOf('>', at)).replace(/(00)+$/, ''), 'hex');
  return execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], { input: der, encoding: 'utf8' });
}

/** Every file under `dir`, read. */
function everyFile(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, bytes: readFileSync(file) }));
}

describe('agenda forsegl: the approved minutes sealed with the municipality’s certificate', () => {
  let cert: ReturnType<typeof testCertificate>;
  let minutes: ReturnType<typeof sharedMinutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  let outputs = '';

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(() => {
    cert = testCertificate();
    minutes = sharedMinutesToSeal();
    approve(minutes.meetings, [
      { medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256, måde: 'møde' },
      { medlem: 'Kim Bruun Nielsen', tid: '2023-09-08T14:30:00+02:00', sha256: minutes.sha256 },
    ]);
    const run = forsegl(minutes.dir, cert.p12);
    outputs += run.stdout + run.stderr;
    expect(run.status, run.stderr).toBe(0);
    sealed = sealedFiles(minutes.meetings);
  }, 600_000);

  it('signs both PDFs so that pdfsig finds them valid, PAdES (ETSI.CAdES.detached), over the whole file', () => {
    for (const file of [sealed.members, sealed.public]) {
      const report = pdfsig(file);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signer Certificate Common Name: Testkommune');
      // The signing time is the last approval's, not the time of sealing.
      expect(report).toContain('Signing Time: Sep 08 2023 12:30:00');
    }
  });

  it('makes a CMS with the signing certificate (v2) attribute of PAdES baseline B and no signing-time attribute, that openssl verifies against the test CA', () => {
    const cms = cmsOf(sealed.members);
    expect(cms).toMatch(/id-smime-aa-signingCertificateV2/);
    expect(cms).not.toMatch(/signingTime/);
    const text = readFileSync(sealed.members).toString('latin1');
    const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)?.slice(1).map(Number) ?? [];
    const bytes = readFileSync(sealed.members);
    const signed = Buffer.concat([bytes.subarray(0, range[0]), bytes.subarray(range[1], (range[1] ?? 0) + (range[2] ?? 0))]);
    const at = text.lastIndexOf('/Contents <') + '/Contents <'.length;
    const der = Buffer.from(text.slice(at, text.indexOf('>', at)).replace(/(00)+$/, ''), 'hex');
    const dir = path.dirname(cert.p12);
    execFileSync('sh', ['-c', 'cat > sig.der'], { cwd: dir, input: der });
    execFileSync('sh', ['-c', 'cat > signed.bin'], { cwd: dir, input: signed });
    const verified = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'sig.der',
        '-content',
        'signed.bin',
        '-CAfile',
        cert.ca,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(verified).toBe('');
  });

  it('keeps the approved document byte for byte before the signature, and its title, tags and outline', () => {
    const approved = readFileSync(minutes.document);
    const members = readFileSync(sealed.members);
    expect(members.length).toBeGreaterThan(approved.length);
    expect(members.subarray(0, approved.length).equals(approved)).toBe(true);
    const [before, after] = [minutes.document, sealed.members].map(pdfInfo);
    expect(after?.Title).toBe(before?.Title);
    expect(after?.Tagged).toBe('yes');
    expect(after?.Pages).toBe(before?.Pages);
    expect(pdfOutline(sealed.members)).toEqual(pdfOutline(minutes.document));
    expect(execFileSync('qpdf', ['--check', sealed.members], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });

  it('gives the same bytes outside the signature for the same inputs and certificate', () => {
    const first = [sealed.members, sealed.public].map(withoutSignature);
    for (const file of [sealed.members, sealed.public]) renameSync(file, `${file}.first`);
    const again = forsegl(minutes.dir, cert.p12);
    outputs += again.stdout + again.stderr;
    expect(again.status, again.stderr).toBe(0);
    const second = [sealed.members, sealed.public].map(withoutSignature);
    expect(second[0]?.equals(first[0] ?? Buffer.alloc(0))).toBe(true);
    expect(second[1]?.equals(first[1] ?? Buffer.alloc(0))).toBe(true);
  });

  it('refuses a wrong password in one clear line that does not hold it, and leaves the sealed files as they were', () => {
    const before = [sealed.members, sealed.public].map((f) => readFileSync(f));
    const wrong = 'XQZWRONG-kode-91';
    const run = forsegl(minutes.dir, cert.p12, wrong);
    expect(run.status).toBe(3);
    expect(run.stderr.trim()).toBe(
      `${cert.p12}: the certificate cannot be opened: the password is wrong, or it is not a PKCS#12 file (.p12, .pfx)`,
    );
    expect(run.stdout + run.stderr).not.toContain(wrong);
    expect([sealed.members, sealed.public].map((f) => readFileSync(f))).toEqual(before);
  });

  it('refuses a certificate bag that forge passes on but no one can read, in one clear line, not a stack trace', () => {
    const before = [sealed.members, sealed.public].map((f) => readFileSync(f));
    const damaged = damagedCertificateBag(cert.p12);
    const run = forsegl(minutes.dir, damaged);
    expect(run.status).toBe(3);
    expect(run.stderr.trim()).toBe(`${damaged}: a certificate in the file cannot be read`);
    expect([sealed.members, sealed.public].map((f) => readFileSync(f))).toEqual(before);
  });

  it('refuses minutes that no member has approved as they stand, writing nothing', () => {
    const before = readFileSync(sealed.members);
    const log = path.join(minutes.meetings, `${date}.godkendt.yaml`);
    copyFileSync(log, `${log}.kept`);
    edit(
      log,
      new RegExp(minutes.sha256, 'g'),
      minutes.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    );
    const run = forsegl(minutes.dir, cert.p12);
    copyFileSync(`${log}.kept`, log);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^no member has approved the minutes of 2023-09-06 as they stand \(sha256 [0-9a-f]{12}\): nothing to seal yet\n$/,
    );
    expect(readFileSync(sealed.members).equals(before)).toBe(true);
  });

  it('asks for the password where none is given, and refuses where no one can type it', () => {
    const run = agenda(['forsegl', date, '--certifikat', cert.p12], { cwd: minutes.dir, env: { AGENDA_CERTIFIKAT_KODE: undefined } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('no password for the certificate: set AGENDA_CERTIFIKAT_KODE\n');
  });

  it('puts nothing closed in the public sealed minutes, and the password in no output or file', () => {
    expect(pdfPages(sealed.members).join('')).toContain(closedMarker);
    const publicForms = pdfByteForms(sealed.public).join('');
    expect(spellings(closedMarker).filter((s) => publicForms.includes(s))).toEqual([]);
    // Nor the members' version's SHA-256, a fingerprint of the closed text: the archive's list keeps it.
    expect(spellings(minutes.sha256).filter((s) => publicForms.includes(s))).toEqual([]);
    expect(publicForms).not.toContain('AgendaMembersSha256');
    expect(readFileSync(path.join(minutes.meetings, 'arkiv', date, 'forseglet.yaml'), 'utf8')).toContain(
      `medlemmer_sha256: ${minutes.sha256}`,
    );
    for (const { file, bytes } of everyFile(minutes.dir)) {
      for (const spelling of [password, Buffer.from(password).toString('hex'), Buffer.from(password, 'utf16le').toString('latin1')])
        expect(bytes.toString('latin1').includes(spelling), file).toBe(false);
    }
    expect(outputs).not.toContain(password);
  });
});
