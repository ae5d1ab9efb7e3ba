import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { approve, date, forsegl, minutesToSeal, pdfsig, sealedFiles, testCertificate } from '../support/seal.js';

// In a repository of several committees, forsegl names the sealed files as build and send name a
// committee's documents (meetings-2023-09-06-referat-offentlig-samlet.pdf), while the site names them
// in the committee's own folder without the committee's name: publish puts the sealed file there, and
// verify --site finds it (both looked for it under the committee's name, and so printed it unsealed).

describe('sealed minutes in a repository of two committees: published and verified', () => {
  let minutes: ReturnType<typeof minutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  let published: ReturnType<typeof agenda>;
  const copy = () => path.join(minutes.dir, 'site', 'direktionen', path.basename(sealed.public).replace(/^meetings-/, ''));

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(() => {
    const cert = testCertificate();
    // A second committee, with no meeting of its own, before the minutes are finalized: the first's documents carry its name.
    minutes = minutesToSeal(undefined, (file) => {
      const udvalg = path.join(path.dirname(file), 'udvalg.yaml');
      const other = path.join(path.dirname(path.dirname(file)), 'udvalg', 'OK', 'udvalg.yaml');
      cpSync(udvalg, other);
      edit(other, 'navn: Direktionen\n', 'navn: Økonomiudvalget\nkort: OK\n');
    });
    const approval = { medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256 };
    approve(minutes.meetings, [approval], path.basename(minutes.document));
    const run = forsegl(minutes.dir, cert.p12);
    expect(run.status, run.stderr).toBe(0);
    sealed = sealedFiles(minutes.meetings);
    published = agenda(['publish', '--out', 'site', '--samlet'], { cwd: minutes.dir });
  }, 600_000);

  it('publishes the sealed public minutes, without a warning, byte for byte the sealed file, its seal valid', () => {
    expect(path.basename(sealed.public)).toBe(`meetings-${date}-referat-offentlig-samlet.pdf`);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stderr).not.toContain('forseglet.yaml');
    expect(readFileSync(copy()).equals(readFileSync(sealed.public))).toBe(true);
    const report = pdfsig(copy());
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
  });

  it('passes verify --site, which finds the site’s copy in the committee’s folder', () => {
    const run = agenda(['verify', date, '--site', 'site'], { cwd: minutes.dir });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `ok: ${path.relative(minutes.dir, copy())}: the site's copy is the sealed public minutes, byte for byte\n`,
    );
  });

  it('publishes and verifies them as well where --meetings names the committee’s folder (named as the repository’s)', () => {
    const run = agenda(['publish', '--meetings', 'meetings', '--out', 'site-meetings', '--samlet'], { cwd: minutes.dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('forseglet.yaml');
    const copied = path.join(minutes.dir, 'site-meetings', 'direktionen', path.basename(copy()));
    expect(readFileSync(copied).equals(readFileSync(sealed.public))).toBe(true);
    const verified = agenda(['verify', date, '--meetings', 'meetings', '--site', 'site-meetings'], { cwd: minutes.dir });
    expect(verified.status, verified.stdout).toBe(0);
  });

  it('warns, published without --samlet, naming the file in the site it looked for (not the archive’s name)', () => {
    const run = agenda(['publish', '--out', 'site-enkelt'], { cwd: minutes.dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`the site publishes no document named direktionen/${date}-referat-offentlig-samlet.pdf, so`);
    // verify --site names the command that publishes the file it asks for: publish alone never does.
    const verified = agenda(['verify', date, '--site', 'site-enkelt'], { cwd: minutes.dir });
    expect(verified.status).not.toBe(0);
    expect(verified.stdout).toContain(
      `site-enkelt/direktionen/${date}-referat-offentlig-samlet.pdf: missing: the site holds no copy of the sealed public minutes (agenda publish --samlet)\n`,
    );
  });
});
