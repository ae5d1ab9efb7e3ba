import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../support/attachments.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';
import { closedMarkersIn, expectRefusedSiteKept, siteBytes } from '../support/site.js';
import { settle } from '../support/times.js';

// The adversary's case: a case travels from Økonomiudvalget to Kommunalbestyrelsen with its files, and
// both publish to one site. ØK's minutes of 2024-01-09 get a closed item whose attachment names
// bilag/notat.pdf (its text closed: XQZSECRET21); KB's agenda of 2024-01-16 an open item whose attachment
// names a byte copy of it in KB's own folder. A file closed in one committee is closed in every committee
// of the archive: check (at the root, of one meeting, of one committee) and publish (of both, or of KB alone,
// ØK read for what it closes) refuse KB's `fil:`, naming ØK's meeting file and key path, never the closed
// title; the site keeps every byte it had, none of them closed. A later KB meeting of no case of ØK's, ØK
// kept unread: judged by its record (the files it closes are those of its record it does not publish).

const secret = ['XQZSECRET21', 'XQZSECRET22'];
const env = { TZ: 'Europe/Copenhagen' };

describe('an open attachment that names a copy of a file another committee closes', () => {
  const repo = path.join(tempDir(), 'repo');
  const site = path.join(tempDir(), 'site');
  const closing = path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml');
  const naming = path.join(repo, 'udvalg', 'KB', '2024-01-16.yaml');
  const run = (...args: string[]) => agenda(args, { cwd: repo, env });
  const publish = (...args: string[]) => run('publish', '--out', site, '--url', 'https://moeder.example.dk/', ...args);
  let published: Map<string, Buffer>;

  beforeAll(async () => {
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    await writePdf(path.join(repo, 'udvalg', 'ØK', 'bilag', 'notat.pdf'), { text: 'Personalesag XQZSECRET21' });
    await writePdf(path.join(repo, 'udvalg', 'KB', 'bilag', 'orientering.pdf'), { text: 'Orientering om personaleforhold' });
    edit(
      closing,
      /$/,
      '\n  - titel: Personalesag XQZSECRET22\n    offentlig_titel: Personalesag\n    lukket: true\n    sagsfremstilling: Sagen om en medarbejder.\n    bilag:\n      - titel: Notat om medarbejderen\n        fil: bilag/notat.pdf\n',
    );
    edit(
      naming,
      /$/,
      '\n  - titel: Orientering fra Økonomiudvalget\n    sagsfremstilling: Orientering.\n    bilag:\n      - titel: Notat\n        fil: bilag/orientering.pdf\n',
    );
    // A clerk's files, older than the seconds a republish does not trust: ØK's meeting is kept unread by its record.
    settle(repo);
    const first = publish();
    expect(first.status, first.stderr).toBe(0);
    published = siteBytes(site);
    expect(closedMarkersIn(site, secret)).toEqual([]);
    // The clerk copies ØK's file into KB's folder and names the copy for the open attachment.
    copyFileSync(path.join(repo, 'udvalg', 'ØK', 'bilag', 'notat.pdf'), path.join(repo, 'udvalg', 'KB', 'bilag', 'notat-kopi.pdf'));
    edit(naming, 'fil: bilag/orientering.pdf', 'fil: bilag/notat-kopi.pdf');
  }, 300_000);

  const closedLine = () => readFileSync(closing, 'utf8').split('\n').indexOf('        fil: bilag/notat.pdf') + 1;
  const namingLine = () => readFileSync(naming, 'utf8').split('\n').indexOf('        fil: bilag/notat-kopi.pdf') + 1;
  const expected = () =>
    `${path.join('udvalg', 'KB', '2024-01-16.yaml')}:${namingLine()}:14: punkter[1].bilag[0].fil: bilag/notat-kopi.pdf: a copy (the same bytes) of the file of the closed attachment at ${path.join('udvalg', 'ØK', '2024-01-09.yaml')}:${closedLine()}: punkter[2].bilag[0] (Økonomiudvalget, the meeting of 2024-01-09), and a file closed in one committee's meeting is closed in every meeting of the archive that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`;

  for (const [what, args] of [
    ['at the archive’s root', []],
    ['at the root, of that meeting alone', ['2024-01-16']],
    ['of that committee alone', ['--udvalg', 'KB']],
    ['of that meeting of that committee alone', ['2024-01-16', '--udvalg', 'KB']],
  ] as const)
    it(`is a located error of check ${what}, naming no closed title`, () => {
      const checked = run('check', ...args);
      expect(checked.status).toBe(1);
      expect(errorLines(checked.stderr)).toContainEqual(expected());
      expect(checked.stderr).not.toMatch(/XQZSECRET/);
    });

  it('is no error of the closing committee checked alone: it names nothing open', () => {
    expect(run('check', '--udvalg', 'ØK').status).toBe(0);
  });

  it('is refused by publish, which leaves the site as it was: no closed byte in it', () => {
    expectRefusedSiteKept(publish(), expected(), site, published, secret);
  });

  it('is refused by a publication of KB alone, ØK read for what it closes: nothing written', () => {
    const alone = path.join(tempDir(), 'site');
    const refused = run('publish', '--udvalg', 'KB', '--out', alone);
    expect(refused.status).toBe(1);
    expect(errorLines(refused.stderr)).toContainEqual(expected());
    expect(existsSync(path.join(alone, 'kommunalbestyrelsen'))).toBe(false);
  });

  it('is refused by build of the public version (one meeting, --all, --both, --samlet, -m): no PDF written, out/ byte for byte', () => {
    const out = path.join(repo, 'out');
    const build = (...args: string[]) => run('build', ...args, '--udvalg', 'KB');
    // KB's PDFs while it named its own file, then the copy named again.
    edit(naming, 'fil: bilag/notat-kopi.pdf', 'fil: bilag/orientering.pdf');
    for (const args of [['--both'], ['--both', '--samlet']]) expect(build('2024-01-16', ...args).status).toBe(0);
    edit(naming, 'fil: bilag/orientering.pdf', 'fil: bilag/notat-kopi.pdf');
    const before = siteBytes(out);
    expect(before.size).toBeGreaterThan(0);
    for (const args of [
      ['2024-01-16', '--public'],
      ['2024-01-16', '--public', '--samlet'],
      ['2024-01-16', '--both'],
      ['--all', '--public'],
      ['--all', '--both', '--samlet'],
    ]) {
      const refused = build(...args);
      expect(refused.status, args.join(' ')).toBe(1);
      expect(errorLines(refused.stderr)).toContainEqual(expected());
      expect(refused.stderr).not.toMatch(/XQZSECRET/);
    }
    const named = agenda(['build', '2024-01-16', '--public', '-m', path.join('udvalg', 'KB')], { cwd: repo, env });
    expect(named.status).toBe(1);
    expect(siteBytes(out)).toEqual(before);
    expect(closedMarkersIn(out, secret)).toEqual([]);
    // The members may read what is closed: their version alone does not look.
    expect(build('2024-01-16').status).toBe(0);
  }, 300_000);

  it('is refused by publish in a later KB meeting (no case of ØK’s), ØK kept unread: judged by its record', () => {
    edit(naming, 'fil: bilag/notat-kopi.pdf', 'fil: bilag/orientering.pdf');
    const later = path.join(repo, 'udvalg', 'KB', '2024-02-20.yaml');
    writeFileSync(
      later,
      'punkter:\n  - titel: Orientering\n    sagsfremstilling: Åben sag.\n    bilag:\n      - titel: Notat\n        fil: bilag/notat-kopi.pdf\n',
    );
    const at = `${path.join('udvalg', 'KB', '2024-02-20.yaml')}:6:14: punkter[0].bilag[0].fil: bilag/notat-kopi.pdf`;
    expectRefusedSiteKept(publish(), expected().replace(/^.*?bilag\/notat-kopi\.pdf/, at), site, published, secret);
  });
});

describe('build --all --public of KB after a meeting of ØK closes a copy of its file since', () => {
  it('refuses the meeting whose public PDF was kept by its fingerprint (which counts none of ØK’s files), rather than keep it', async () => {
    const repo = path.join(tempDir(), 'repo');
    const closing = path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml');
    const naming = path.join(repo, 'udvalg', 'KB', '2024-01-16.yaml');
    const build = (...args: string[]) => agenda(['build', '--all', '--public', '--udvalg', 'KB', ...args], { cwd: repo, env });
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    await writePdf(path.join(repo, 'udvalg', 'ØK', 'bilag', 'notat.pdf'), { text: 'Personalesag XQZSECRET21' });
    mkdirSync(path.join(repo, 'udvalg', 'KB', 'bilag'), { recursive: true });
    copyFileSync(path.join(repo, 'udvalg', 'ØK', 'bilag', 'notat.pdf'), path.join(repo, 'udvalg', 'KB', 'bilag', 'notat-kopi.pdf'));
    edit(
      naming,
      /$/,
      '\n  - titel: Orientering\n    sagsfremstilling: Orientering.\n    bilag:\n      - titel: Notat\n        fil: bilag/notat-kopi.pdf\n',
    );
    settle(repo);
    expect(build().status).toBe(0);
    const again = build();
    expect(again.stderr).toContain('2024-01-16-dagsorden-offentlig.pdf: unchanged');
    const out = path.join(repo, 'out');
    const before = siteBytes(out);
    // ØK closes its file now; KB's meeting file, and so its PDF's fingerprint, is as it was.
    edit(
      closing,
      /$/,
      '\n  - titel: Personalesag\n    lukket: true\n    sagsfremstilling: Sagen.\n    bilag:\n      - titel: Notat\n        fil: bilag/notat.pdf\n',
    );
    const refused = build();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${path.join('udvalg', 'KB', '2024-01-16.yaml')}:`);
    expect(refused.stderr).toContain(
      `a copy (the same bytes) of the file of the closed attachment at ${path.join('udvalg', 'ØK', '2024-01-09.yaml')}:`,
    );
    expect(siteBytes(out)).toEqual(before);
  }, 300_000);
});
