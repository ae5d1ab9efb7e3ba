import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { htmlPages, siteBytes, siteTimes } from '../support/site.js';

// A republish does not read a meeting whose files are as the last publication recorded them
// (publish-unread.ts): a meeting file garbled behind its old size and time is not seen, a changed
// meeting beside it is; --force reads every meeting and fails on the garbled one. A meeting file
// removed, and the records damaged, give the bytes of a fresh publication.

const dir = tempDir('agenda-publish-unread-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const size = { committees: 2, years: 1, meetings: 3 };
const env = { TZ: 'Europe/Copenhagen' };
const fresh = path.join(dir, 'fresh');
const publish = (out: string, more: string[] = []) => agendaAsync(['publish', '--out', out, ...more], { cwd: repo, env });

/** Every file of a site but the state file, the records and the feeds (a changed entry is an update there, not new). */
const comparable = (root: string) =>
  new Map([...siteBytes(root)].filter(([file]) => !file.startsWith('.agenda-publish') && !file.endsWith('.atom')));

/** The cases (`sag:`) a meeting file takes up. */
const cases = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*sag: (.+)$/gm)].map((m) => m[1]);

describe('a republish of meetings unread', () => {
  let committees: string[] = [];
  const second = meetingDates(size, 1)[0] ?? '';
  let [first, garbled] = ['', ''];
  let before = new Map<string, number>();
  let run = { status: 0 as number | null, stderr: '' };
  beforeAll(async () => {
    committees = writeArchive(repo, size);
    expect((await publish(site)).status).toBe(0);
    before = siteTimes(site);
    // A meeting that shares no case with the changed one (a meeting that does is read: its case history may differ).
    const changed = path.join(committees[1] ?? '', `${second}.yaml`);
    garbled =
      committees
        .flatMap((c, i) => meetingDates(size, i).map((date) => path.join(c, `${date}.yaml`)))
        .find((file) => file !== changed && !cases(file).some((sag) => cases(changed).includes(sag))) ?? '';
    first = path.basename(garbled, '.yaml');
    // The same size and time, and bytes no YAML reader takes: a publication that read it would fail.
    const times = path.join(dir, 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', garbled, times]);
    writeFileSync(garbled, 'punkter: ['.padEnd(statSync(garbled).size, ' '));
    execFileSync('touch', ['-r', times, garbled]);
    changeMeeting(changed, 'mødet flyttes til byrådssalen');
    run = await publish(site);
  }, 600_000);

  it("publishes the changed meeting and leaves the unchanged one's files as they were, unread", () => {
    expect(run.status, run.stderr).toBe(0);
    const after = siteTimes(site);
    const written = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file);
    expect(written.some((f) => f.includes(second) && f.endsWith('.html'))).toBe(true);
    expect(written.filter((f) => f.includes(first))).toEqual([]);
  });

  it('with --force reads every meeting, and fails naming the garbled file', async () => {
    const forced = await publish(site, ['--force']);
    expect(forced.status).not.toBe(0);
    expect(forced.stderr).toContain(`${first}.yaml`);
    expect(forced.stderr).not.toMatch(/\n\s+at /);
  }, 600_000);

  it('after a meeting file is removed, and with the records damaged, gives the bytes of a fresh publication', async () => {
    // The garbled file removed: the archive is well again, less that meeting.
    rmSync(garbled);
    expect((await publish(site)).status).toBe(0);
    expect((await publish(fresh)).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    // Records publish did not write: read everything, as a first publication does.
    writeFileSync(path.join(site, '.agenda-publish-meetings.json'), '{"layout": 1');
    changeMeeting(path.join(committees[1] ?? '', `${second}.yaml`), 'igen');
    const again = await publish(site);
    expect(again.status, again.stderr).toBe(0);
    expect((await publish(fresh)).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    expect(readFileSync(path.join(site, '.agenda-publish-meetings.json'))).toEqual(
      readFileSync(path.join(fresh, '.agenda-publish-meetings.json')),
    );
  }, 600_000);

  it("after a committee's udvalg.yaml changed, reads that committee's meetings: the bytes of a fresh publication", async () => {
    const udvalg = path.join(committees[0] ?? '', 'udvalg.yaml');
    writeFileSync(udvalg, readFileSync(udvalg, 'utf8').replace(/^sted: .*$/m, 'sted: Byrådssalen'));
    const again = await publish(site);
    expect(again.status, again.stderr).toBe(0);
    expect((await publish(fresh)).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    const pages = htmlPages(site).filter((f) => f.startsWith('oekonomiudvalget/'));
    expect(pages.filter((f) => readFileSync(path.join(site, f), 'utf8').includes('Byrådssalen')).length).toBeGreaterThan(0);
  }, 600_000);
});
