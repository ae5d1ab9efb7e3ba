import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryBeside, writeAtomically } from '../../src/shared/files.js';
import { tempDir } from '../support/cli.js';

/** This host's and this boot's tags, as this process names its temporary files (`.a.txt.HOST.BOOT.PID.SPACE.MS.tmp`). */
const [host, boot] = path.basename(temporaryBeside('/x/a.txt')).split('.').slice(3, 5) as [string, string];
const otherHost = host === '00000000' ? '11111111' : '00000000';
const otherBoot = boot === '00000000' ? '11111111' : '00000000';

describe('temporary files beside an output, left by a killed write', () => {
  it("removes one of this host and boot of a gone pid of this pid namespace; leaves a live pid's, another namespace's, another host's, and one that names none", async () => {
    const dir = tempDir();
    const gone = spawnSync('true').pid;
    const space = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))![1];
    const left = [
      `.a.txt.${host}.${boot}.${process.pid}.${space}.1700000000000.tmp`,
      // In another namespace (a container writing the same file) the same pid may be alive, writing.
      `.a.txt.${host}.${boot}.${gone}.1.1700000000000.tmp`,
      // Another host sharing the folder (NFS, SMB): its initial pid namespace has the same number as this one's.
      `.a.txt.${otherHost}.${boot}.${gone}.${space}.1700000000000.tmp`,
      `.a.txt.${otherHost}.${otherBoot}.${gone}.${space}.1700000000000.tmp`,
      // Older agendas' names, without the host or the namespace: not to be judged.
      `.a.txt.${gone}.${space}.1700000000000.tmp`,
      `.a.txt.${gone}.1700000000000.tmp`,
    ];
    for (const name of [...left, `.a.txt.${host}.${boot}.${gone}.${space}.1700000000000.tmp`]) writeFileSync(path.join(dir, name), 'half');
    await writeAtomically(path.join(dir, 'a.txt'), 'whole');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', ...left].sort());
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('whole');
  });

  it("of this host's earlier boot: removed where made before this boot began, whatever its pid; one made since is left", async () => {
    const dir = tempDir();
    const before = `.a.txt.${host}.${otherBoot}.${process.pid}.1.1700000000000.tmp`;
    const since = `.a.txt.${host}.${otherBoot}.${process.pid}.1.1700000000001.tmp`;
    for (const name of [before, since]) writeFileSync(path.join(dir, name), 'half');
    const booted = (Date.now() - uptime() * 1000) / 1000;
    utimesSync(path.join(dir, before), booted - 60, booted - 60);
    await writeAtomically(path.join(dir, 'a.txt'), 'whole');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', since].sort());
  });

  it('on a system of no pid namespaces (macOS), judges them by their pid', async () => {
    const dir = tempDir();
    const gone = spawnSync('true').pid;
    const live = `.a.txt.${host}.${boot}.${process.pid}.0.1700000000000.tmp`;
    for (const name of [live, `.a.txt.${host}.${boot}.${gone}.0.1700000000000.tmp`]) writeFileSync(path.join(dir, name), 'half');
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
