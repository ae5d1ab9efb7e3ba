import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { fidelity } from '../support/fidelity.js';
import { exampleRoot } from '../support/examples.js';

// The clerk's zone, the first to reach a new day (UTC+14) and one of the last (UTC−8, summer time
// on one of the days): a meeting is the same calendar day, and the same document, in each.
const zones = ['Europe/Copenhagen', 'Pacific/Kiritimati', 'America/Los_Angeles'];
const references = [
  { date: '2023-11-22', file: '2023-11-22-dagsorden' },
  { date: '2023-09-06', file: '2023-09-06-referat' },
];
const printed = new Map<string, string>();

describe.each(zones)('the reference meetings in TZ=%s', (zone) => {
  const env = { TZ: zone };

  it('check clean', () => {
    const run = agenda(['check', ...references.map((r) => r.date)], { env });
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stdout).toMatch(/: 0 errors, /);
    expect(run.status).toBe(0);
  });

  it('build as published, with the contents right, and the same bytes as in every other zone', () => {
    const out = tempDir();
    const built = agenda(['build', ...references.map((r) => r.date), '--quiet', '--meetings', path.join(exampleRoot(), 'meetings')], {
      cwd: out,
      env,
      ownBrowser: true,
    });
    expect(built.status, built.stderr).toBe(0);
    for (const { file } of references) {
      const pdf = path.join(out, 'out', `${file}.pdf`);
      expect(
        fidelity(pdf, readFileSync(path.join(exampleRoot(), 'fixtures', 'references', `${file}.txt`), 'utf8')),
        file,
      ).toBeGreaterThanOrEqual(0.97);
      const contents = contentsEntries(pdf);
      expect(contents).toHaveLength(5);
      for (const e of contents) expect(e, e.title).toMatchObject({ printed: e.listed });
      const sha = createHash('sha256').update(readFileSync(pdf)).digest('hex');
      expect(sha, `${file} in ${zone}`).toBe(printed.get(file) ?? sha);
      printed.set(file, sha);
    }
  });
});
