import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCredential } from '../../src/pdf/certificate.js';
import { signPdf } from '../../src/pdf/signature.js';
import { agenda, type CliResult } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { approve, closedMarker, date, forsegl, password, sealedFiles, sharedMinutesToSeal, testCertificate } from '../support/seal.js';
import { closedMarkersIn, siteFiles } from '../support/site.js';

// A hurried clerk puts the members' sealed minutes where the public ones go (a copy, or a link
// inside the archive): their seal is valid, so only the SHA-256 forsegl records (filer_sha256)
// tells them apart. Publish prints the public minutes anew instead, with a warning at forseglet.yaml,
// and verify names the file as not the one sealed.

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every closed marker in the site: in any byte (closedMarkersIn) or in a PDF's text as pdftotext reads it. */
function closedInSite(site: string): string[] {
  const inText = siteFiles(site)
    .filter((f) => f.endsWith('.pdf'))
    .flatMap((f) => (pdfPages(path.join(site, f)).join('\n').includes(closedMarker) ? [`${closedMarker} in the text of ${f}`] : []));
  return [...closedMarkersIn(site), ...inText];
}

describe('a file put under the sealed public minutes’ name: not published as sealed, and verify fails', () => {
  let minutes: ReturnType<typeof sharedMinutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  let list = '';
  let listed = '';
  let kept: Buffer;
  /** The publication of the sealed minutes as they are (`site`), made first. */
  let sound: CliResult;
  /** The members' minutes of another build (without their attachments, as `agenda build` leaves them in out/), sealed as forsegl seals. */
  let otherBuild = '';
  /** The sealed public minutes as an agenda before 0.3.1 made them: recording no audience. */
  let earlier = '';
  const copyIn = (site: string) => path.join(minutes.dir, site, 'direktionen', path.basename(sealed.public));
  const publish = (site: string) => agenda(['publish', '--out', site, '--samlet'], { cwd: minutes.dir });
  /**
   * A publication that goes on from the sound one, as a clerk's next publish does: into a copy of `site` (its times
   * kept, which publish trusts), so that it prints only what changed, the public minutes among it, not the example anew.
   */
  const publishOver = (site: string) => {
    cpSync(path.join(minutes.dir, 'site'), path.join(minutes.dir, site), { recursive: true, preserveTimestamps: true });
    return publish(site);
  };
  const verify = (site: string) => agenda(['verify', date, '--site', site], { cwd: minutes.dir });
  const lineOf = (key: string) => listed.split('\n').findIndex((l) => l.startsWith(key)) + 1;

  /** The archive's public file as `put` leaves it (and forseglet.yaml as `listAs` writes it) for one check, then as sealed. */
  function whilePut<T>(put: () => void, check: () => T, listAs = listed): T {
    rmSync(sealed.public);
    put();
    writeFileSync(list, listAs);
    try {
      return check();
    } finally {
      rmSync(sealed.public);
      writeFileSync(sealed.public, kept);
      writeFileSync(list, listed);
    }
  }

  function expectPrintedAnew(run: CliResult, site: string): void {
    expect(run.status, run.stderr).toBe(0);
    expect(closedInSite(path.join(minutes.dir, site))).toEqual([]);
    expect(readFileSync(copyIn(site)).equals(kept)).toBe(false);
  }

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(async () => {
    const cert = testCertificate();
    minutes = sharedMinutesToSeal();
    approve(minutes.meetings, [{ medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256 }]);
    const run = forsegl(minutes.dir, cert.p12);
    expect(run.status, run.stderr).toBe(0);
    sealed = sealedFiles(minutes.meetings);
    list = path.join(path.dirname(sealed.public), 'forseglet.yaml');
    listed = readFileSync(list, 'utf8');
    kept = readFileSync(sealed.public);
    sound = publish('site');
    const built = agenda(['build', date], { cwd: minutes.dir });
    expect(built.status, built.stderr).toBe(0);
    otherBuild = path.join(minutes.dir, 'out', `${date}-referat.pdf`);
    const credential = openCredential(readFileSync(cert.p12), password, cert.p12);
    writeFileSync(otherBuild, await signPdf(readFileSync(otherBuild), credential, new Date('2023-09-07T07:00:00Z')));
    // Its plain audience entry under another key of the same length: the bytes otherwise as sealed.
    earlier = path.join(minutes.dir, 'earlier.pdf');
    writeFileSync(earlier, Buffer.from(kept.toString('latin1').replace('/AgendaAudience (', '/AgendaOldEntry ('), 'latin1'));
  }, 600_000);

  it('records in each sealed file, in plain form, whom it is for', () => {
    expect(kept.toString('latin1')).toContain('/AgendaAudience (offentlig)');
    expect(readFileSync(sealed.members, 'latin1')).toContain('/AgendaAudience (medlemmer)');
  });

  it('records the SHA-256 of each file sealed in forseglet.yaml', () => {
    expect(listed).toContain(`filer_sha256:\n  medlemmer: ${sha256(sealed.members)}\n  offentlig: ${sha256(sealed.public)}\n`);
  });

  for (const [way, put] of [
    ['copied', () => copyFileSync(sealed.members, sealed.public)],
    ['linked', () => symlinkSync(path.basename(sealed.members), sealed.public)],
  ] as const)
    it(`prints the public minutes anew where the members’ minutes are ${way} under their name, with a located warning; verify --site fails`, () => {
      const site = `site-${way}`;
      const [run, verified] = whilePut(put, () => [publishOver(site), verify(site)]);
      expectPrintedAnew(run, site);
      expect(run.stderr).toContain(
        `forseglet.yaml:${lineOf('  offentlig:')}:3: warning: filer_sha256.offentlig: ${path.basename(sealed.public)} is not the file sealed`,
      );
      expect(run.stderr).not.toContain('XQZSECRET');
      expect(verified.status).toBe(1);
      expect(verified.stdout).toContain(
        `FAILED: ${path.relative(minutes.dir, sealed.public)}: not the file sealed: its SHA-256 is ${sha256(sealed.members)}, forseglet.yaml records ${sha256(sealed.public)} (filer_sha256)\n`,
      );
      expect(verified.stdout).not.toMatch(/^ok: .*the site's copy is the sealed public minutes/m);
    });

  // The hurried clerk pastes the SHA-256 verify prints of the file put there: the list then names the members' document
  // (or one made from other inputs, which only the audience it records in plain form tells), or a file of an earlier agenda.
  const forMembers = 'it records being made for the members (medlemmer): it is their document';
  for (const [what, site, file, why] of [
    [
      'the members’ minutes (sealed)',
      'site-pasted-sealed',
      () => sealed.members,
      "its SHA-256 is that of the members' sealed minutes (filer_sha256)",
    ],
    ['the members’ minutes (printed for sending)', 'site-pasted-printed', () => minutes.document, forMembers],
    ['the members’ minutes of another build (sealed)', 'site-pasted-other', () => otherBuild, forMembers],
    ['public minutes that record no audience (an earlier agenda’s)', 'site-pasted-earlier', () => earlier, 'it records no audience'],
  ] as const)
    it(`refuses ${what} under the public name where forseglet.yaml is made to record them: printed anew, verify fails`, () => {
      const pasted = listed.replace(sha256(sealed.public), sha256(file()));
      const [run, verified] = whilePut(
        () => copyFileSync(file(), sealed.public),
        () => [publishOver(site), verify(site)],
        pasted,
      );
      expectPrintedAnew(run, site);
      const name = path.basename(sealed.public);
      expect(run.stderr).toContain(
        `forseglet.yaml:${lineOf('  offentlig:')}:3: warning: filer_sha256.offentlig: ${name} is not the public minutes: ${why}`,
      );
      expect(verified.status).toBe(1);
      expect(verified.stdout).toContain(`are not the public minutes: ${why}`);
      expect(verified.stdout).not.toMatch(/^ok: .*public counterpart/m);
      expect(verified.stdout).not.toMatch(/^ok: .*the site's copy is the sealed public minutes/m);
    });

  it('says no "public counterpart" of the members’ minutes named as the public ones (offentlig:)', () => {
    const renamed = listed.replace(/^offentlig: .*$/m, `offentlig: "${path.basename(sealed.members)}"`);
    const verified = whilePut(
      () => writeFileSync(sealed.public, kept),
      () => verify('site-renamed'),
      renamed,
    );
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain("are not the public minutes: its SHA-256 is that of the members' sealed minutes");
    expect(verified.stdout).not.toMatch(/^ok: .*public counterpart/m);
  });

  it('prints anew, with a warning, the minutes of a forseglet.yaml that records no SHA-256 (sealed by an earlier agenda); verify says to seal again', () => {
    const earlier = listed.replace(/^filer_sha256:\n(?: {2}.*\n)+/m, '');
    const [run, verified] = whilePut(
      () => writeFileSync(sealed.public, kept),
      () => [publishOver('site-unhashed'), verify('site-unhashed')],
      earlier,
    );
    expectPrintedAnew(run, 'site-unhashed');
    expect(run.stderr).toContain(
      `forseglet.yaml:${lineOf('offentlig:')}:1: warning: offentlig: records no SHA-256 of ${path.basename(sealed.public)} (sealed by an earlier agenda), so publish prints the public minutes anew: seal again (agenda forsegl), which records it`,
    );
    expect(verified.status).toBe(1);
    expect(verified.stdout).toMatch(/^FAILED: .*forseglet\.yaml: records no SHA-256 of the sealed public minutes .*seal again/m);
  });

  it('still publishes the sealed file byte for byte, without a warning, and verify --site passes', () => {
    expect(sound.status, sound.stderr).toBe(0);
    expect(sound.stderr).not.toContain('forseglet.yaml');
    expect(readFileSync(copyIn('site')).equals(kept)).toBe(true);
    const verified = verify('site');
    expect(verified.status, verified.stdout).toBe(0);
  });
});
