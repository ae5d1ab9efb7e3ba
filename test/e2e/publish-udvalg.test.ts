import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';
import { siteBytes, siteFiles } from '../support/site.js';

// A site is one publication of every committee it holds (its lists, feeds, open data and search span
// them all): `publish --udvalg ØK` into the site of a repository of several committees would remove
// the others' pages at exit 0 (the adversary's finding 5 of session 23), and so would `publish --meetings
// udvalg/ØK`, the same committee named by its folder. Each is refused, before anything is printed.

describe('publish of one committee (--udvalg, --meetings) into a site that holds other committees', () => {
  const dir = tempDir();
  const publish = (...args: string[]) => agenda(['publish', ...args], { cwd: dir });

  beforeAll(() => {
    cpSync(path.join(exampleRoot(), 'eksempel'), dir, { recursive: true });
    const all = publish('--out', 'site');
    expect(all.status, all.stderr).toBe(0);
  }, 600_000);

  // The committee by its short name, and by its folder: one rule, told alike.
  it.each([
    ['--udvalg', 'ØK'],
    ['--meetings', 'udvalg/ØK'],
  ])(
    '%s %s is refused in one line that names the committees it would remove and what to run instead, the site untouched',
    (flag, value) => {
      const before = siteBytes(path.join(dir, 'site'));
      expect([...before.keys()].some((f) => f.startsWith('kommunalbestyrelsen/'))).toBe(true);
      const run = publish(flag, value, '--out', 'site');
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `${flag} ${value}: the site in site holds other committees too (kommunalbestyrelsen/), which publishing ${value} alone would remove: ` +
          `publish every committee there (agenda publish --out site, without ${flag}), or give ${value} a site of its own (another --out)\n`,
      );
      expect(siteBytes(path.join(dir, 'site'))).toEqual(before);
    },
  );

  it('publishes the one committee into a site of its own, and republishes it there', () => {
    for (const time of ['first', 'again']) {
      const run = publish('--udvalg', 'ØK', '--out', 'site-oek');
      expect(run.status, `${time}: ${run.stderr}`).toBe(0);
    }
    const files = siteFiles(path.join(dir, 'site-oek'));
    expect(files.some((f) => f.startsWith('oekonomiudvalget/'))).toBe(true);
    expect(files.some((f) => f.startsWith('kommunalbestyrelsen/'))).toBe(false);
  });

  it('refuses --udvalg of another committee into that site of one (the repository still has the one there)', () => {
    const before = siteBytes(path.join(dir, 'site-oek'));
    const run = publish('--udvalg', 'KB', '--out', 'site-oek');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--udvalg KB: the site in site-oek holds other committees too (oekonomiudvalget/)');
    expect(siteBytes(path.join(dir, 'site-oek'))).toEqual(before);
  });

  // The rename rule takes a site of one committee as the folder's own under an earlier name only where the site's
  // feeds name the same committee (its short name, kort): a site of another committee was taken so too, and removed
  // at exit 0 (the adversary of session 25: `--meetings udvalg/KB`, then `--meetings udvalg/ØK`, into one folder).
  it('refuses --meetings of another committee into a site of one (another kort), naming it; the site untouched', () => {
    const first = publish('--meetings', 'udvalg/KB', '--out', 'shared');
    expect(first.status, first.stderr).toBe(0);
    const before = siteBytes(path.join(dir, 'shared'));
    const run = publish('--meetings', 'udvalg/ØK', '--out', 'shared');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '--meetings udvalg/ØK: the site in shared holds other committees too (kommunalbestyrelsen/), which publishing udvalg/ØK alone would remove ' +
        "(kommunalbestyrelsen/ is not udvalg/ØK's committee renamed: its feeds name its committee kb, not oek (kort: ØK)): " +
        'publish every committee there (agenda publish --out shared, without --meetings), or give udvalg/ØK a site of its own (another --out)\n',
    );
    expect(siteBytes(path.join(dir, 'shared'))).toEqual(before);
    expect([...before.keys()].filter((f) => f.startsWith('kommunalbestyrelsen/')).length).toBeGreaterThan(0);
  });

  it('takes --meetings of the same committee renamed (the same kort) into its site, in one line naming the old and the new', () => {
    cpSync(path.join(dir, 'udvalg', 'KB'), path.join(dir, 'byraadet'), { recursive: true });
    const committee = path.join(dir, 'byraadet', 'udvalg.yaml');
    writeFileSync(committee, readFileSync(committee, 'utf8').replace('navn: Kommunalbestyrelsen', 'navn: Byrådet'));
    const run = publish('--meetings', path.join(dir, 'byraadet'), '--out', 'shared');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'renamed: kommunalbestyrelsen/ is now byraadet/ (the same committee, kort KB); the pages of kommunalbestyrelsen/ are removed\n',
    );
    const files = siteFiles(path.join(dir, 'shared'));
    expect(files.some((f) => f.startsWith('kommunalbestyrelsen/'))).toBe(false);
    expect(files).toContain('byraadet/dokumenter.atom');
  });

  // A short name is not unique across municipalities (KB, ØK): another municipality's committee of the same kort in a
  // site of one was taken as this one renamed, and its pages removed at exit 0. Its feeds name its authority too.
  it("refuses --meetings into a site of another municipality's committee of the same kort, naming both; the site untouched", () => {
    const syddjurs = path.join(dir, 'syddjurs');
    cpSync(path.join(dir, 'udvalg', 'KB'), path.join(syddjurs, 'udvalg', 'KB'), { recursive: true });
    writeFileSync(path.join(syddjurs, 'kommune.yaml'), 'navn: Syddjurs Kommune\n');
    const committee = path.join(syddjurs, 'udvalg', 'KB', 'udvalg.yaml');
    writeFileSync(committee, readFileSync(committee, 'utf8').replace('navn: Kommunalbestyrelsen', 'navn: Byrådet'));
    const first = publish('--meetings', 'syddjurs/udvalg/KB', '--out', 'djurs');
    expect(first.status, first.stderr).toBe(0);
    const before = siteBytes(path.join(dir, 'djurs'));
    expect([...before.keys()]).toContain('byraadet/dokumenter.atom');
    const run = publish('--meetings', 'udvalg/KB', '--out', 'djurs');
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      '--meetings udvalg/KB: the site in djurs holds other committees too (byraadet/), which publishing udvalg/KB alone would remove ' +
        "(byraadet/ is not udvalg/KB's committee renamed: its feeds name its committee kb of Syddjurs Kommune, not of Norddjurs Kommune): " +
        'publish every committee there (agenda publish --out djurs, without --meetings), or give udvalg/KB a site of its own (another --out)\n',
    );
    expect(siteBytes(path.join(dir, 'djurs'))).toEqual(before);
  });
});
