import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, cliPath, copyOfMeetings, errorLines } from '../support/cli.js';

// What agenda reads of a committee's folder: a meeting file that is a link out of it is refused as an
// attachment's is, never read as this committee's; an attachment too large is refused by its size, unread.

describe('a meeting file that is a symbolic link out of the meetings folder', () => {
  it('is refused, located and named, and nothing of what it leads to is quoted: a file elsewhere', () => {
    const { dir, meetings } = copyOfMeetings();
    const outside = path.join(dir, 'elsewhere.yaml');
    writeFileSync(outside, 'root:x:0:0:XQZLINK01:/root:/bin/bash\n');
    symlinkSync(outside, path.join(meetings, '2023-11-29.yaml'));
    const run = agenda(['check', '2023-11-29'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(['meetings/2023-11-29.yaml:1:1: a symbolic link that leads outside the meetings folder']);
    expect(run.stdout + run.stderr).not.toContain('XQZLINK01');
    expect(run.status).toBe(1);
  });

  it("is refused where it leads to another committee's meeting file, which is never read as this committee's", () => {
    const { dir, meetings } = copyOfMeetings();
    const other = path.join(dir, 'udvalg', 'LU');
    mkdirSync(other, { recursive: true });
    copyFileSync(path.join(meetings, '2023-11-22.yaml'), path.join(other, '2023-11-29.yaml'));
    symlinkSync(path.join('..', 'udvalg', 'LU', '2023-11-29.yaml'), path.join(meetings, '2023-11-29.yaml'));
    const run = agenda(['check', '2023-11-29'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(['meetings/2023-11-29.yaml:1:1: a symbolic link that leads outside the meetings folder']);
    expect(run.status).toBe(1);
  });

  it('is read where it leads to a file inside the folder, as an attachment may', () => {
    const { dir, meetings } = copyOfMeetings();
    symlinkSync('2023-11-22.yaml', path.join(meetings, '2023-11-29.yaml'));
    const run = agenda(['check', '2023-11-29'], { cwd: dir });
    expect(run.stderr).not.toContain('symbolic link');
  });
});

describe('an attachment larger than the most that is read', () => {
  it('is refused by its size before it is read: the command reads far less than the file holds', () => {
    const { dir, meetings } = copyOfMeetings();
    const big = path.join(meetings, 'bilag', '2023-09-06', '3-2.pdf');
    rmSync(big);
    writeFileSync(big, '%PDF-1.7\n');
    truncateSync(big, 300 * 1024 * 1024);
    // Bash's /proc/PID/io counts the bytes its reaped child read (rchar): the check's, whatever it reads with.
    const run = spawnSync('bash', ['-c', 'node "$@"; echo "exit $?"; grep ^rchar: /proc/$$/io', 'bash', cliPath, 'check', '2023-09-06'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(/^meetings\/2023-09-06\.yaml:\d+:\d+: .*fil: .*larger than 256 MB, the most that is read$/),
    ]);
    expect(run.stdout).toContain('exit 1\n');
    const read = Number(/^rchar: (\d+)$/m.exec(run.stdout)?.[1]);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(64 * 1024 * 1024);
  });
});
