import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMakeImmutable } from '../support/immutable.js';
import { temporaryBeside } from '../../src/shared/files.js';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';

describe('files that are not what they seem', () => {
  it('a meeting or shared file that is a symlink to /dev/zero, a FIFO or nothing: a clear error, at once', () => {
    for (const [name, make] of [
      ['2023-11-22.yaml', (f: string) => symlinkSync('/dev/zero', f)],
      ['udvalg.yaml', (f: string) => execFileSync('mkfifo', [f])],
      ['plan.yaml', (f: string) => symlinkSync('findes-ikke.yaml', f)],
    ] as const) {
      const { dir, meetings } = copyOfMeetings();
      rmSync(path.join(meetings, name));
      make(path.join(meetings, name));
      const started = Date.now();
      const run = agenda(['check', '2023-11-22'], { cwd: dir });
      expect(Date.now() - started, name).toBeLessThan(10_000);
      expect(run.status, name).toBe(1);
      expect(errorLines(run.stderr).join('\n'), name).toMatch(
        new RegExp(`^meetings/${name}(:1:1: not a regular file|: a symbolic link to a file that does not exist)`, 'm'),
      );
    }
  });

  it('--out onto a device, a FIFO or a meeting file, or --out and --html the same: refused before anything is written', () => {
    const { dir, meetings } = copyOfMeetings();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const meeting = readFileSync(path.join(meetings, '2023-11-22.yaml'));
    const cases: Array<[string[], RegExp]> = [
      [['--out', '/dev/full'], /^--out \/dev\/full is not a file/],
      [['--out', 'fifo'], /^--out fifo is not a file/],
      [['--out', 'meetings/2023-11-22.yaml'], /^--out meetings\/2023-11-22\.yaml is meetings\/2023-11-22\.yaml, which the build reads/],
      [['--html', './meetings/udvalg.yaml'], /which the build reads/],
      [['--out', 'x', '--html', './x'], /^--out and --html name the same file/],
    ];
    for (const [args, message] of cases) {
      const run = agenda(['build', '2023-11-22', ...args], { cwd: dir });
      expect(run.status, args.join(' ')).toBe(2);
      expect(errorLines(run.stderr).join('\n'), args.join(' ')).toMatch(message);
    }
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(lstatSync(path.join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(Buffer.compare(readFileSync(path.join(meetings, '2023-11-22.yaml')), meeting)).toBe(0);
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
  });

  it('an --html that cannot be written leaves the PDF as it was; a stale temporary file of a killed run is cleaned', () => {
    const { dir } = copyOfMeetings();
    writeFileSync(path.join(dir, 'before.pdf'), 'the previous build');
    writeFileSync(path.join(dir, 'a-file'), '');
    // As agenda names it on this host and boot (`.before.pdf.HOST.BOOT.PID.SPACE.MS.tmp`), of a pid gone.
    const machine = path
      .basename(temporaryBeside(path.join(dir, 'before.pdf')))
      .split('.')
      .slice(3, 5)
      .join('.');
    const stale = `.before.pdf.${machine}.999999.${/\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))![1]}.1700000000000.tmp`;
    writeFileSync(path.join(dir, stale), 'half a PDF');
    const run = agenda(['build', '2023-11-22', '--out', 'before.pdf', '--html', 'a-file/x.html'], { cwd: dir });
    expect(run.status).toBe(3);
    expect(errorLines(run.stderr)).toEqual(['cannot write a-file/x.html: part of its folder path is a file']);
    expect(readFileSync(path.join(dir, 'before.pdf'), 'utf8')).toBe('the previous build');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.runIf(canMakeImmutable())(
    "a site folder that cannot be written: publish says so in build's words, before anything is made (exit 3)",
    () => {
      const { dir } = copyOfMeetings();
      const site = path.join(dir, 'site');
      execFileSync('mkdir', [site]);
      // What chmod 555 is to a clerk, to root (who may write any folder): the folder cannot be written.
      execFileSync('chattr', ['+i', site]);
      try {
        const run = agenda(['publish', '--out', 'site'], { cwd: dir });
        // The folder as its lock resolves it (one lock for one folder, however named).
        expect(errorLines(run.stderr)).toEqual([`cannot write ${realpathSync(site)}: permission denied`]);
        expect(run.status).toBe(3);
      } finally {
        execFileSync('chattr', ['-i', site]);
      }
      expect(readdirSync(site)).toEqual([]);
    },
  );
});
