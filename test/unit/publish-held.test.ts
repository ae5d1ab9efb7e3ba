import { readFileSync } from 'node:fs';
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
import { publicVersion } from '../../src/model/public.js';
import { noEarlierParts, Pieces, setOfParts } from '../../src/publish/parts.js';
import { composeSite, type PublishedCommittee } from '../../src/publish/site.js';
import { isStaged, StagedFiles, Staging, type SiteContent } from '../../src/publish/staging.js';
import { sha256 } from '../../src/publish/state.js';
import { prepareSite } from '../../src/render/web.js';
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

  it('writes a file of parts piece by piece: the parts made before are let go, the bytes those of the parts joined', () => {
    const site = tempDir('agenda-held-parts-');
    const staging = new Staging(site);
    try {
      const files = new StagedFiles(staging);
      // Twenty parts of 1 MB each (a year's list of meetings at 4,000 meetings is some 12 MB), each made anew, flat (a repeat is a few joins).
      const part = (i: number) => `${String(i).padStart(2, '0')}${Buffer.alloc(1_000_000, 'x').toString('latin1')}`;
      let alive = Infinity;
      const parts = Array.from({ length: 20 }, (_, i) => ({
        key: String(i),
        make: () => {
          if (i === 19) {
            collect();
            alive = process.memoryUsage().heapUsed;
          }
          return part(i);
        },
      }));
      collect();
      const before = process.memoryUsage().heapUsed;
      const frame = { head: '[', between: [...Array<string>(19).fill(','), ']'] };
      setOfParts(files, noEarlierParts, 'liste.json', parts, { frame: () => frame, split: () => undefined });
      // Joined, the nineteen parts made before the last were alive as it was made: 19 MB.
      expect(alive - before).toBeLessThan(5_000_000);
      const staged = stagedOf(files.get('liste.json'));
      const whole = `[${Array.from({ length: 20 }, (_, i) => part(i)).join(',')}]`;
      expect(readFileSync(staged.staged, 'utf8')).toBe(whole);
      expect({ size: staged.size, sha256: staged.sha256 }).toEqual({ size: whole.length, sha256: sha256(whole) });
    } finally {
      staging.close();
    }
  });

  it("lets each meeting's data go once its own files and its committee's list are made, not at the end of the composing", async () => {
    const root = path.join(tempDir('agenda-held-compose-'), 'arkiv');
    writeArchive(root, { committees: 1, years: 1, meetings: 10 });
    prepareSite(undefined);
    const committees: PublishedCommittee[] = [];
    const updated = new Map<string, string>();
    for (const folder of await findCommittees(root)) {
      const shared = await checkShared(folder);
      const id = path.basename(folder.dir);
      const meetings = [];
      for (const date of await meetingDates(folder.dir)) {
        const meeting = publicVersion(buildMeeting((await loadMeeting(folder, date, shared)).sources));
        const pdf = { path: `${id}/${date}.pdf`, name: 'Dagsorden', size: 1000, sha256: 'a', sha512: 'b' };
        updated.set(pdf.path, `${date}T12:00:00Z`);
        // Each meeting's items' HTML made anew where asked for, as a record gives them (1 MB a meeting here).
        const itemsHtml = () =>
          meeting.items.map(
            (_, i) => `<h3>Sagsfremstilling</h3><p>${date} ${i}</p>${'<p>tekst</p>'.repeat(100_000 / meeting.items.length)}`,
          );
        meetings.push({
          committeeId: id,
          meeting,
          pdf,
          addenda: [],
          attachments: [],
          get itemsHtml() {
            return itemsHtml();
          },
        });
      }
      const words = meetings[0]?.meeting.style.ord;
      if (!words) throw new Error('the archive has meetings');
      committees.push({ id, shortName: id, name: id, authority: 'Kommune', calendar: [], meetings, words });
    }
    const words = committees[0]?.words;
    if (!words) throw new Error('the archive has committees');
    // Alive once every meeting is composed, as the site's front page is set: each meeting's data (1 MB of items) held till then, or not.
    let alive = Infinity;
    const files = new (class extends Map<string, SiteContent> {
      // Nothing held of what is set (a page holds its items' HTML): a text of pieces made, and let go.
      override set(file: string, content: SiteContent | Pieces): this {
        if (file === 'index.html') {
          collect();
          alive = process.memoryUsage().heapUsed;
        }
        if (content instanceof Pieces) for (const piece of content.each()) expect(piece).toBeTypeOf('string');
        return super.set(file, typeof content === 'object' && !(content instanceof Pieces) ? content : '');
      }
    })();
    collect();
    const before = process.memoryUsage().heapUsed;
    composeSite(committees, { today: '2030-01-01', words, earlierEvents: new Map(), entryUpdated: updated }, files);
    expect(files.has('index.html')).toBe(true);
    // Held, the ten meetings' data were some 25 MB (their items' sections in the data).
    expect(alive - before).toBeLessThan(8_000_000);
  });
});

/** A file composed, as staged. */
function stagedOf(content: SiteContent | undefined) {
  if (!content || !isStaged(content)) throw new Error('a file composed is staged');
  return content;
}
