import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../support/attachments.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';

// The adversary's case: item 1's closed attachment names a file (its text closed: XQZSECRET20), and an open
// attachment of an open item names the same file again, or a copy of it under another name. Closing always
// wins: check refuses the open one at its `fil:`, naming the closed one by its place; build --public and
// publish refuse the meeting, and a site published before keeps every byte it had, none of them closed.

const date = '2024-03-06';
const secret = ['XQZSECRET19', 'XQZSECRET20'];
const closedFile = 'bilag/XQZSECRET19-hemmelig.pdf';

describe('an open attachment that names a closed attachment’s file', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const file = path.join(meetings, `${date}.yaml`);
  const site = path.join(dir, 'site');
  const run = (...args: string[]) => agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
  /** The open item's attachment, named `fil` (the open file at first). */
  const openAttachment = (fil: string) => edit(file, /fil: bilag\/(aaben|notat|XQZSECRET19-hemmelig)\.pdf\n$/, `fil: ${fil}\n`);
  let published: Map<string, Buffer>;

  beforeAll(async () => {
    cpSync(closedFixture, meetings, { recursive: true });
    await writePdf(path.join(meetings, closedFile), { text: 'Tilbud fra XQZSECRET20' });
    // A copy under another name: the same bytes.
    copyFileSync(path.join(meetings, closedFile), path.join(meetings, 'bilag', 'notat.pdf'));
    await writePdf(path.join(meetings, 'bilag', 'aaben.pdf'), { text: 'Aabent bilag om rammen' });
    edit(file, '        dokument: XQZSECRET03\n', `$&        fil: ${closedFile}\n`);
    edit(file, /$/, '    bilag:\n      - titel: Åbent bilag\n        fil: bilag/aaben.pdf\n');
    expect(run('publish', '--out', site, '--url', 'https://moeder.example.dk/', '--samlet').status).toBe(0);
    published = siteBytes(site);
  }, 300_000);

  it('publishes the open file first, and nothing closed', () => {
    expect([...published.keys()].some((f) => f.includes('bilag-4-1'))).toBe(true);
    expect(closedMarkersIn(site, secret)).toEqual([]);
  });

  for (const [what, fil, said] of [
    ['the same path', closedFile, 'the file of the closed attachment'],
    ['a copy under another name', 'bilag/notat.pdf', 'a copy (the same bytes) of the file of the closed attachment'],
  ] as const)
    describe(what, () => {
      beforeAll(() => openAttachment(fil));

      it('is a located error of check at the open attachment’s fil:, naming the closed one by its place', () => {
        const checked = run('check', date);
        expect(checked.status).toBe(1);
        const lines = readFileSync(file, 'utf8').split('\n');
        const line = lines.lastIndexOf(`        fil: ${fil}`) + 1;
        const closedLine = lines.indexOf(`        fil: ${closedFile}`) + 1;
        expect(errorLines(checked.stderr)).toContainEqual(
          `${file}:${line}:14: punkter[3].bilag[0].fil: ${fil}: ${said} at punkter[0].bilag[1] (line ${closedLine}), and a file closed anywhere in the meeting is closed wherever it names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
        );
      });

      it('is refused by build --public, which writes no public PDF', () => {
        const built = run('build', date, '--public', '--samlet');
        expect(built.status).toBe(1);
        expect(errorLines(built.stderr).some((l) => l.includes('punkter[3].bilag[0].fil'))).toBe(true);
        expect(existsSync(path.join(dir, 'out', `${date}-referat-offentlig-samlet.pdf`))).toBe(false);
      });

      it('is refused by publish, which leaves the site as it was: no closed byte in it', () => {
        const again = run('publish', '--out', site, '--url', 'https://moeder.example.dk/', '--samlet');
        expect(again.status).toBe(1);
        expect(errorLines(again.stderr).some((l) => l.includes('punkter[3].bilag[0].fil'))).toBe(true);
        expect(siteBytes(site)).toEqual(published);
        expect(closedMarkersIn(site, secret)).toEqual([]);
      });
    });

  it('is closed by its item too: a closed item’s attachment file named by an open one', () => {
    openAttachment('bilag/aaben.pdf');
    edit(file, '        dokument: XQZSECRET10\n', '$&        fil: bilag/notat.pdf\n');
    edit(file, `        fil: ${closedFile}\n`, '');
    openAttachment('bilag/XQZSECRET19-hemmelig.pdf');
    const checked = run('check', date);
    expect(checked.status).toBe(1);
    expect(errorLines(checked.stderr).join('\n')).toContain(
      'punkter[3].bilag[0].fil: bilag/XQZSECRET19-hemmelig.pdf: a copy (the same bytes) of the file of the closed attachment at punkter[1].bilag[0]',
    );
    // The members' own version is still theirs: the open file's text is in it, read back.
    openAttachment('bilag/aaben.pdf');
    expect(run('build', date, '--samlet').status).toBe(0);
    expect(pdfPages(path.join(dir, 'out', `${date}-referat-samlet.pdf`)).join('\n')).toContain('Aabent bilag om rammen');
  });
});
