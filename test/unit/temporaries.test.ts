import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/shared/files.js';
import { tempDir } from '../support/cli.js';

describe('temporary files beside an output, left by a killed write', () => {
  it("removes one of a gone pid of this pid namespace; leaves a live pid's, another namespace's, and one that names none", async () => {
    const dir = tempDir();
    const gone = spawnSync('true').pid;
    const space = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))![1];
    const left = [
      `.a.txt.${process.pid}.${space}.1700000000000.tmp`,
      // In another namespace (a container writing the same file) the same pid may be alive, writing.
      `.a.txt.${gone}.1.1700000000000.tmp`,
      // An older agenda's name, without its namespace: not to be judged.
      `.a.txt.${gone}.1700000000000.tmp`,
    ];
    for (const name of [...left, `.a.txt.${gone}.${space}.1700000000000.tmp`]) writeFileSync(path.join(dir, name), 'half');
    await writeAtomically(path.join(dir, 'a.txt'), 'whole');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', ...left].sort());
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('whole');
  });

  it('on a system of no pid namespaces (macOS), judges them by their pid', async () => {
    const dir = tempDir();
    const gone = spawnSync('true').pid;
    const live = `.a.txt.${process.pid}.0.1700000000000.tmp`;
    for (const name of [live, `.a.txt.${gone}.0.1700000000000.tmp`]) writeFileSync(path.join(dir, name), 'half');
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      await writeAtomically(path.join(dir, 'a.txt'), 'whole');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(readdirSync(dir).sort()).toEqual(['a.txt', live].sort());
  });
});
