import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, copyOfOneMeeting, errorLines } from '../support/cli.js';

// A meeting file that is a FIFO (a script's `mkfifo`) or a folder of that name (a mistaken `mkdir`) is a mistake at
// that name: told located at its start, as any mistake in a meeting file is, and never opened (a FIFO would block).

const what = { fifo: 'a named pipe (FIFO)', folder: 'a folder' } as const;
const told = (kind: keyof typeof what) =>
  `meetings/2026-12-10.yaml:1:1: not a regular file but ${what[kind]}; agenda reads only files: ` +
  'name a file, or save the file itself under this name';

function withMeeting(kind: keyof typeof what) {
  const { dir, meetings } = copyOfMeetings();
  const file = path.join(meetings, '2026-12-10.yaml');
  if (kind === 'fifo') execFileSync('mkfifo', [file]);
  else mkdirSync(file);
  return dir;
}

describe('a meeting file that is not a file', () => {
  it.each(['fifo', 'folder'] as const)('check tells a %s located, with the summary line of any input error', (kind) => {
    const run = agenda(['check'], { cwd: withMeeting(kind) });
    expect(errorLines(run.stderr)).toEqual([told(kind)]);
    expect(run.stdout).toMatch(/^checked \d+ files: 1 error, 0 warnings$/m);
    expect(run.status).toBe(1);
  });

  it('build of that meeting tells it located and writes nothing', () => {
    const dir = withMeeting('fifo');
    const run = agenda(['build', '2026-12-10'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([told('fifo')]);
    expect(run.status).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('build --all builds the other meetings and names it among the failed', () => {
    const dir = withMeeting('fifo');
    const run = agenda(['build', '--all'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([told('fifo'), expect.stringMatching(/^built 2 of 3 documents .*; failed: 2026-12-10$/)]);
    expect(run.status).toBe(1);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['2023-09-06-referat.pdf', '2023-11-22-dagsorden.pdf']);
  }, 120_000);

  it('publish tells it located and writes no site', () => {
    const dir = withMeeting('folder');
    const run = agenda(['publish', '--out', 'site'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([told('folder')]);
    expect(run.status).toBe(1);
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });
});

// forseglet.yaml, which names the sealed minutes, read by publish and verify for every finalized minutes: a FIFO there
// (the adversary's: told twice, unlocated) is told once, at its start, as any input file's, and never opened.
describe('a forseglet.yaml that is a FIFO', () => {
  const list = 'meetings/arkiv/2023-09-06/forseglet.yaml';
  const fifoTold = `${list}:1:1: not a regular file but ${what.fifo}; agenda reads only files: name a file, or save the file itself under this name`;

  it('publish and verify tell it once, located; publish writes no site', () => {
    const { dir } = copyOfOneMeeting('2023-09-06');
    const finalized = agenda(['finalize', '2023-09-06'], { cwd: dir });
    expect(finalized.status, finalized.stderr).toBe(0);
    execFileSync('mkfifo', [path.join(dir, list)]);
    const publish = agenda(['publish', '--out', 'site'], { cwd: dir });
    expect(errorLines(publish.stderr)).toEqual([fifoTold]);
    expect(publish.status).toBe(1);
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
    const verify = agenda(['verify', '2023-09-06'], { cwd: dir });
    expect(errorLines(verify.stderr)).toEqual([fifoTold]);
    expect(verify.stdout).toBe('');
    expect(verify.status).toBe(1);
  });
});
