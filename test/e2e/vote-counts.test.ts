import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// Økonomiudvalget's minutes in eksempel/ (udvalg/ØK/2024-01-09.yaml): item 2's vote, on line 17, is
// "for: [A, F]", "imod: [O]", "undlod: [Karen Vestergaard]" (Karen Vestergaard sits in for Anne
// Madsen, V). A vote that would count someone twice prints wrong counts: each way is a located error
// of agenda check and agenda build, and the build writes nothing.

const file = 'udvalg/ØK/2024-01-09.yaml';

describe('a vote that would count someone twice', () => {
  it.each([
    [
      'a party named twice',
      '      for: [A, F]',
      '      for: [A, F, A]',
      /^udvalg\/ØK\/2024-01-09\.yaml:17:\d+: punkter\[1\]\.afstemning\.for\[2\]: A is named twice in the vote \(also at punkter\[1\]\.afstemning\.for\[0\]\)/,
    ],
    [
      'a party for and against',
      '      imod: [O]',
      '      imod: [O, F]',
      /^udvalg\/ØK\/2024-01-09\.yaml:18:\d+: punkter\[1\]\.afstemning\.imod\[1\]: F is named twice in the vote \(also at punkter\[1\]\.afstemning\.for\[1\]\)/,
    ],
    [
      'a member beside their party',
      '      for: [A, F]',
      '      for: [A, F, Jan Petersen]',
      /^udvalg\/ØK\/2024-01-09\.yaml:17:\d+: punkter\[1\]\.afstemning\.for\[2\]: Jan Petersen is counted already with A \(at punkter\[1\]\.afstemning\.for\[0\]\)/,
    ],
    [
      'a substitute beside the party of the member they sit in for',
      '      for: [A, F]',
      '      for: [A, F, V]',
      /^udvalg\/ØK\/2024-01-09\.yaml:19:\d+: punkter\[1\]\.afstemning\.undlod\[0\]: Karen Vestergaard is counted already with V \(at punkter\[1\]\.afstemning\.for\[2\]\)/,
    ],
    [
      'a member named twice',
      '      imod: [O]',
      '      imod: [O, Karen Vestergaard]',
      /^udvalg\/ØK\/2024-01-09\.yaml:19:\d+: punkter\[1\]\.afstemning\.undlod\[0\]: Karen Vestergaard is named twice in the vote \(also at punkter\[1\]\.afstemning\.imod\[1\]\)/,
    ],
  ])('%s: a located error of check and build, exit 1, no PDF', (_, from, to, expected) => {
    const repo = path.join(tempDir('agenda-repo-'), 'repo');
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    edit(path.join(repo, file), from, to);
    for (const args of [['check'], ['build', '2024-01-09', '--udvalg', 'ØK']]) {
      const run = agenda(args, { cwd: repo });
      expect(run.status, `${args[0]}: ${run.stderr}`).toBe(1);
      expect(
        errorLines(run.stderr).filter((l) => expected.test(l)),
        `${args[0]}: ${run.stderr}`,
      ).toHaveLength(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expect(existsSync(path.join(repo, 'out'))).toBe(false);
  });

  it('passes a vote that counts each once (the example as it is)', () => {
    const repo = path.join(tempDir('agenda-repo-'), 'repo');
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    const run = agenda(['check'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
  });
});
