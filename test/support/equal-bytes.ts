import { expect } from 'vitest';

/**
 * Two byte arrays of one kind (Buffers, as readFileSync and siteBytes give them) are equal when their bytes
 * are: compared at once, the verdict vitest's own deep equality gives, which walks them element by element,
 * some 2.4 s of CPU a megabyte. The publishing tests compare whole sites and PDFs of megabytes (toEqual of
 * siteBytes, of a file's snapshot), which cost a file tens of seconds (docs/develop/test-speed.md).
 * A setup file of every test file; registered once a process, since a worker without isolation runs
 * many files and vitest keeps the testers for the process.
 */
const registered = Symbol.for('agenda.test.equalBytes');
const state = globalThis as { [registered]?: true };

function equalBytes(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.constructor !== b.constructor) return undefined;
  return Buffer.compare(a, b) === 0;
}

if (!state[registered]) {
  expect.addEqualityTesters([equalBytes]);
  state[registered] = true;
}
