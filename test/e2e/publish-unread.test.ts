import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { recordsFileOf } from '../../src/pipeline/publish-records.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { closedFixture } from '../support/markers.js';
import { cacheWithSuiteConversions } from '../support/shared-build.js';
import { closedMarkersIn, htmlPages, siteBytes, siteTimes } from '../support/site.js';
import { replaceBehind, settle } from '../support/times.js';

// A republish does not read a meeting whose files are as the last publication recorded them
// (publish-unread.ts): a meeting file garbled behind its old size and time is not seen, a changed
// meeting beside it is; --force reads every meeting and fails on the garbled one. A meeting file
// removed, and the records damaged, give the bytes of a fresh publication. The records name closed
// cases and files: they are kept in the user's cache (here XDG_CACHE_HOME), never in the site. Each cache
// here has the suite's LibreOffice conversions (cacheWithSuiteConversions): the records are the subject.

const dir = tempDir('agenda-publish-unread-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const size = { committees: 2, years: 1, meetings: 2 };
const env = { TZ: 'Europe/Copenhagen', XDG_CACHE_HOME: cacheWithSuiteConversions(path.join(dir, 'cache')) };
const fresh = path.join(dir, 'fresh');
const publish = (out: string, more: string[] = []) => agendaAsync(['publish', '--out', out, ...more], { cwd: repo, env });
let freshCache = '';
/**
 * The archive as a publication that reads every meeting publishes it: into `fresh`, with a cache of no
 * records (a new folder each time), so that a fault of the records cannot be on both sides.
 */
const publishFresh = () => {
  freshCache = cacheWithSuiteConversions(tempDir());
  return agendaAsync(['publish', '--out', fresh], { cwd: repo, env: { ...env, XDG_CACHE_HOME: freshCache } });
};

/** Every file of a site but the state file and the feeds (a changed entry is an update there, not new). */
const comparable = (root: string) =>
  new Map([...siteBytes(root)].filter(([file]) => file !== '.agenda-publish.json' && !file.endsWith('.atom')));

/**
 * The records of a site's meetings, less the state file's SHA-256 and the site's path they name and the keys of the
 * feeds of documents (a changed entry is an update there, not new: by design not a fresh publication's),
 * with what each committee's files hold.
 */
const records = async (out: string, cache: NodeJS.ProcessEnv = env) => {
  const index = await recordsFileOf(out, cache);
  const {
    state,
    site: folder,
    lists,
    committees,
    ...rest
  } = JSON.parse(readFileSync(index, 'utf8')) as {
    state: string;
    site: string;
    lists: Record<string, string[]>;
    committees: Record<string, { records: string; items: string }>;
  };
  expect(state).toMatch(/^[0-9a-f]{64}$/);
  expect(folder).toBe(realpathSync(out));
  // Each committee's files by what they hold (their names begin with the site's, which differs).
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(path.dirname(index), name), 'utf8'));
  return {
    ...rest,
    lists: Object.fromEntries(Object.entries(lists).filter(([file]) => !file.endsWith('.atom'))),
    committees: Object.fromEntries(Object.entries(committees).map(([c, f]) => [c, { records: read(f.records), items: read(f.items) }])),
  };
};

/** A meeting file garbled to bytes no YAML reader takes, behind its old size and time: a publication that read it would fail. */
const garble = (file: string) => replaceBehind(file, 'punkter: ['.padEnd(statSync(file).size, ' '));

/** The cases (`sag:`) a meeting file takes up. */
const cases = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*sag: (.+)$/gm)].map((m) => m[1]);

/** Each committee's records files, as the index of the records names them, with the time each was written. */
const committeeFiles = (index: string) => {
  const { committees } = JSON.parse(readFileSync(index, 'utf8')) as { committees: Record<string, { records: string; items: string }> };
  const written = (name: string) => `${name} ${statSync(path.join(path.dirname(index), name)).mtimeMs}`;
  return Object.fromEntries(Object.entries(committees).map(([c, f]) => [c, [written(f.records), written(f.items)]]));
};

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
    garble(garbled);
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
    expect((await publishFresh()).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    // Records publish did not write: read everything, as a first publication does.
    writeFileSync(await recordsFileOf(site, env), '{"layout": 1');
    changeMeeting(path.join(committees[1] ?? '', `${second}.yaml`), 'igen');
    // Saved an hour ago: a file saved just now is recorded as not to be trusted, which a fresh publication's records would not match.
    settle(path.join(committees[1] ?? '', `${second}.yaml`));
    const again = await publish(site);
    expect(again.status, again.stderr).toBe(0);
    expect((await publishFresh()).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    expect(await records(site)).toEqual(await records(fresh, { XDG_CACHE_HOME: freshCache }));
  }, 600_000);

  it("after a committee's udvalg.yaml changed, reads that committee's meetings: the bytes of a fresh publication", async () => {
    const udvalg = path.join(committees[0] ?? '', 'udvalg.yaml');
    writeFileSync(udvalg, readFileSync(udvalg, 'utf8').replace(/^sted: .*$/m, 'sted: Byrådssalen'));
    const again = await publish(site);
    expect(again.status, again.stderr).toBe(0);
    expect((await publishFresh()).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    const pages = htmlPages(site).filter((f) => f.startsWith('oekonomiudvalget/'));
    expect(pages.filter((f) => readFileSync(path.join(site, f), 'utf8').includes('Byrådssalen')).length).toBeGreaterThan(0);
  }, 600_000);

  it("after the municipality's name changed (the title of every calendar feed, whose events stay the same): the bytes of a fresh publication", async () => {
    const kommune = path.join(repo, 'kommune.yaml');
    writeFileSync(kommune, readFileSync(kommune, 'utf8').replace(/^navn: .*$/m, 'navn: Syddjurs Kommune'));
    const again = await publish(site);
    expect(again.status, again.stderr).toBe(0);
    expect((await publishFresh()).status).toBe(0);
    expect(comparable(site)).toEqual(comparable(fresh));
    expect(readFileSync(path.join(site, 'kalender.ics'), 'utf8')).toContain('Syddjurs Kommune');
  }, 600_000);
});

describe('a meeting read again as it shares a case with the changed one, and come out the same', () => {
  it("leaves its committee's records files as they were", async () => {
    const own = tempDir('agenda-publish-shared-case-');
    const repoOf = path.join(own, 'arkiv');
    const small = { committees: 2, years: 1, meetings: 1 };
    const [kept = '', changing = ''] = writeArchive(repoOf, small);
    const [keptFile, changedFile] = [kept, changing].map((dir, i) => path.join(dir, `${meetingDates(small, i)[0] ?? ''}.yaml`));
    // The other committee's meeting takes up the changed meeting's case (of its last item), as a case travels between committees.
    const [sag = ''] = cases(changedFile ?? '').slice(-1);
    writeFileSync(keptFile ?? '', readFileSync(keptFile ?? '', 'utf8').replace(/^(\s*sag: ).+$/m, `$1${sag}`));
    settle(keptFile ?? '');
    const out = path.join(own, 'site');
    expect((await agendaAsync(['publish', '--out', out], { cwd: repoOf, env })).status).toBe(0);
    const before = committeeFiles(await recordsFileOf(out, env));
    changeMeeting(changedFile ?? '', 'mødet flyttes til byrådssalen');
    const again = await agendaAsync(['publish', '--out', out], { cwd: repoOf, env });
    expect(again.status, again.stderr).toBe(0);
    const after = committeeFiles(await recordsFileOf(out, env));
    expect(after['udvalg/U01']).toEqual(before['udvalg/U01']);
    expect(after['udvalg/U02']).not.toEqual(before['udvalg/U02']);
  }, 600_000);
});

describe('the records of a site', () => {
  const own = tempDir('agenda-publish-records-');
  const publishIn = (cwd: string, out: string, more: string[] = []) => agendaAsync(['publish', '--out', out, ...more], { cwd, env });

  it("hold closed cases, so are kept in the user's cache, owner alone, and no byte of the site holds a closed marker", async () => {
    const meetings = path.join(own, 'lukket');
    cpSync(closedFixture, meetings, { recursive: true });
    settle(meetings);
    const out = path.join(own, 'site');
    const more = ['--meetings', meetings, '--url', 'https://moeder.example.dk/'];
    const first = await publishIn(own, out, more);
    expect(first.status, first.stderr).toBe(0);
    // Nothing changed: every meeting from its record.
    const again = await publishIn(own, out, more);
    expect(again.status, again.stderr).toBe(0);
    // Dotfiles too (siteFiles lists them): the state file, the search's texts.
    expect(closedMarkersIn(out)).toEqual([]);
    const file = await recordsFileOf(out, env);
    expect(file.startsWith(path.join(env.XDG_CACHE_HOME, 'agenda', 'republish') + path.sep)).toBe(true);
    // The index, its committee's files (its records, its items' HTML) and the attachment files' hashes
    // (publish-sources.ts), each named from the index's name.
    const folder = path.dirname(file);
    const files = readdirSync(folder)
      .filter((name) => name.startsWith(path.basename(file, '.json')))
      .map((name) => path.join(folder, name));
    const tails = files.map((f) => path.basename(f).slice(path.basename(file, '.json').length)).sort();
    expect(tails.slice(0, 2)).toEqual([expect.stringMatching(/^-[0-9a-f]{64}\.json$/), expect.stringMatching(/^-[0-9a-f]{64}\.json$/)]);
    expect(tails.slice(2)).toEqual(['.bilag.json', '.json']);
    // What the site must not hold is there: the closed item's case number.
    expect(files.some((f) => readFileSync(f, 'utf8').includes('24/XQZSECRET17'))).toBe(true);
    for (const f of files) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  }, 600_000);

  it('are of the publication whose state file wrote them: another state file, or another folder, reads every meeting', async () => {
    const repoOf = path.join(own, 'arkiv');
    const small = { committees: 1, years: 1, meetings: 2 };
    const [committee = ''] = writeArchive(repoOf, small);
    const out = path.join(own, 'site-a');
    expect((await publishIn(repoOf, out)).status).toBe(0);
    const [date = ''] = meetingDates(small, 0);
    garble(path.join(committee, `${date}.yaml`));
    // The records hold: the garbled meeting is not read.
    const kept = await publishIn(repoOf, out);
    expect(kept.status, kept.stderr).toBe(0);
    // Published elsewhere (another machine's site, a copy): no records of that folder, every meeting read.
    cpSync(out, path.join(own, 'site-b'), { recursive: true });
    const elsewhere = await publishIn(repoOf, path.join(own, 'site-b'));
    expect(elsewhere.status).not.toBe(0);
    expect(elsewhere.stderr).toContain(`${date}.yaml`);
    // The committee's records file edited, still JSON of the shape publish writes (a record's digest another):
    // not the bytes its name's SHA-256 tells, so not as publish wrote it: every record void, every meeting read.
    const index = await recordsFileOf(out, env);
    const { committees } = JSON.parse(readFileSync(index, 'utf8')) as { committees: Record<string, { records: string }> };
    const recordsFile = path.join(path.dirname(index), Object.values(committees)[0]?.records ?? '');
    const recorded = readFileSync(recordsFile, 'utf8');
    writeFileSync(recordsFile, recorded.replace(/"digest":"[0-9a-f]{64}"/, `"digest":"${'0'.repeat(64)}"`));
    const tampered = await publishIn(repoOf, out);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toContain(`${date}.yaml`);
    writeFileSync(recordsFile, recorded);
    // Written by another build of agenda (its code, not only the package's version and templates): the shape
    // of its records may be another, so none is taken, every meeting read.
    const indexText = readFileSync(index, 'utf8');
    expect(indexText).toMatch(/"code":"[0-9a-f]{64}"/);
    writeFileSync(index, indexText.replace(/"code":"[0-9a-f]{64}"/, `"code":"${'0'.repeat(64)}"`));
    const otherBuild = await publishIn(repoOf, out);
    expect(otherBuild.status).not.toBe(0);
    expect(otherBuild.stderr).toContain(`${date}.yaml`);
    writeFileSync(index, indexText);
    // The state file edited (still one publish reads, of other bytes): the records are not of it.
    const state = path.join(out, '.agenda-publish.json');
    writeFileSync(state, JSON.stringify(JSON.parse(readFileSync(state, 'utf8'))));
    const edited = await publishIn(repoOf, out);
    expect(edited.status).not.toBe(0);
    expect(edited.stderr).toContain(`${date}.yaml`);
    expect(edited.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(await recordsFileOf(out, env))).toBe(true);
  }, 600_000);

  it("of a site folder since removed are removed by the next publication's, those of a site not known left", async () => {
    const repoOf = path.join(own, 'gone');
    writeArchive(repoOf, { committees: 1, years: 1, meetings: 1 });
    const [kept, removed] = [path.join(own, 'kept'), path.join(own, 'removed')];
    for (const out of [kept, removed]) expect((await publishIn(repoOf, out)).status).toBe(0);
    const folder = path.dirname(await recordsFileOf(kept, env));
    const filesOf = async (out: string) => {
      const base = path.basename(await recordsFileOf(out, env), '.json');
      return readdirSync(folder).filter((name) => name.startsWith(base));
    };
    const [keptFiles, removedFiles] = [await filesOf(kept), await filesOf(removed)];
    // The index, the committee's two files, the attachment files' hashes.
    expect(removedFiles).toHaveLength(4);
    // An index that names no site (an older package's): which folder it was of is not known.
    const unknown = path.join(folder, `${'0'.repeat(64)}.json`);
    writeFileSync(unknown, '{"layout": "older"}\n');
    rmSync(removed, { recursive: true });
    expect((await publishIn(repoOf, kept)).status).toBe(0);
    expect(await filesOf(removed)).toEqual([]);
    expect(await filesOf(kept)).toEqual(keptFiles);
    expect(existsSync(unknown)).toBe(true);
  }, 600_000);

  it('vouch for the state file publish wrote alone: one edited by hand is checked entry by entry, and refused where publish cannot have written it', async () => {
    const repoOf = path.join(own, 'arkiv-state');
    writeArchive(repoOf, { committees: 1, years: 1, meetings: 2 });
    const out = path.join(own, 'site-state');
    expect((await publishIn(repoOf, out)).status).toBe(0);
    // The records hold for these bytes: the republish takes them unchecked, and writes them again as they were.
    const state = path.join(out, '.agenda-publish.json');
    const written = readFileSync(state);
    const again = await publishIn(repoOf, out);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(state)).toEqual(written);
    // One SHA-256 in capitals: a JSON file of the same shape, but not as publish writes it.
    writeFileSync(
      state,
      written.toString('utf8').replace(/"sha256": "([0-9a-f]{64})"/, (_, hex: string) => `"sha256": "${hex.toUpperCase()}"`),
    );
    const before = siteBytes(out);
    const edited = await publishIn(repoOf, out);
    expect(edited.status).toBe(1);
    expect(edited.stderr).toMatch(/\.agenda-publish\.json:1:1: not a state file as agenda publish writes it/);
    expect(edited.stderr).toMatch(/\.agenda-publish\.json:\d+:\d+: files\[0\]\.sha256: expected the SHA-256 of the file as written/);
    expect(edited.stderr).not.toMatch(/\n\s+at /);
    expect(siteBytes(out)).toEqual(before);
  }, 600_000);
});
