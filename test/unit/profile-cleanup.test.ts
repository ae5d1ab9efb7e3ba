import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispose, newBrowserProfile, newProfile } from '../../src/pdf/profile.js';
import { tempDir } from '../support/cli.js';
import { newShortFolder } from '../support/temporary.js';

const tmpBefore = process.env.TMPDIR;
afterEach(() => {
  if (tmpBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpBefore;
});

describe("a new profile's cleaning of those killed runs left", () => {
  it('removes a folder of a gone process of its own pid namespace, and leaves one of another namespace (a container sharing /tmp)', () => {
    const tmp = tempDir();
    process.env.TMPDIR = tmp;
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const [ours, theirs, none] = ['a', 'b', 'c'].map((x) => path.join(tmp, `agenda-chromium-${gone}-${x}`));
    for (const folder of [ours, theirs, none]) mkdirSync(folder!);
    writeFileSync(path.join(ours!, '.agenda-pid-namespace'), readlinkSync('/proc/self/ns/pid'));
    // In another namespace the same number may be a live process: not ours to judge; nor one that says none.
    writeFileSync(path.join(theirs!, '.agenda-pid-namespace'), 'pid:[1]');
    const made = newProfile('agenda-chromium-');
    expect(path.basename(made)).toMatch(new RegExp(`^agenda-chromium-${process.pid}-`));
    expect(readFileSync(path.join(made, '.agenda-pid-namespace'), 'utf8')).toBe(readlinkSync('/proc/self/ns/pid'));
    expect(readdirSync(tmp).sort()).toEqual([path.basename(made), path.basename(theirs!), path.basename(none!)].sort());
    dispose(made);
  });
});

describe("a browser's profile", () => {
  it("is made in TMPDIR where Chromium's socket fits there, else in /tmp", () => {
    // Not tempDir(): under a TMPDIR of its own (the run's, a developer's ~/tmp) that may be too long already.
    const short = newShortFolder();
    const long = path.join(short, 'a folder whose path leaves Chromium no room for its socket');
    mkdirSync(long);
    for (const [tmp, folder] of [
      [short, short],
      [long, '/tmp'],
    ] as const) {
      process.env.TMPDIR = tmp;
      const made = newBrowserProfile();
      expect(path.dirname(made)).toBe(folder);
      dispose(made);
    }
    rmSync(short, { recursive: true });
  });
});
