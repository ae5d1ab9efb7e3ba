import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first.js';

/** The files that replace a module (vi.mock) or spy on one: each runs in a fresh worker, so nothing leaks. */
const mocking = [
  'test/unit/pagefind-errors.test.ts',
  'test/unit/office-run-proc.test.ts',
  'test/unit/office-inspect.test.ts',
  'test/unit/lock.test.ts',
  'test/e2e/minutes-draft.test.ts',
  'test/unit/agenda-pdf.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Buffers compared by their bytes at once, not element by element (test/support/equal-bytes.ts).
    setupFiles: ['test/support/equal-bytes.ts'],
    // Two files at once: the end-to-end tests wait on Chromium and child processes some of the time, so
    // two workers take the suite from 464 s to 348 s on two cores (vitest's default here is one). Three
    // gained nothing on two cores (a CI pass of 791 s against 772 s with two): the cores are busy.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each project names its files: a list here would be added to theirs (extends: true merges lists).
    projects: [
      { extends: true, test: { name: 'mocking', include: mocking } },
      // The rest keep no module state between files (they run the CLI, or restore what they change), so a worker
      // runs one after another without loading vitest and the support modules anew for each (see docs/develop/test-speed.md).
      // The mocking files are left out by negated globs, not by an exclude of its own, which would drop the command
      // line's --exclude (.ci/run leaves the clerk's tests to the pass as a user so).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts', ...mocking.map((file) => `!${file}`)], isolate: false } },
    ],
  },
});
