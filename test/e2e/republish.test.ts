import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { checkMeetingPages } from '../support/oparl-pages.js';
import { siteBytes, siteTimes } from '../support/site.js';

// A republish after one meeting changed keeps what is made of the others (their pages, data, SBSYS
// folders, PDFs, the search index where it can) unread and untouched, and gives the bytes a fresh
// publication of the changed archive gives: only what the change reaches is written. The one
// difference by design: the changed document's feed entry is an update (a second later), not new.

const dir = tempDir('agenda-republish-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const fresh = path.join(dir, 'fresh');
// Two years: the list of all meetings is a page a year, and a change rewrites its year's page alone.
const size = { committees: 2, years: 2, meetings: 2 };
// The second committee's first meeting, of the first year: an agenda (the archive's meetings alternate agenda and minutes).
const date = meetingDates(size, 1)[0] ?? '';
const env = { TZ: 'Europe/Copenhagen' };

async function publish(out: string): Promise<string> {
  const run = await agendaAsync(['publish', '--out', out], { cwd: repo, env });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr;
}

/** A feed or the state file with the changed entry's `updated` as a first publication gives it. */
const asFirst = (text: string) => text.replaceAll('T00:00:01Z', 'T00:00:00Z');
/** A feed's entries as a first publication gives them, in any order (a feed lists the latest update first). */
const entries = (feed: string) =>
  asFirst(feed)
    .replace('</feed>', '')
    .split('<entry>')
    .slice(1)
    .map((entry) => entry.trim())
    .sort();

describe('a republish after one meeting changed', () => {
  let told = '';
  let before = new Map<string, number>();
  let bytesBefore = new Map<string, Buffer>();
  beforeAll(async () => {
    const [, second] = writeArchive(repo, size);
    await publish(site);
    bytesBefore = siteBytes(site);
    before = siteTimes(site);
    changeMeeting(path.join(second ?? '', `${date}.yaml`), 'mødet flyttes til byrådssalen');
    told = await publish(site);
    await publish(fresh);
  }, 600_000);

  it('prints the changed meeting alone', () => {
    expect(told).toMatch(/ 1 PDFs printed/);
  });

  it("lists every meeting once in OParl's list of all meetings, a page a year, each linked to the others", () => {
    expect(checkMeetingPages(site)).toBe(size.years);
  });

  it('gives the bytes of a fresh publication, but for the changed entry of the feeds, an update', () => {
    const now = siteBytes(site);
    const first = siteBytes(fresh);
    expect([...now.keys()]).toEqual([...first.keys()]);
    const differ = [...now].filter(([file, bytes]) => !first.get(file)?.equals(bytes)).map(([file]) => file);
    expect(differ.sort()).toEqual(['.agenda-publish.json', 'dokumenter.atom', 'kommunalbestyrelsen/dokumenter.atom']);
    for (const file of differ.filter((f) => f.endsWith('.atom')))
      expect(entries(now.get(file)?.toString() ?? ''), file).toEqual(entries(first.get(file)?.toString() ?? ''));
    // The state file records the feeds' bytes, and the entry's revision.
    const state = (bytes: Buffer | undefined) =>
      (JSON.parse(asFirst(bytes?.toString() ?? '')) as { files: { path: string; sha256: string }[] }).files.map((f) =>
        f.path.endsWith('.atom') ? { ...f, sha256: '' } : f,
      );
    expect(state(now.get('.agenda-publish.json'))).toEqual(state(first.get('.agenda-publish.json')));
  });

  it("writes the changed meeting's files and the lists, feeds and index that hold it; no other meeting's", () => {
    const after = siteTimes(site);
    const written = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file);
    const now = siteBytes(site);
    // Nothing written with the bytes it had.
    for (const file of written) expect(now.get(file)?.equals(bytesBefore.get(file) ?? Buffer.alloc(0)), file).toBe(false);
    // The front page gives each meeting's PDF's size in kB: written where the changed PDF's is another.
    const others = written.filter(
      (f) => !f.includes(date) && !f.startsWith('pagefind/') && !f.startsWith('.agenda-search/') && f !== 'index.html',
    );
    expect(others.sort()).toEqual(
      [
        '.agenda-publish.json',
        'data/kommunalbestyrelsen/meetings.json',
        // Its year's page of the list of all meetings: not the first (the newest year's, data/oparl/meetings.json).
        `data/oparl/meetings-${date.slice(0, 4)}.json`,
        'dokumenter.atom',
        'kommunalbestyrelsen/dokumenter.atom',
      ].sort(),
    );
    expect(written.filter((f) => f.includes(date)).length).toBeGreaterThan(3);
  });

  it('with nothing changed, writes nothing but the state file', async () => {
    const times = siteTimes(site);
    expect(await publish(site)).toMatch(/ 0 files written, 0 removed/);
    const written = [...siteTimes(site)].filter(([file, time]) => times.get(file) !== time).map(([file]) => file);
    expect(written).toEqual(['.agenda-publish.json']);
  });

  it("writes back a kept meeting's page edited by hand", async () => {
    const page = path.join(site, 'oekonomiudvalget', `${meetingDates(size, 0)[0] ?? ''}.html`);
    const made = readFileSync(page);
    writeFileSync(page, `${made.toString()}<!-- edited -->`);
    expect(await publish(site)).toMatch(/ 1 files written/);
    expect(readFileSync(page).equals(made)).toBe(true);
  });

  it("drops a year gone from OParl's pages and adds a new one, as a fresh publication does", async () => {
    const [first, second] = [0, 1].map((committee) => meetingDates(size, committee));
    const folders = readdirSync(path.join(repo, 'udvalg')).map((name) => path.join(repo, 'udvalg', name));
    const firstYear = (first?.[0] ?? '').slice(0, 4);
    for (const [index, folder] of folders.entries())
      for (const day of (index === 0 ? first : second) ?? []) if (day.startsWith(firstYear)) rmSync(path.join(folder, `${day}.yaml`));
    const last = first?.at(-1) ?? '';
    const next = `${Number(last.slice(0, 4)) + 1}-01-10`;
    writeFileSync(path.join(folders[0] ?? '', `${next}.yaml`), readFileSync(path.join(folders[0] ?? '', `${last}.yaml`)));
    await publish(site);
    const again = path.join(dir, 'fresh-years');
    await publish(again);
    const oparl = (root: string) => new Map([...siteBytes(root)].filter(([file]) => file.startsWith('data/oparl/')));
    expect(oparl(site)).toEqual(oparl(again));
    expect([...oparl(site).keys()].filter((file) => file.startsWith('data/oparl/meetings'))).toEqual([
      'data/oparl/meetings-' + last.slice(0, 4) + '.json',
      'data/oparl/meetings.json',
    ]);
    expect(checkMeetingPages(site)).toBe(2);
  });
});
