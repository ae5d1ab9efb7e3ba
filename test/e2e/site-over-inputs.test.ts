import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';
import { copyOut, sharedClosedSite } from '../support/shared-build.js';

// Session 26's adversary: `publish --out .` from a committee's repository (or `--out meetings`) published the clerk's
// files whole, every closed marker of the meeting file and the plan served at the web root, exit 0, not a word. A
// site folder that is, holds or lies in a committee's folder (or holds the repository's root) is refused before
// anything is made; the clerk's YAML dropped into a site is judged as a members' document is; and build's and diff's
// files are not written among the inputs.

/** A repository of one committee, the closed fixture as its meetings/: its folder. */
function closedRepository(): string {
  const dir = tempDir();
  cpSync(closedFixture, path.join(dir, 'meetings'), { recursive: true });
  return dir;
}

/** Every path under `dir`, to see that nothing was made. */
const listing = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

const served =
  "and a web server serves whatever the site folder holds: the clerk's files would be served, closed text and all; publish into a folder of its own (--out site)";

describe('a site folder over the clerk’s files', () => {
  it.each([
    ['.', 'holds', 'meetings'],
    ['meetings', 'is', 'meetings'],
    ['meetings/site', 'lies in', 'meetings'],
    ['meetings/arkiv/sendt', 'lies in', 'meetings'],
  ])('publish --out %s is refused (the site %s the committee folder), nothing made', (out, how, committee) => {
    const dir = closedRepository();
    const before = listing(dir);
    const run = agenda(['publish', '--out', out, '--url', 'https://moeder.example.dk/'], { cwd: dir });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trim()).toBe(`--out ${out}: the site folder ${how} the committee folder ${path.join(dir, committee)}, ${served}`);
    expect(listing(dir)).toEqual(before);
  });

  it('is refused through a link to the committee’s folder, and where the site holds the repository’s root', () => {
    const dir = closedRepository();
    symlinkSync(path.join(dir, 'meetings'), path.join(dir, 'link'));
    const linked = agenda(['publish', '--out', 'link'], { cwd: dir });
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain(`the site folder is the committee folder ${path.join(dir, 'meetings')}`);
    const above = agenda(['publish', '--meetings', path.join(dir, 'meetings'), '--out', path.dirname(dir)], { cwd: dir });
    expect(above.status).toBe(2);
    expect(above.stderr).toContain(`--out ${path.dirname(dir)}: the site folder holds the committee folder`);
  });

  it('of several committees: --out . from the repository’s root serves none of them', () => {
    const dir = tempDir();
    cpSync(path.join(exampleRoot(), 'eksempel'), dir, { recursive: true });
    const before = listing(dir);
    const root = agenda(['publish', '--out', '.'], { cwd: dir });
    expect(root.status).toBe(2);
    expect(root.stderr).toMatch(/--out \.: the site folder holds the committee folder .*udvalg\/(KB|ØK)/);
    const inside = agenda(['publish', '--out', 'udvalg/ØK/arkiv'], { cwd: dir });
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain(`the site folder lies in the committee folder ${path.join(dir, 'udvalg', 'ØK')}`);
    const templates = agenda(['publish', '--out', 'husstil/web'], { cwd: dir });
    expect(templates.status).toBe(2);
    expect(templates.stderr).toContain(`the site folder lies in the house's templates ${path.join(dir, 'husstil')}`);
    expect(listing(dir)).toEqual(before);
  });

  it('build --out and diff --pdf into a committee’s folder are refused: they would overwrite what agenda reads', () => {
    const dir = closedRepository();
    const before = listing(dir);
    const built = agenda(['build', '2024-03-06', '--out', 'meetings/bilag/notat.pdf'], { cwd: dir });
    expect(built.status).toBe(2);
    expect(built.stderr).toContain(
      `--out meetings/bilag/notat.pdf is in the committee folder ${path.join(dir, 'meetings')}, which agenda reads: write the document elsewhere`,
    );
    const municipality = agenda(['build', '2024-03-06', '--html', 'kommune.yaml', '--out', 'x.pdf'], { cwd: dir });
    expect(municipality.status).toBe(2);
    expect(municipality.stderr).toContain(`--html kommune.yaml is in ${path.join(dir, 'kommune.yaml')}, which agenda reads`);
    const diffed = agenda(['diff', '2024-03-06', '--pdf', 'meetings/aendringer.pdf'], { cwd: dir });
    expect(diffed.status).toBe(2);
    expect(diffed.stderr).toContain(`--pdf meetings/aendringer.pdf is in the committee folder ${path.join(dir, 'meetings')}`);
    expect(listing(dir)).toEqual(before);
  });
});

describe('the clerk’s YAML in the site folder', () => {
  const tail = 'served with the site: remove it, then publish again';
  const message = `a YAML file of the clerk's (a meeting, a plan, a send log, a kept version), which publish never writes: it may hold what is closed, and ${tail}`;

  it('is an error by its name or its schema line, hidden folders too, before anything is written; other YAML is let be', () => {
    const dir = tempDir();
    const site = path.join(dir, 'site');
    const { run, out } = sharedClosedSite();
    expect(run.status, run.stderr).toBe(0);
    copyOut(out, site);
    const put = {
      '.arkiv/2024-03-06.yaml': path.join(closedFixture, '2024-03-06.yaml'),
      'noter.yaml': path.join(closedFixture, 'plan.yaml'),
      // An editor's and a copy's leftovers.
      'gem/2024-03-06.yaml~': path.join(closedFixture, '2024-03-06.yaml'),
      'gem/plan.yml.bak': path.join(closedFixture, 'plan.yaml'),
      'gem/#2024-03-06.yaml#': path.join(closedFixture, '2024-03-06.yaml'),
      'gem/Kopi af 2024-03-06.yaml': path.join(closedFixture, '2024-03-06.yaml'),
      [`meetings/arkiv/sendt/2024-03-06/${'a'.repeat(64)}.yaml`]: path.join(closedFixture, 'faste-punkter.yaml'),
    };
    for (const [file, from] of Object.entries(put)) {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      cpSync(from, path.join(site, file));
    }
    // A static host's own: not agenda's.
    writeFileSync(path.join(site, '_config.yml'), 'title: Møder\n');
    expect(closedMarkersIn(site).length).toBeGreaterThan(0);
    const before = siteBytes(site);
    const publish = () => agenda(['publish', '--meetings', closedFixture, '--out', site]);
    const refused = publish();
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr.split('\n').filter(Boolean)).toEqual(
      Object.keys(put)
        .sort()
        .map((file) => `${path.join(site, file)}:1:1: ${message}`),
    );
    expect(siteBytes(site)).toEqual(before);
    for (const file of Object.keys(put)) rmSync(path.join(site, file));
    const again = publish();
    expect(again.status, again.stderr).toBe(0);
    expect(closedMarkersIn(site)).toEqual([]);
  });
});
