import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { cacheWithSuiteConversions } from '../support/shared-build.js';
import { closedMarkersIn, siteBytes, siteFiles } from '../support/site.js';

// A meeting whose file still says UDFYLD (agenda new's draft, minutes begun with agenda minutes) is
// a draft: citizens never get the placeholder. The site keeps a meeting published before as it was, and
// has none of one never published; each is told at its first UDFYLD; filled in, it is published.

const dir = tempDir('agenda-publish-draft-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const size = { committees: 1, years: 1, meetings: 3 };
const env = { TZ: 'Europe/Copenhagen', XDG_CACHE_HOME: cacheWithSuiteConversions(path.join(dir, 'cache')) };
const publish = () => agendaAsync(['publish', '--out', site], { cwd: repo, env });
const [published, drafted] = meetingDates(size, 0).slice(1);
let committee = '';
const fileOf = (date: string | undefined) => path.join(committee, `${date}.yaml`);
const pageOf = (date: string | undefined) => siteFiles(site).find((file) => file.endsWith(`/${date}.html`)) ?? `no page of ${date}`;
/** An item still to write, as minutes begun add it. */
const newItem = '\n  - titel: Nyt punkt\n    sagsfremstilling: UDFYLD\n';
const withoutState = (root: string) => new Map([...siteBytes(root)].filter(([file]) => file !== '.agenda-publish.json'));

beforeAll(async () => {
  [committee = ''] = writeArchive(repo, size);
  // The third meeting is not written yet: it comes later as agenda new's draft would.
  renameSync(fileOf(drafted), path.join(dir, 'later.yaml'));
  expect((await publish()).status).toBe(0);
}, 300_000);

describe('publish of a meeting that still says UDFYLD', () => {
  it('keeps the meeting as last published, publishes nothing of a new draft, and says so at each first UDFYLD', async () => {
    const before = withoutState(site);
    // As minutes begun: something added still to write, all the site showed still there.
    writeFileSync(fileOf(published), `${readFileSync(fileOf(published), 'utf8')}${newItem}`);
    writeFileSync(
      fileOf(drafted),
      readFileSync(path.join(dir, 'later.yaml'), 'utf8').replace('sagsfremstilling: |\n', 'sagsfremstilling: |\n      UDFYLD\n'),
    );
    const result = await publish();
    expect(result.status, result.stderr).toBe(0);
    const told = result.stderr.split('\n').filter((line) => line.includes('still says UDFYLD'));
    // Each at the first UDFYLD, where check tells it.
    const at = (date: string | undefined, says: string) => {
      const checked = told.find((line) => line.includes(`${date}.yaml:`) && line.endsWith('write the text, or remove the key'));
      return checked?.replace(
        'still says UDFYLD: write the text, or remove the key',
        `the meeting still says UDFYLD (1 text): a draft: ${says}`,
      );
    };
    expect(told).toContain(at(published, 'the site keeps the meeting as last published'));
    expect(told).toContain(at(drafted, 'not published'));
    // Every file as the last publication wrote it (the records of the kept meeting are the last publication's).
    expect(withoutState(site)).toEqual(before);
    expect(closedMarkersIn(site, ['UDFYLD'])).toEqual([]);
  }, 300_000);

  it('takes the draft off the site where it closes what the site showed: closing always wins', async () => {
    const text = readFileSync(fileOf(published), 'utf8');
    const [, title = ''] = /\n {2}- titel: ([^\n]*)\n {4}sag: /.exec(text) ?? [];
    expect(readFileSync(path.join(site, pageOf(published)), 'utf8')).toContain(title);
    writeFileSync(fileOf(published), text.replace(/(\n {2}- titel: [^\n]*\n)( {4}sag: )/, '$1    lukket: true\n$2'));
    const result = await publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/a draft: taken off the site till it is done, as it closes or changes what the site showed/);
    expect(closedMarkersIn(site, [title])).toEqual([]);
  }, 300_000);

  it('publishes each once filled in', async () => {
    for (const date of [published, drafted])
      writeFileSync(fileOf(date), readFileSync(fileOf(date), 'utf8').replaceAll('UDFYLD', 'Udfyldt nu'));
    const result = await publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('UDFYLD');
    for (const date of [published, drafted]) expect(readFileSync(path.join(site, pageOf(date)), 'utf8')).toContain('Udfyldt nu');
  }, 300_000);

  it('keeps it as last published where the only UDFYLD is in a closed item, which the public version leaves out: the meeting is not done', async () => {
    const before = withoutState(site);
    const filled = readFileSync(fileOf(published), 'utf8');
    const closed = '\n  - titel: Personalesag\n    lukket: true\n    sagsfremstilling: UDFYLD\n';
    writeFileSync(fileOf(published), `${filled}${closed}`);
    const result = await publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/still says UDFYLD \(1 text\): a draft: the site keeps the meeting as last published/);
    expect(withoutState(site)).toEqual(before);
    // The next case starts from the meeting as filled in (the site kept it so).
    writeFileSync(fileOf(published), filled);
  }, 300_000);

  it('takes the draft off where it closes a decision whose words another item still shows: compared by place', async () => {
    const done = readFileSync(fileOf(published), 'utf8');
    const same = 'Godkendt som indstillet af udvalget.';
    const decided = (second: string) =>
      `\n  - titel: Første punkt\n    beslutning: ${same}\n  - titel: Andet punkt\n    beslutning: ${second}\n`;
    const count = () =>
      (readFileSync(path.join(site, pageOf(published)), 'utf8').match(/Godkendt som indstillet af udvalget/g) ?? []).length;
    writeFileSync(fileOf(published), `${done}${decided(same)}`);
    expect((await publish()).status).toBe(0);
    expect(count()).toBe(2);
    writeFileSync(fileOf(published), `${done}${decided(`{ tekst: ${same}, lukket: true }`)}${newItem.slice(1)}`);
    const result = await publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/a draft: taken off the site till it is done, as it closes or changes what the site showed/);
    expect(siteFiles(site).some((file) => file.endsWith(`/${published}.html`)) ? count() : 0).toBeLessThan(2);
  }, 300_000);
});
