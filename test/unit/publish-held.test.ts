import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../../bench/archive-repo.js';
import { checkShared, loadMeeting } from '../../src/check/check.js';
import { meetingDates } from '../../src/input/meeting-names.js';
import { findCommittees } from '../../src/input/repository.js';
import { buildMeeting } from '../../src/model/merge.js';
import { unreadMeetings } from '../../src/pipeline/publish-unread.js';
import { StagedFiles, Staging } from '../../src/publish/staging.js';
import { tempDir } from '../support/cli.js';

// What a first publication holds till its end, once for every meeting or file of the archive
// (docs/develop/memory.md): each held compactly, and the same given back.

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

describe('what a publication holds to its end', () => {
  it("holds a meeting's items' HTML made not as made, and gives the very strings back", async () => {
    const root = path.join(tempDir('agenda-held-'), 'arkiv');
    writeArchive(root, { committees: 1, years: 1, meetings: 1 });
    const [committee] = await findCommittees(root);
    if (!committee) throw new Error('the archive has a committee');
    const shared = await checkShared(committee);
    const [date = ''] = await meetingDates(committee.dir);
    const meeting = buildMeeting((await loadMeeting(committee, date, shared)).sources);
    // Strings JSON must give back as they are: a lone surrogate, a quote, Danish letters, a line break.
    const made = () => meeting.items.map((item, i) => `<p>${item.title} “æøå” \ud800 \\ "${i}"\n</p>${'<p>tekst</p>'.repeat(200)}`);
    // Counted, not a vi.fn: a mock holds what it returned.
    let rendered = 0;
    const render = () => {
      rendered++;
      return made();
    };
    const unread = await unreadMeetings(path.join(root, 'site'), [committee.dir], {
      state: undefined,
      layout: 'layout',
      force: false,
      every: true,
      casesOf: () => Promise.resolve([]),
      render,
    });
    const recorded = unread.record(committee.dir, date, { inputs: 'x', attachments: [], sag: [], meeting, closes: false, warnings: [] });
    const first = new WeakRef(unread.itemsOf(recorded));
    expect(first.deref()).toEqual(made());
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    // Made once, and not held as made (some 30 kB a meeting, all of an archive's meetings' till publish ends).
    expect(first.deref()).toBeUndefined();
    expect(unread.itemsOf(recorded)).toEqual(made());
    expect(rendered).toBe(1);
  });

  it('holds no path of its own for each file composed: its staged place is made where asked for', () => {
    const site = tempDir('agenda-held-site-');
    const staging = new Staging(site);
    try {
      const files = new StagedFiles(staging);
      files.set('a/b.html', '<p>b</p>');
      const staged = files.get('a/b.html');
      if (typeof staged !== 'object' || !('staged' in staged)) throw new Error('a file composed is staged');
      expect(path.dirname(staged.staged)).toBe(path.join(site, `.agenda-publish-${process.pid}.tmp`));
      expect(Object.values(staged)).not.toContain(staged.staged);
    } finally {
      staging.close();
    }
  });
});
