import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { fidelity } from '../support/fidelity.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

// fixtures/esbjerg/: Esbjerg Kommune's published minutes (another meeting system than Norddjurs's),
// a meeting written in our format, built from kommune.yaml and udvalg.yaml alone.
const fixture = path.join(exampleRoot(), 'fixtures', 'esbjerg');
const date = '2014-10-06';
const closedMarkers = [
  'XQZSECRET-ESBJERG-INDLEDNING',
  'XQZSECRET-ESBJERG-SAG',
  'XQZSECRET-ESBJERG-INDSTILLING',
  'XQZSECRET-ESBJERG-BESLUTNING',
];

/** The shared tools beside the main checkout (../shared/tools), or beside a worktree's parent folder. */
const sharedTools = [path.join(packageRoot, '..', 'shared', 'tools'), path.join(packageRoot, '..', '..', 'shared', 'tools')].find((dir) =>
  existsSync(path.join(dir, 'fidelity')),
);

describe('another municipality from its configuration alone (fixtures/esbjerg)', () => {
  const dir = tempDir();
  const publicPdf = path.join(dir, 'offentlig.pdf');
  const membersPdf = path.join(dir, 'medlemmer.pdf');
  const reference = path.join(fixture, 'REF.txt');

  beforeAll(() => {
    for (const [out, extra] of [
      [publicPdf, ['--public']],
      [membersPdf, []],
    ] as const) {
      const run = agenda(['build', date, '--meetings', fixture, '--out', out, ...extra]);
      expect(errorLines(run.stderr)).toEqual([]);
      expect(run.status).toBe(0);
    }
  });

  it('has no partial or stylesheet of its own', () => {
    expect(existsSync(path.join(fixture, 'husstil'))).toBe(false);
  });

  it('reads like the house prints it: fidelity at least 0.95 against REF.txt', () => {
    const score = fidelity(publicPdf, readFileSync(reference, 'utf8'));
    console.log(`esbjerg: fidelity ${score.toFixed(3)}`);
    expect(score).toBeGreaterThanOrEqual(0.95);
  });

  it('has a contents whose every page number is the one printed where the heading stands', () => {
    const entries = contentsEntries(publicPdf);
    expect(entries.map((e) => e.title)).toHaveLength(6);
    for (const e of entries) expect(e, e.title).toMatchObject({ printed: e.listed });
  });

  it.runIf(sharedTools !== undefined)('passes the shared fidelity and toc-check tools', () => {
    const tools = sharedTools ?? '';
    const run = spawnSync(path.join(tools, 'fidelity'), [publicPdf, reference, '--min', '0.95'], { encoding: 'utf8' });
    const score = Number(/fidelity (\d\.\d+)/.exec(run.stdout)?.[1]);
    expect(score, run.stdout).toBeGreaterThanOrEqual(0.95);
    expect(run.status).toBe(0);
    expect(execFileSync(path.join(tools, 'toc-check'), [publicPdf], { encoding: 'utf8' })).toMatch(/^toc 6\/6 entries right$/m);
  });

  it("prints the house's words: document and case numbers, the dash between the times, who is absent under each decision", () => {
    const text = pdfPages(publicPdf).join('\n');
    expect(text).toMatch(/Dok\.nr\.: 2011 Sagsid\.: 14\/18342/);
    expect(text).toMatch(/Mødetidspunkt:\s+9:30\s+-\s+11:00/);
    expect(text.match(/^Afbud: Søren Kjær \(Ø\)$/gm)).toHaveLength(4);
    expect(text).not.toMatch(/Åben sag\n.*Dok\.nr\.: 2066|Sagsid\.: 14\/22010/);
  });

  it('leaves the closed item out of the public version, its numbers too, and keeps it in the members’', () => {
    const forms = pdfByteForms(publicPdf);
    for (const m of closedMarkers)
      for (const s of spellings(m)) for (const form of forms) expect(form.includes(s), `${m} (${s}) in the public PDF`).toBe(false);
    expect(pdfPages(publicPdf).join('\n')).not.toMatch(/2066|Vestervold/);
    const members = pdfPages(membersPdf).join('\n');
    expect(members).toMatch(/Dok\.nr\.: 2066 Sagsid\.: 14\/22010/);
    for (const m of closedMarkers) expect(members).toContain(m);
  });
});
