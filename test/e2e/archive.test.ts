import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, cliPath, copyOfMeetings, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

const date = '2023-11-22';
const archive = path.join('meetings', 'arkiv', date);

/** Damages to a shared file, each one the live files would be refused for. */
const damages: Array<{ name: string; file: string; from: string | RegExp; to: string; meeting?: [string, string] }> = [
  {
    name: 'a calendar meeting of an unknown committee',
    file: 'kalender.yaml',
    from: '{ dato: 2023-11-28, udvalg: KFU }',
    to: '{ dato: 2023-11-28, udvalg: XYZ }',
  },
  { name: 'a short name given twice in the calendar', file: 'kalender.yaml', from: 'kort: EU,', to: 'kort: KB,' },
  {
    name: "a standing item's id the meeting's fast: does not name",
    file: 'faste-punkter.yaml',
    from: /id: økonomi$/m,
    to: 'id: økonomien',
  },
  { name: 'a standing id given twice', file: 'faste-punkter.yaml', from: /id: økonomi$/m, to: 'id: beslutningsprotokoller' },
  {
    name: 'a member the meeting names gone from the members',
    file: 'udvalg.yaml',
    from: '  - titel: Fællesforvaltningsdirektør\n    navn: Kim Bruun Nielsen\n',
    to: '',
    meeting: ['  - fast: behandling\n', '  - fast: behandling\n    inhabil: [Kim Bruun Nielsen]\n'],
  },
  {
    name: "a member's til before fra",
    file: 'udvalg.yaml',
    from: '    fra: 2023-11-01\n',
    to: '    fra: 2023-11-01\n    til: 2023-01-01\n',
  },
];

/** `agenda check` of the meeting: its exit and its error lines. */
function check(dir: string): { status: number | null; errors: string[] } {
  const run = agenda(['check', date], { cwd: dir });
  return { status: run.status, errors: errorLines(run.stderr) };
}

describe('the archived copies of a finalized meeting (arkiv/<date>/)', () => {
  it.each(damages)('are cross-checked as the live files are: $name', ({ file, from, to, meeting }) => {
    // The damage in the live file: what the check says of it.
    const live = copyOfMeetings();
    edit(path.join(live.meetings, file), from, to);
    if (meeting) edit(path.join(live.meetings, `${date}.yaml`), ...meeting);
    const liveCheck = check(live.dir);
    expect(liveCheck.status).toBe(1);
    expect(liveCheck.errors.length).toBeGreaterThan(0);

    // The same damage in the archived copy, the live files valid: the same errors, at the copy.
    const finalized = copyOfMeetings();
    if (meeting) edit(path.join(finalized.meetings, `${date}.yaml`), ...meeting);
    expect(agenda(['finalize', date], { cwd: finalized.dir }).status).toBe(0);
    edit(path.join(finalized.dir, archive, file), from, to);
    const archivedCheck = check(finalized.dir);
    expect(archivedCheck.status).toBe(1);
    const atCopy = liveCheck.errors.map((l) =>
      l.startsWith(`meetings/${file}:`)
        ? l.replace(`meetings/${file}:`, `${archive}/${file}:`)
        : `${l} (the meeting is finalized: checked against ${archive}/${file})`,
    );
    expect(archivedCheck.errors).toEqual(atCopy);
    // The build says the same, and writes nothing.
    const build = agenda(['build', date, '--out', 'x.pdf'], { cwd: finalized.dir });
    expect(build.status).toBe(1);
    expect(errorLines(build.stderr)).toEqual(atCopy);
    expect(existsSync(path.join(finalized.dir, 'x.pdf'))).toBe(false);
  });

  it('a missing standing-items copy: the references say which archive has none', () => {
    const { dir } = copyOfMeetings();
    expect(agenda(['finalize', date], { cwd: dir }).status).toBe(0);
    rmSync(path.join(dir, archive, 'faste-punkter.yaml'));
    const { status, errors } = check(dir);
    expect(status).toBe(1);
    expect(errors).toContain(
      `meetings/${date}.yaml:25:11: punkter[1].fast: no standing item has the id 'økonomi' (the meeting is finalized: checked against ${archive}, which has no faste-punkter.yaml)`,
    );
  });

  it('an archive that is not a folder: one line naming it', () => {
    const { dir } = copyOfMeetings();
    mkdirSync(path.join(dir, 'meetings', 'arkiv'));
    spawnSync('mkfifo', [path.join(dir, archive)]);
    const run = agenda(['check', date], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${archive}: not a folder; a finalized meeting's archive is the folder of copies agenda finalize writes (to reopen the meeting, delete it)\n`,
    );
  });
});

/** Whether this process may mount a small tmpfs in a mount namespace of its own (root, with unshare). */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt'], { stdio: 'ignore' });
  return probe.status === 0;
}

describe('agenda finalize on a full disk', () => {
  // A real full disk: a 2 MB tmpfs, mounted in a mount namespace of this test's own (so nothing
  // else sees it), filled to the last block. Needs root and unshare, as CI has.
  it.skipIf(!canMountTmpfs())(
    'one clear line, exit 3, no arkiv/ left (not even empty), the meeting file untouched (skipped without root and unshare: no tmpfs to fill)',
    () => {
      const work = tempDir('agenda-full-');
      const disk = path.join(work, 'disk');
      const after = path.join(work, 'after');
      mkdirSync(disk);
      const script = [
        `mount -t tmpfs -o size=2m tmpfs "${disk}"`,
        `cp -r "${path.join(exampleRoot(), 'meetings')}" "${disk}/"`,
        `dd if=/dev/zero of="${disk}/fill" bs=4k 2>/dev/null || true`,
        `node "${cliPath}" finalize ${date} --meetings "${disk}/meetings" 2>"${work}/stderr" && s=0 || s=$?; echo $s >"${work}/status"`,
        `rm "${disk}/fill"`,
        `cp -r "${disk}/meetings" "${after}"`,
      ].join('\n');
      const run = spawnSync('unshare', ['-m', 'sh', '-ec', script], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(readFileSync(path.join(work, 'status'), 'utf8').trim()).toBe('3');
      expect(readFileSync(path.join(work, 'stderr'), 'utf8')).toBe(`cannot write ${disk}/meetings/arkiv/${date}: the disk is full\n`);
      expect(readdirSync(after)).not.toContain('arkiv');
      expect(readdirSync(after).filter((f) => f.includes('tmp'))).toEqual([]);
      for (const f of readdirSync(path.join(exampleRoot(), 'meetings')).filter((n) => n.endsWith('.yaml'))) {
        expect(readFileSync(path.join(after, f), 'utf8'), f).toBe(readFileSync(path.join(exampleRoot(), 'meetings', f), 'utf8'));
      }
      // With room again, the same command finalizes.
      cpSync(after, path.join(work, 'roomy'), { recursive: true });
      expect(agenda(['finalize', date, '--meetings', path.join(work, 'roomy')]).status).toBe(0);
      expect(readdirSync(path.join(work, 'roomy', 'arkiv', date))).toContain('udvalg.yaml');
    },
  );
});
