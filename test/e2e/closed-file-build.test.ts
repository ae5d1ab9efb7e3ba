import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePdf } from '../support/attachments.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';

// A file one meeting of the committee closes, named open by another (the clerk copied last meeting's YAML
// with its fil:): build of the public version refuses the later meeting as check and publish do, located at
// its open fil: and naming the other meeting's file and key path, and writes no PDF: the one there before
// stays byte for byte. A public PDF kept by its fingerprint (which counts its own meeting's files alone) does
// not survive another meeting closing its file since: build --all --public refuses it rather than keep it.

const secret = ['XQZSECRET20'];
const closedFile = 'bilag/hemmelig.pdf';
const expected = (later: string, fil: string, said: string, closing: string, line: number) =>
  `${later}:6:14: punkter[0].bilag[0].fil: ${fil}: ${said} at ${closing}:${line}: punkter[0].bilag[1] (the meeting of 2024-03-06), and a file closed in one meeting is closed in every meeting of the committee that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`;

/** The closed fixture with a later meeting naming `fil` for an open attachment; 2024-03-06's closed attachment names `closedFile` where `closing`. */
async function committee(fil: string, closing: boolean) {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const closingFile = path.join(meetings, '2024-03-06.yaml');
  const later = path.join(meetings, '2024-04-10.yaml');
  cpSync(closedFixture, meetings, { recursive: true });
  await writePdf(path.join(meetings, closedFile), { text: 'Tilbud fra XQZSECRET20' });
  await writePdf(path.join(meetings, 'bilag', 'aaben.pdf'), { text: 'Aabent notat om rammen' });
  if (closing) edit(closingFile, '        dokument: XQZSECRET03\n', `$&        fil: ${closedFile}\n`);
  writeFileSync(
    later,
    `punkter:\n  - titel: Budget\n    sagsfremstilling: Åben sag.\n    bilag:\n      - titel: Notat\n        fil: ${fil}\n`,
  );
  const run = (...args: string[]) => agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
  const closedLine = () => readFileSync(closingFile, 'utf8').split('\n').indexOf(`        fil: ${closedFile}`) + 1;
  return { dir, meetings, closingFile, later, run, closedLine, out: path.join(dir, 'out') };
}

describe('build --public of a meeting that names open a file another meeting closes', () => {
  for (const [what, fil, said] of [
    ['the same path', closedFile, 'the file of the closed attachment'],
    ['a copy under another name', 'bilag/kopi.pdf', 'a copy (the same bytes) of the file of the closed attachment'],
  ] as const)
    it(`is refused (${what}), located at its fil:, and the public PDF there before is kept byte for byte`, async () => {
      const c = await committee('bilag/aaben.pdf', true);
      copyFileSync(path.join(c.meetings, closedFile), path.join(c.meetings, 'bilag', 'kopi.pdf'));
      const first = c.run('build', '2024-04-10', '--public', '--samlet');
      expect(first.status, first.stderr).toBe(0);
      const before = siteBytes(c.out);
      // The clerk copies last meeting's attachment: its fil: names the closed file (or a copy of it).
      edit(c.later, 'fil: bilag/aaben.pdf', `fil: ${fil}`);
      for (const samlet of [['--samlet'], []]) {
        const built = c.run('build', '2024-04-10', '--public', ...samlet);
        expect(built.status).toBe(1);
        expect(errorLines(built.stderr)).toContainEqual(expected(c.later, fil, said, c.closingFile, c.closedLine()));
        expect(built.stderr).not.toMatch(/XQZSECRET/);
      }
      expect(siteBytes(c.out)).toEqual(before);
      expect(closedMarkersIn(c.out, secret)).toEqual([]);
      // The members' version may carry it: they may read what is closed.
      expect(c.run('build', '2024-04-10', '--samlet').status).toBe(0);
    }, 120_000);
});

describe('build --all --public after another meeting closes a file since', () => {
  it('refuses the meeting whose public PDF was kept by its fingerprint, rather than keep it; the PDF stays as it was', async () => {
    const c = await committee(closedFile, false);
    const first = c.run('build', '--all', '--public', '--samlet');
    expect(first.status, first.stderr).toBe(0);
    const plain = c.run('build', '--all', '--public');
    expect(plain.status, plain.stderr).toBe(0);
    const again = c.run('build', '--all', '--public');
    expect(again.stderr).toContain('built 0 of 2 documents');
    const before = siteBytes(c.out);
    // The file was open: 2024-03-06 closes it now. The later meeting's file, and so its fingerprint, is as it was.
    edit(c.closingFile, '        dokument: XQZSECRET03\n', `$&        fil: ${closedFile}\n`);
    for (const samlet of [['--samlet'], []]) {
      const built = c.run('build', '--all', '--public', ...samlet);
      expect(built.status).toBe(1);
      expect(errorLines(built.stderr)).toContainEqual(
        expected(c.later, closedFile, 'the file of the closed attachment', c.closingFile, c.closedLine()),
      );
      expect(built.stderr).not.toMatch(/XQZSECRET/);
    }
    const after = siteBytes(c.out);
    for (const file of [...before.keys()].filter((f) => f.includes('2024-04-10'))) expect(after.get(file), file).toEqual(before.get(file));
    // 2024-03-06 is printed anew, its closed file in no public byte.
    expect(after.get('2024-03-06-referat-offentlig.pdf')).not.toEqual(before.get('2024-03-06-referat-offentlig.pdf'));
    expect(closedMarkersIn(c.out).filter((m) => !m.includes('2024-04-10'))).toEqual([]);
  }, 180_000);
});
