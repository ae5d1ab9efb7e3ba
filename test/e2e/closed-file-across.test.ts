import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../support/attachments.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, expectRefusedSiteKept, siteBytes } from '../support/site.js';

// The review's case: 2024-03-06 has a closed attachment naming bilag/hemmelig.pdf (its text closed:
// XQZSECRET20); a later meeting, its YAML copied by a hurried clerk, names the same file for an open
// attachment, or a copy of it under another name. The file is the committee's: check over every meeting
// and publish (2024-03-06 kept unread, as a republish keeps it) refuse the later one at its `fil:`, naming
// the closed one by its meeting's file and key path, never its title; the site keeps every byte it had.
// check of the later meeting alone reads the other meetings' files for what they close.

const secret = ['XQZSECRET20'];
const closedFile = 'bilag/hemmelig.pdf';

describe('an open attachment that names a file another meeting closes', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const closing = path.join(meetings, '2024-03-06.yaml');
  const later = path.join(meetings, '2024-04-10.yaml');
  const site = path.join(dir, 'site');
  const run = (...args: string[]) => agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
  const publish = () => run('publish', '--out', site, '--url', 'https://moeder.example.dk/');
  let published: Map<string, Buffer>;

  beforeAll(async () => {
    cpSync(closedFixture, meetings, { recursive: true });
    await writePdf(path.join(meetings, closedFile), { text: 'Tilbud fra XQZSECRET20' });
    copyFileSync(path.join(meetings, closedFile), path.join(meetings, 'bilag', 'kopi.pdf'));
    edit(closing, '        dokument: XQZSECRET03\n', `$&        fil: ${closedFile}\n`);
    expect(publish().status).toBe(0);
    published = siteBytes(site);
    expect(closedMarkersIn(site, secret)).toEqual([]);
  }, 300_000);

  for (const [what, fil, said] of [
    ['the same path', closedFile, 'the file of the closed attachment'],
    ['a copy under another name', 'bilag/kopi.pdf', 'a copy (the same bytes) of the file of the closed attachment'],
  ] as const)
    describe(what, () => {
      beforeAll(() => {
        writeFileSync(
          later,
          `punkter:\n  - titel: Budget\n    sagsfremstilling: Åben sag.\n    bilag:\n      - titel: Notat\n        fil: ${fil}\n`,
        );
      });
      const closedLine = () => readFileSync(closing, 'utf8').split('\n').indexOf(`        fil: ${closedFile}`) + 1;
      const expected = () =>
        `${later}:6:14: punkter[0].bilag[0].fil: ${fil}: ${said} at ${closing}:${closedLine()}: punkter[0].bilag[1] (the meeting of 2024-03-06), and a file closed in one meeting is closed in every meeting of the committee that names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`;

      it('is a located error of check over the committee’s meetings, naming no closed title', () => {
        const checked = run('check');
        expect(checked.status).toBe(1);
        expect(errorLines(checked.stderr)).toContainEqual(expected());
        expect(checked.stderr).not.toMatch(/XQZSECRET/);
      });

      it('is a located error of check of that meeting alone, the other meetings’ files read for what they close', () => {
        const checked = run('check', '2024-04-10');
        expect(checked.status).toBe(1);
        expect(errorLines(checked.stderr)).toContainEqual(expected());
        // The closing meeting checked alone names nothing open elsewhere.
        expect(run('check', '2024-03-06').status).toBe(0);
      });

      it('is refused by publish (the closing meeting kept unread), which leaves the site as it was: no closed byte in it', () => {
        expectRefusedSiteKept(publish(), expected(), site, published, secret);
      });
    });
});
