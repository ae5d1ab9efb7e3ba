import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda } from '../support/cli.js';
import { committeeThatSends, gainCommittee } from '../support/committee-sends.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { approve, date, forsegl, minutesToSeal, sealedFiles, testCertificate } from '../support/seal.js';
import { exampleSend } from '../support/smtp.js';

// A repository that sent with one committee and gained a second since: its send log names the
// documents without the committee's name (2023-11-22-dagsorden.pdf), every command now names them
// with it (meetings-2023-11-22-dagsorden.pdf). The old names are still the documents' own
// (documentNames' sentAs), also where --meetings names the committee's folder. A name sealed then
// is checked against those names, not cut by the committee's: a kort that reads as a year (2023)
// would cut 2023-09-06-referat... to 09-06-referat..., and the minutes were printed unsealed.

const { TZ } = exampleSend;

describe('a repository that gains a second committee after send', () => {
  const repository = committeeThatSends();
  const { dir, meetings, meetingFile, site, publish } = repository;

  beforeAll(async () => {
    await repository.start();
    const sent = await repository.send();
    expect(sent.status, sent.stderr).toBe(0);
    expect(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')).toContain('dokument: 2023-11-22-dagsorden');
    // The second committee, gained after the send: the first's documents now carry its name.
    repository.gainCommittee();
    edit(meetingFile, 'Oplæg til skabelon for aftalestyring 2024', 'Oplæg til skabelon for aftalestyring 2025');
  });
  afterAll(() => repository.close());

  it('publish: the corrected agenda says "Rettet dagsorden", also with --meetings naming its folder', () => {
    // With --meetings, a site of its own: the repository's site holds the other committee too, which publishing this
    // one alone would remove (refused: publish-udvalg.test.ts).
    const own = path.join(dir, 'site-direktionen');
    for (const [published, into] of [
      [publish(), site],
      [agenda(['publish', '--meetings', 'meetings', '--out', own], { cwd: dir, env: { TZ } }), own],
    ] as const) {
      expect(published.status, published.stderr).toBe(0);
      const front = pdfPages(path.join(into, 'direktionen', '2023-11-22-dagsorden-offentlig.pdf'))[0] ?? '';
      expect(front).toContain('Rettet dagsorden');
    }
  });

  it('diff: finds what was sent under the old name, with --udvalg and --meetings', () => {
    for (const choice of [
      ['--udvalg', 'meetings'],
      ['--meetings', 'meetings'],
    ]) {
      const result = agenda(['diff', '2023-11-22', ...choice], { cwd: dir, env: { TZ } });
      expect(result.stderr).not.toContain('has been sent');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('2025');
    }
  });

  it('send: the changed agenda goes out as the second version, a correction of the one sent under the old name', async () => {
    const before = repository.received().length;
    const result = await repository.send();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/the meeting has changed since meetings-2023-11-22-dagsorden-samlet\.pdf was sent on /);
    expect(repository.received().length - before).toBe(exampleSend.members.length);
    const log = readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8');
    const versions = [...log.matchAll(/dokument: (\S+)[\s\S]*?version: (\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(new Set(versions)).toEqual(new Set(['2023-11-22-dagsorden-samlet.pdf 1', 'meetings-2023-11-22-dagsorden-samlet.pdf 2']));
    const again = await repository.send();
    expect(again.stderr).toContain('has reached every recipient already');
  });

  it('a tillæg: accepted by check, the agenda having been sent under the old name', () => {
    repository.addLateItem();
    const result = agenda(['check'], { cwd: dir, env: { TZ } });
    expect(result.stderr).not.toContain('never sent');
    expect(result.status, result.stderr).toBe(0);
  });
});

describe('minutes sealed with one committee, published and verified after a second is gained', () => {
  let minutes: ReturnType<typeof minutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  const copy = () => path.join(minutes.dir, 'site', 'direktionen', path.basename(sealed.public));

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(() => {
    const cert = testCertificate();
    minutes = minutesToSeal(undefined, (file) =>
      edit(path.join(path.dirname(file), 'udvalg.yaml'), 'navn: Direktionen\n', 'navn: Direktionen\nkort: "2023"\n'),
    );
    approve(minutes.meetings, [{ medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256 }]);
    const run = forsegl(minutes.dir, cert.p12);
    expect(run.status, run.stderr).toBe(0);
    sealed = sealedFiles(minutes.meetings);
    expect(path.basename(sealed.public)).toBe(`${date}-referat-offentlig-samlet.pdf`);
    gainCommittee(minutes.dir, path.join(minutes.meetings, 'udvalg.yaml'));
  }, 600_000);

  it('publishes the sealed public minutes byte for byte, without a warning, and verify --site finds them', () => {
    const published = agenda(['publish', '--out', 'site', '--samlet'], { cwd: minutes.dir });
    expect(published.status, published.stderr).toBe(0);
    expect(published.stderr).not.toContain('forseglet.yaml');
    expect(readFileSync(copy()).equals(readFileSync(sealed.public))).toBe(true);
    const run = agenda(['verify', date, '--udvalg', '2023', '--site', 'site'], { cwd: minutes.dir });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `ok: ${path.relative(minutes.dir, copy())}: the site's copy is the sealed public minutes, byte for byte\n`,
    );
  });
});
