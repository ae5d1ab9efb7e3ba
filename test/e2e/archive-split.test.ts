import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeArchive } from '../../bench/archive-repo.js';
import { agenda, tempDir } from '../support/cli.js';
import { siteBytes } from '../support/site.js';

// An archive too large for one run splits by committee: each committee published on its own
// (`--udvalg`, on another machine or at another time) gives its files with the same bytes as one
// publication of all. What names every committee (the front page, the data page, the feeds of all,
// the OParl entry point, body and lists, the search page) is the authority's, written by one publication of all over
// the committees' sites put together, which then reprints nothing. docs/install/archive.md has the steps.

/** The state files of sites copied into one folder, as one: every file each wrote, the last copied's where two wrote the same path. */
function mergedState(sites: string[]): string {
  const files = new Map<string, unknown>();
  for (const site of sites) {
    const state = JSON.parse(readFileSync(path.join(site, '.agenda-publish.json'), 'utf8')) as { files: { path: string }[] };
    for (const file of state.files) files.set(file.path, file);
  }
  return JSON.stringify({ files: [...files.values()] });
}

describe('an archive of two committees, published committee by committee', () => {
  const dir = tempDir('agenda-archive-split-');
  const repo = path.join(dir, 'arkiv');
  const whole = path.join(dir, 'whole');
  const parts = ['U01', 'U02'].map((kort) => ({ kort, site: path.join(dir, `site-${kort}`) }));
  const merged = path.join(dir, 'merged');
  let final: ReturnType<typeof agenda>;
  beforeAll(() => {
    writeArchive(repo, { committees: 2, years: 1, meetings: 3 });
    for (const [args, out] of [[[], whole], ...parts.map((p) => [['--udvalg', p.kort], p.site] as const)] as const) {
      const run = agenda(['publish', ...args, '--out', out, '--quiet'], { cwd: repo });
      expect(run.status, run.stderr).toBe(0);
    }
    for (const { site } of parts) cpSync(site, merged, { recursive: true });
    writeFileSync(path.join(merged, '.agenda-publish.json'), mergedState(parts.map((p) => p.site)));
    final = agenda(['publish', '--out', merged, '--json'], { cwd: repo });
  }, 300_000);

  it("gives each committee's files the bytes one publication of all gives them", () => {
    const all = siteBytes(whole);
    const own = parts.map(({ site }) => siteBytes(site));
    // The committees' own: their pages, PDFs and feeds, their data, their SBSYS folders.
    const prefixes = ['oekonomiudvalget', 'kommunalbestyrelsen'].flatMap((id) => [
      `${id}/`,
      `data/${id}/`,
      `data/${id}.json`,
      `sbsys/${id}-`,
    ]);
    const committeeFiles = (bytes: Map<string, Buffer>) => [...bytes.keys()].filter((f) => prefixes.some((p) => f.startsWith(p)));
    const split = own.flatMap(committeeFiles).sort();
    expect(split).toEqual(committeeFiles(all).sort());
    for (const [i, bytes] of own.entries())
      for (const file of committeeFiles(bytes)) expect(bytes.get(file)!.equals(all.get(file)!), `${parts[i]!.kort}: ${file}`).toBe(true);
  });

  it('differs from it only in what names every committee; its search index is the same bytes', () => {
    const all = siteBytes(whole);
    const own = siteBytes(parts[0]!.site);
    const differ = [...own].filter(([file, bytes]) => !all.get(file)?.equals(bytes)).map(([file]) => file);
    expect(differ.sort()).toEqual([
      '.agenda-publish.json',
      'data.html',
      'data/index.json',
      'data/oparl/bodies.json',
      'data/oparl/body.json',
      'data/oparl/meetings.json',
      'data/oparl/organizations.json',
      'dokumenter.atom',
      'index.html',
      'kalender.ics',
      // The search page names every committee's index.
      'sog.html',
    ]);
    // One index a committee: the split site has its committee's alone, the other's not at all.
    const index = [...own.keys()].filter((f) => f.startsWith('pagefind/'));
    expect(index.length).toBeGreaterThan(0);
    expect(
      index.every((f) => f.startsWith('pagefind/oekonomiudvalget/')) || index.every((f) => f.startsWith('pagefind/kommunalbestyrelsen/')),
    ).toBe(true);
  });

  it('put together and published once as a whole, reprints and re-indexes nothing and gives the same bytes as one publication of all', () => {
    expect(final.status, final.stderr).toBe(0);
    const { printed, written } = JSON.parse(final.stdout) as { printed: number; written: string[] };
    expect(printed).toBe(0);
    // Every committee's index is in the merged state, made from the same meetings: none made again.
    expect(written.filter((f) => f.startsWith('pagefind/'))).toEqual([]);
    const all = siteBytes(whole);
    const together = siteBytes(merged);
    expect([...together.keys()]).toEqual([...all.keys()]);
    for (const [file, bytes] of all) expect(together.get(file)!.equals(bytes), file).toBe(true);
  });
});
