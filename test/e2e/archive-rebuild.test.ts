import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { countedBrowser, type CountedBrowser } from '../support/browser-uses.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';

// `agenda build --all` of an archive of several committees keeps a PDF without reading its meeting
// where the PDF is sealed over the meeting's fingerprint (meeting-builder.ts keptUnread). Every
// meeting of the bench's archive takes up a case, whose history is read from the other committees'
// meetings: a change to one meeting must reprint it and every other committee's meeting, and only
// those; a change to kommune.yaml, every meeting. The browser is named by an address that counts its uses
// (test/support/browser-uses.ts).

const size = { committees: 2, years: 1, meetings: 2 };

/** What a file is on the disk: its bytes, its time and its inode (a file written anew is another one). */
function snapshot(file: string): { bytes: Buffer; mtimeMs: number; ino: number } {
  const { mtimeMs, ino } = statSync(file);
  return { bytes: readFileSync(file), mtimeMs, ino };
}

describe('build --all of an archive of committees whose cases travel between them', () => {
  const repo = tempDir('agenda-archive-rebuild-');
  const [first, second] = writeArchive(repo, size);
  let browser: CountedBrowser;
  beforeAll(async () => {
    browser = await countedBrowser();
  });
  afterAll(() => browser.close());
  const out = () => readdirSync(path.join(repo, 'out')).sort();
  const build = async (expected: RegExp) => {
    const run = await agendaAsync(['build', '--all', '--public'], { cwd: repo, env: { AGENDA_BROWSER_URL: browser.url } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(expected);
    return run;
  };

  it('reprints only what a change reaches: the meeting, a committee’s meetings after its shared file, all after kommune.yaml', async () => {
    await build(/built 4 of 4 documents in [\d.]+ s\n/);
    expect(browser.uses()).toBe(1);
    const pdfs = out();
    expect(pdfs).toHaveLength(4);
    const before = new Map(pdfs.map((f) => [f, snapshot(path.join(repo, 'out', f))]));

    const again = await build(/built 0 of 4 documents in [\d.]+ s, 4 unchanged/);
    expect(again.stdout.trim().split('\n').sort()).toEqual(pdfs.map((f) => path.join('out', f)));
    expect(browser.uses()).toBe(1);
    for (const f of pdfs) expect(snapshot(path.join(repo, 'out', f)), f).toEqual(before.get(f));

    // The first committee's first meeting: it alone is printed anew (a document counts of another committee
    // only the case history it shows: none here; fingerprint-case-history.test.ts has one that does).
    const [changedDate] = meetingDates(size, 0);
    const changedFile = path.join(first ?? '', `${changedDate}.yaml`);
    changeMeeting(changedFile, 'mødet flyttes til byrådssalen');
    await build(/built 1 of 4 documents in [\d.]+ s, 3 unchanged/);
    expect(browser.uses()).toBe(2);
    for (const f of pdfs) {
      const same = snapshot(path.join(repo, 'out', f)).ino === before.get(f)?.ino;
      expect(same, f).toBe(!f.includes(changedDate ?? '?'));
    }
    const changed = pdfs.find((f) => f.includes(changedDate ?? '?')) ?? '?';
    expect(pdfPages(path.join(repo, 'out', changed)).join('\n')).toContain('mødet flyttes til byrådssalen');

    // The second committee's shared file: its meetings.
    appendFileSync(path.join(second ?? '', 'faste-punkter.yaml'), '# rettet\n');
    await build(/built 2 of 4 documents in [\d.]+ s, 2 unchanged/);
    await build(/built 0 of 4 documents in [\d.]+ s, 4 unchanged/);
    appendFileSync(path.join(repo, 'kommune.yaml'), '# rettet\n');
    await build(/built 4 of 4 documents in [\d.]+ s\n/);
    expect(browser.uses()).toBe(4);
    expect(out()).toEqual(pdfs);
  }, 900_000);
});
