import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../../bench/archive-repo.js';
import { findCommittees } from '../../src/input/repository.js';
import { checkShared, loadMeeting } from '../../src/check/check.js';
import { meetingDates } from '../../src/input/meeting-names.js';
import { buildMeeting } from '../../src/model/merge.js';
import { caseSteps, historyOnce, repositoryMeetings } from '../../src/pipeline/case-history.js';
import { tempDir } from '../support/cli.js';

// A run of many meetings that take up cases (publish, build --all of an archive) reads the
// repository's meetings once for all of them (historyOnce), not once for each: the same meetings, in
// the same order, as each reading them anew (repositoryMeetings).

describe('the case history of a run of many meetings', () => {
  const root = path.join(tempDir('agenda-history-'), 'arkiv');
  writeArchive(root, { committees: 3, years: 1, meetings: 4 });
  const label = (m: { committee: string; date: string }) => `${m.committee} ${m.date}`;

  it("gives each committee's meetings the other committees' meetings, in date order, as reading them anew does", async () => {
    const once = historyOnce();
    const committees = await findCommittees(root);
    expect(committees).toHaveLength(3);
    for (const committee of committees) {
      const shared = await once(root, committee);
      expect(shared.map(label)).toEqual((await repositoryMeetings(root, committee)).map(label));
      expect(shared).toHaveLength(8);
      expect(shared.map((m) => m.date)).toEqual(shared.map((m) => m.date).sort());
    }
  });

  it('keeps of each meeting its items that take up a case, and what their steps read of them: the same steps', async () => {
    const history = await historyOnce()(root);
    const full = [];
    for (const committee of await findCommittees(root)) {
      const shared = await checkShared(committee);
      for (const date of await meetingDates(committee.dir)) full.push(buildMeeting((await loadMeeting(committee, date, shared)).sources));
    }
    full.sort((a, b) => a.date.localeCompare(b.date));
    expect(history.map(label)).toEqual(full.map(label));
    // Not the merged meetings, whose strings keep their files' texts alive (the whole repository's, for a run).
    const kept = new Set(['sag', 'number', 'title', 'publicTitle', 'lukket', 'beslutning']);
    for (const meeting of history) {
      expect(Object.keys(meeting).sort()).toEqual(['committee', 'date', 'items', 'style']);
      for (const item of meeting.items) expect(Object.keys(item).filter((key) => !kept.has(key))).toEqual([]);
    }
    const cases = [...new Set(full.flatMap((m) => m.items.flatMap((i) => (i.sag === undefined ? [] : [i.sag]))))];
    expect(cases.length).toBeGreaterThan(3);
    expect(history.flatMap((m) => m.items).length).toBeLessThan(full.flatMap((m) => m.items).length);
    for (const sag of cases) expect(caseSteps(history, sag)).toEqual(caseSteps(full, sag));
  });

  it('reads the meeting files once for the run', async () => {
    const once = historyOnce();
    const [first, second] = await findCommittees(root);
    const expected = (await repositoryMeetings(root, second)).map(label);
    await once(root, first);
    rmSync(path.join(root, 'udvalg'), { recursive: true });
    // Read anew, a repository without its committees has no history; the run's one reading stands.
    await expect(repositoryMeetings(root, second)).resolves.toEqual([]);
    expect((await once(root, second)).map(label)).toEqual(expected);
  });
});
