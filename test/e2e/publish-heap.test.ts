import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, cliPath, tempDir } from '../support/cli.js';
import { cacheWithSuiteConversions, copyOut, sharedExampleSite } from '../support/shared-build.js';

// A publication that reads every meeting (no records: a first publication, --force, a new agenda) lets
// V8's heap grow by a fifth from before it reads them, not from its printing on (publish.ts, readSite;
// docs/develop/memory.md, session 23): the limit V8 sets while the meetings are read made a first
// publication's first peak. A republish that reads only what changed keeps V8's default (its time).
// Seen as the process sets it: a preload that writes down each flag agenda gives V8.

const dir = tempDir('agenda-publish-heap-');
const flagsLog = path.join(dir, 'flags.log');
const preload = path.join(dir, 'flags.cjs');
writeFileSync(
  preload,
  `const v8 = require('node:v8');
const { appendFileSync } = require('node:fs');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  appendFileSync(${JSON.stringify(flagsLog)}, flags + '\\n');
  return set(flags);
};
`,
);

/** publish of the example into `site`, its records in `cache`, as a process of its own (V8's flags are a process's): the flags it set. */
function publishFlags(meetings: string, site: string, cache: string): { stderr: string; flags: string[] } {
  rmSync(flagsLog, { force: true });
  const run = spawnSync(process.execPath, ['--require', preload, cliPath, 'publish', '--meetings', meetings, '--out', site], {
    env: cliEnv({ env: { XDG_CACHE_HOME: cache } }),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const flags = existsSync(flagsLog) ? readFileSync(flagsLog, 'utf8').split('\n').filter(Boolean) : [];
  return { stderr: run.stderr, flags };
}

describe("a publication's heap", () => {
  let meetings = '';
  let site = '';
  const cache = cacheWithSuiteConversions(path.join(dir, 'cache'));

  beforeAll(() => {
    const example = sharedExampleSite();
    expect(example.run.status, example.run.stderr).toBe(0);
    meetings = example.input;
    // A copy of the suite's publication: its PDFs kept (nothing printed, so the printing's own setting is not
    // what is seen), its meetings all read (the records are the site's by its path: a copy has none).
    site = path.join(dir, 'site');
    copyOut(example.out, site, { preserveTimestamps: true });
  });

  // heap.ts sets the flag only on the Node versions whose V8 is known to have it.
  it.runIf(Number(process.versions.node.split('.')[0]) <= 24)(
    'grows by a fifth where every meeting is read, though nothing is printed',
    () => {
      const { stderr, flags } = publishFlags(meetings, site, cache);
      expect(stderr).toContain('; 0 PDFs printed');
      expect(flags).toEqual(['--heap-growing-percent=20']);
    },
  );

  it('keeps V8’s default where the records hold (a republish reads what changed alone)', () => {
    const { stderr, flags } = publishFlags(meetings, site, cache);
    expect(stderr).toContain('; 0 PDFs printed');
    expect(flags).toEqual([]);
  });
});
