import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { date, forsegl, minutesToSeal, password, pdfsig, sealedFiles, testCertificate } from '../support/seal.js';

// The house's Godkendelsesside: the seal goes on the minutes once their approval page is complete
// (-godkendt.pdf), made with an ECDSA P-256 certificate; verify checks it and the site's copy.

const house = '  godkendelse:\n    side: godkendelsesside\n';
const ecKey = 'ec -pkeyopt ec_paramgen_curve:P-256';
const reservation = 'Forbehold for punkt 2.';

/** A change of one byte well inside a file's signed part, for the length of one check, then undone. */
function whileOneByteChanged<T>(file: string, check: () => T): T {
  const kept = readFileSync(file);
  const changed = Buffer.from(kept);
  const at = changed.indexOf('stream') + 200;
  changed[at] = (changed[at] ?? 0) ^ 1;
  writeFileSync(file, changed);
  try {
    return check();
  } finally {
    writeFileSync(file, kept);
  }
}

describe('agenda forsegl with the Godkendelsesside: the completed approval page sealed, with an ECDSA key', () => {
  let minutes: ReturnType<typeof minutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  let completed = '';
  const site = () => path.join(minutes.dir, 'site');
  const verify = (...args: string[]) => agenda(['verify', date, ...args], { cwd: minutes.dir });

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(() => {
    const cert = testCertificate('/CN=Testkommune/O=Testkommune', ecKey);
    // The last item decided, so the minutes are final and can be approved.
    const decided = '    indstilling: Dagsordenen for mødet den 13. september blev justeret.\n';
    minutes = minutesToSeal(house, (file) => edit(file, decided, `${decided}    beslutning: Intet.\n`));
    // Approved as a clerk records it, with what each approval covered: one at the meeting, one with a reservation.
    for (const args of [
      ['Lene Mehlsen Thomsen', '--på-mødet'],
      ['Kim Bruun Nielsen', '--forbehold', reservation],
    ]) {
      const approval = agenda(['godkend', date, '--af', ...args], { cwd: minutes.dir });
      expect(approval.status, approval.stderr).toBe(0);
    }
    const run = forsegl(minutes.dir, cert.p12);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(password);
    sealed = sealedFiles(minutes.meetings);
    completed = sealed.completed ?? '';
  }, 600_000);

  it('seals the completed minutes (-godkendt.pdf) so that pdfsig finds them valid over the whole file, signed with the EC key', () => {
    expect(path.basename(completed)).toBe(`${date}-referat-samlet-godkendt.pdf`);
    for (const file of [sealed.members, completed, sealed.public]) {
      const report = pdfsig(file);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signer Certificate Common Name: Testkommune');
    }
  });

  it('lists the approvals and the approved version’s SHA-256 on the sealed page, as pdftotext reads it', () => {
    const page = pdfPages(completed).join('\n').replace(/\s+/g, ' ');
    expect(page).toContain('Godkendelsesside');
    expect(page).toMatch(/Lene Mehlsen Thomsen Godkendt på mødet /);
    expect(page).toMatch(/Kim Bruun Nielsen Godkendt \d+\. \w+ 20\d\d kl\. \d\d\.\d\d Med forbehold: Forbehold for punkt 2\./);
    expect(page).toContain(`SHA-256 af den godkendte udgave: ${minutes.sha256}`);
    // The version the members approved is sealed too, as it was: its page not filled in.
    expect(pdfPages(sealed.members).join('\n').replace(/\s+/g, ' ')).toContain('Lene Mehlsen Thomsen Ikke godkendt endnu');
  });

  it('passes verify, which checks the completed page names the version approved', () => {
    const run = verify();
    expect(run.stderr).toBe('');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `ok: ${path.relative(minutes.dir, completed)}: its approval page names the version sealed (sha256 ${minutes.sha256})\n`,
    );
    expect(run.stdout).toMatch(/^all 8 checks hold$/m);
  });

  it('fails verify, naming the file, when one byte of the sealed completed minutes is changed', () => {
    const run = whileOneByteChanged(completed, () => verify());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `FAILED: ${path.relative(minutes.dir, completed)}: the seal does not hold: Digest Mismatch. (the file was changed after sealing)\n`,
    );
    expect(run.stdout).toMatch(/^1 of 8 checks failed$/m);
  });

  it('publishes the sealed public minutes, which verify --site finds byte for byte the sealed ones, and fails once the copy is changed', () => {
    const published = agenda(['publish', '--out', 'site', '--samlet'], { cwd: minutes.dir });
    expect(published.status, published.stderr).toBe(0);
    const copy = path.join(site(), 'direktionen', path.basename(sealed.public));
    expect(readFileSync(copy).equals(readFileSync(sealed.public))).toBe(true);
    const run = verify('--site', 'site');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(`ok: ${path.relative(minutes.dir, copy)}: the site's copy is the sealed public minutes, byte for byte\n`);
    expect(run.stdout).toMatch(/^all 9 checks hold$/m);
    const changed = whileOneByteChanged(copy, () => verify('--site', 'site'));
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(
      new RegExp(
        `^FAILED: ${path.relative(minutes.dir, copy)}: differs from the sealed public minutes ${path.relative(minutes.dir, sealed.public)} \\(sha256 [0-9a-f]{64} on the site, [0-9a-f]{64} sealed\\): the copy's seal does not hold \\(Digest Mismatch\\.\\): it was changed after sealing$`,
        'm',
      ),
    );
    expect(changed.stdout).toMatch(/^1 of 9 checks failed$/m);
  });

  it('warns where the site publishes no document of the sealed name (sealed combined, published without --samlet), and prints it', () => {
    const list = path.join(path.dirname(sealed.public), 'forseglet.yaml');
    const run = agenda(['publish', '--out', 'site-enkelt'], { cwd: minutes.dir });
    expect(run.status, run.stderr).toBe(0);
    const line =
      readFileSync(list, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('offentlig:')) + 1;
    expect(run.stderr).toContain(`forseglet.yaml:${line}:1: warning: offentlig: the site publishes no document named`);
    expect(run.stderr).toContain(
      `the site publishes no document named direktionen/${path.basename(sealed.public)}, so publish prints the minutes unsealed`,
    );
    expect(run.stderr).not.toContain('XQZSECRET');
  });

  it('tells to seal again, in verify --site, minutes whose forseglet.yaml has no offentlig_indhold (sealed before it was recorded)', () => {
    const list = path.join(path.dirname(sealed.public), 'forseglet.yaml');
    const kept = readFileSync(list, 'utf8');
    writeFileSync(list, kept.replace(/^offentlig_indhold:.*\n/m, ''));
    try {
      expect(agenda(['publish', '--out', 'site-gammel', '--samlet'], { cwd: minutes.dir }).status).toBe(0);
      const run = verify('--site', 'site-gammel');
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        'the copy has no seal: publish printed it; run `agenda forsegl` for the meeting again, then publish again',
      );
    } finally {
      writeFileSync(list, kept);
    }
  });

  it('refuses a certificate with a key it cannot sign with in one clear line, writing nothing', () => {
    const before = readFileSync(completed);
    const run = forsegl(minutes.dir, testCertificate('/CN=Testkommune', 'ed25519').p12);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /^\S+seal\.p12: the certificate's key is ed25519, which agenda cannot sign with: it signs with an RSA key or an ECDSA key on P-256 or P-384\n$/,
    );
    expect(readFileSync(completed).equals(before)).toBe(true);
  });
});
