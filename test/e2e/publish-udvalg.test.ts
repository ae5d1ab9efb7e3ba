import { cpSync } from 'node:fs';
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

  it('is refused in one line that names the committees it would remove and what to run instead, the site untouched', () => {
    const before = siteBytes(path.join(dir, 'site'));
    expect([...before.keys()].some((f) => f.startsWith('kommunalbestyrelsen/'))).toBe(true);
    const run = publish('--udvalg', 'ØK', '--out', 'site');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '--udvalg ØK: the site in site holds other committees too (kommunalbestyrelsen/), which publishing ØK alone would remove: ' +
        'publish every committee there (agenda publish --out site, without --udvalg), or give ØK a site of its own (another --out)\n',
    );
    expect(siteBytes(path.join(dir, 'site'))).toEqual(before);
  });

  it('is refused alike where the committee is named by its folder (--meetings)', () => {
    const before = siteBytes(path.join(dir, 'site'));
    const run = publish('--meetings', 'udvalg/ØK', '--out', 'site');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '--meetings udvalg/ØK: the site in site holds other committees too (kommunalbestyrelsen/), which publishing udvalg/ØK alone would remove: ' +
        'publish every committee there (agenda publish --out site, without --meetings), or give udvalg/ØK a site of its own (another --out)\n',
    );
    expect(siteBytes(path.join(dir, 'site'))).toEqual(before);
  });

  it('publishes the one committee into a site of its own, and republishes it there', () => {
    for (const time of ['first', 'again']) {
      const run = publish('--udvalg', 'ØK', '--out', 'site-oek');
      expect(run.status, `${time}: ${run.stderr}`).toBe(0);
    }
    const files = siteFiles(path.join(dir, 'site-oek'));
    expect(files.some((f) => f.startsWith('oekonomiudvalget/'))).toBe(true);
    expect(files.some((f) => f.startsWith('kommunalbestyrelsen/'))).toBe(false);
  });
});
