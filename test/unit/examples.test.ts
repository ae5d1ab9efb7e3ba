import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/cli.js';

// The tests' copy of the examples (test/support/examples.ts): made in the run's temporary folder, when first
// asked for (not at import, where the global setup had not yet pointed TMPDIR at that folder, and left a copy
// in the system's after every run), and refused with what to do where an example is in a merge's conflict.

describe("the tests' copy of the examples", () => {
  const userTmp = process.env.TMPDIR;
  afterEach(() => {
    process.env.TMPDIR = userTmp;
  });

  it('is made at the first call, in the temporary folder of then, not at import', async () => {
    const before = tempDir('agenda-before-');
    const after = tempDir('agenda-after-');
    process.env.TMPDIR = before;
    vi.resetModules();
    const { exampleRoot } = await import('../support/examples.js');
    expect(readdirSync(before)).toEqual([]);
    process.env.TMPDIR = after;
    expect(path.dirname(exampleRoot())).toBe(after);
    expect(readdirSync(before)).toEqual([]);
  });

  it('names the unmerged examples and says to resolve them and git add them', async () => {
    const repository = mkdtempSync(path.join(tempDir(), 'repo-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: repository, stdio: 'pipe' });
    const file = path.join(repository, 'meetings', '2023-11-22.yaml');
    mkdirSync(path.dirname(file));
    git('init', '-q', '-b', 'main');
    writeFileSync(file, 'titel: A\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'a');
    git('checkout', '-q', '-b', 'other');
    writeFileSync(file, 'titel: B\n');
    git('commit', '-q', '-am', 'b');
    git('checkout', '-q', 'main');
    writeFileSync(file, 'titel: C\n');
    git('commit', '-q', '-am', 'c');
    expect(() => git('merge', '-q', 'other')).toThrow();
    const { checkedOut } = await import('../support/examples.js');
    expect(() => checkedOut(repository)).toThrow(
      "the tests take the examples from git's index, and these are unmerged (a conflict): meetings/2023-11-22.yaml; resolve them and git add them, then run the tests again",
    );
  });
});
