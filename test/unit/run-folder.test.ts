import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaceMark } from '../support/temporary.js';

// test/global-setup.ts: what the tests and the commands they run leave in the temporary folder is removed with the
// run's folder, not left in the system's; a run killed leaves that folder, named so that the next run removes it.
describe("the suite's temporary folder", () => {
  it("is the run's own, named for the vitest process and its pid namespace, and the processes the tests start have it", () => {
    const folder = tmpdir();
    expect(path.basename(folder)).toMatch(new RegExp(`^agenda-test-${process.ppid}-`));
    expect(readFileSync(path.join(folder, namespaceMark), 'utf8')).toBe(readlinkSync('/proc/self/ns/pid'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child.stdout).toBe(folder);
  });
});
