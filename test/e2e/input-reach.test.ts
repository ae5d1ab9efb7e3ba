import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, cliPath, copyOfMeetings, errorLines, tempDir } from '../support/cli.js';
import { approve, date, forsegl, minutesToSeal, sealedFiles, testCertificate } from '../support/seal.js';

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

// Every other YAML file of a committee's folder the tool reads, each by a command that reads it: a link
// out of the folder is refused at the link, by the same rule, and nothing of what it leads to is read.
// `content` is what the link leads to, written outside the folder; none: the file as it stood, moved out.
interface LinkedOut {
  file: string;
  args: string[];
  content?: string;
  before?: (meetings: string) => void;
  /** A frozen meeting's files lie in its archive: a link from there to the live file would let later changes reach it. */
  toLive?: string;
}
const sha = 'a'.repeat(64);
const finalized = (meetings: string) => expect(agenda(['finalize', '2023-11-22'], { cwd: path.dirname(meetings) }).status).toBe(0);
const linkedOut: LinkedOut[] = [
  // Another committee's send log, read as this committee's, would hide what this one sent.
  { file: '2023-11-22.sendt.yaml', args: ['check', '2023-11-22'], content: '[]\n' },
  { file: '2023-09-06.godkendt.yaml', args: ['verify', '2023-09-06'], content: '[]\n' },
  {
    file: `arkiv/sendt/2023-11-22/${sha}.yaml`,
    args: ['diff', '2023-11-22'],
    content: 'XQZLINK03: x\n',
    before: (meetings) =>
      writeFileSync(
        path.join(meetings, '2023-11-22.sendt.yaml'),
        `- tid: 2023-11-15T10:00:00+01:00\n  til: a@example.dk\n  dokument: 2023-11-22-dagsorden.pdf\n  sha256: ${sha}\n  sendt: ja\n`,
      ),
  },
  { file: 'arkiv/2023-09-06/forseglet.yaml', args: ['verify', '2023-09-06'], content: 'medlemmer: XQZLINK02\noffentlig: x.pdf\n' },
  { file: 'arkiv/2023-11-22/bilag.yaml', args: ['build', '2023-11-22', '--samlet'], before: finalized },
  { file: 'arkiv/2023-11-22/plan.yaml', args: ['check', '2023-11-22'], before: finalized, toLive: 'plan.yaml' },
];

describe.each(linkedOut)('$file, a symbolic link out of its folder', ({ file, args, content, before, toLive }) => {
  it(`is refused at the link by agenda ${args.join(' ')}, located and named`, () => {
    const { dir, meetings } = copyOfMeetings();
    before?.(meetings);
    const link = path.join(meetings, file);
    const outside = toLive === undefined ? path.join(dir, 'elsewhere.yaml') : path.join(meetings, toLive);
    if (toLive !== undefined) rmSync(link);
    else if (content === undefined) renameSync(link, outside);
    else writeFileSync(outside, content);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(outside, link);
    const run = agenda(args, { cwd: dir });
    const folder = file.startsWith('arkiv/20') ? "the meeting's archive" : 'the meetings folder';
    expect(errorLines(run.stderr)).toEqual([`meetings/${file}:1:1: a symbolic link that leads outside ${folder}`]);
    expect(run.stdout + run.stderr).not.toMatch(/XQZLINK/);
    expect(run.status).toBe(1);
  });
});
describe("a committee's udvalg.yaml that is a link to another committee's", () => {
  it("does not give it the other's short name: it keeps its folder's, and the checks refuse the link", () => {
    const { dir, meetings } = copyOfMeetings();
    mkdirSync(path.join(dir, 'udvalg'));
    renameSync(meetings, path.join(dir, 'udvalg', 'AA'));
    cpSync(path.join(dir, 'udvalg', 'AA'), path.join(dir, 'udvalg', 'ZZ'), { recursive: true });
    const own = path.join(dir, 'udvalg', 'AA', 'udvalg.yaml');
    writeFileSync(own, `kort: ØK\n${readFileSync(own, 'utf8')}`);
    rmSync(path.join(dir, 'udvalg', 'ZZ', 'udvalg.yaml'));
    symlinkSync(path.join('..', 'AA', 'udvalg.yaml'), path.join(dir, 'udvalg', 'ZZ', 'udvalg.yaml'));
    expect(agenda(['check', '--udvalg', 'NOPE'], { cwd: dir }).stderr).toContain('(the committees are: ZZ, ØK)');
    const run = agenda(['check', '--udvalg', 'ZZ', '2023-11-22'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(['udvalg/ZZ/udvalg.yaml:1:1: a symbolic link that leads outside the meetings folder']);
  });
});

describe('finalize, where a shared file is a link to a file inside the folder', () => {
  it('archives its text, not the link: a later change to the live file leaves the frozen meeting as it went out', () => {
    const { dir, meetings } = copyOfMeetings();
    const live = path.join(meetings, 'medlemmer.yaml');
    renameSync(path.join(meetings, 'udvalg.yaml'), live);
    symlinkSync('medlemmer.yaml', path.join(meetings, 'udvalg.yaml'));
    const sent = readFileSync(live, 'utf8');
    expect(agenda(['finalize', '2023-11-22'], { cwd: dir }).status).toBe(0);
    const archived = path.join(meetings, 'arkiv', '2023-11-22', 'udvalg.yaml');
    expect(lstatSync(archived).isFile()).toBe(true);
    writeFileSync(live, `${sent}# changed after it went out\n`);
    expect(readFileSync(archived, 'utf8')).toBe(sent);
    const run = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
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

// The sealed minutes in a meeting's archive: publish puts the public file on the site where forseglet.yaml's
// names and what it records match, whatever the file holds, and verify judges what it reads. A link there out of
// the archive is refused as every file of the archive is; a FIFO is refused unopened (a read would wait for ever).
describe("a sealed PDF in the meeting's archive that is a symbolic link out of it, or a FIFO", () => {
  let sealed: string;
  beforeAll(() => {
    const minutes = minutesToSeal();
    approve(minutes.meetings, [{ medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256 }]);
    expect(forsegl(minutes.dir, testCertificate().p12).status).toBe(0);
    sealed = minutes.dir;
  }, 600_000);

  /** A copy of the sealed repository with `which` sealed file made a link to its own bytes outside the folder, or a FIFO. */
  function withSealed(which: 'members' | 'public', as: 'link' | 'fifo') {
    const dir = tempDir();
    cpSync(sealed, dir, { recursive: true });
    const file = sealedFiles(path.join(dir, 'meetings'))[which];
    if (as === 'link') {
      renameSync(file, path.join(dir, 'elsewhere.pdf'));
      symlinkSync(path.join(dir, 'elsewhere.pdf'), file);
    } else {
      rmSync(file);
      execFileSync('mkfifo', [file]);
    }
    return { dir, file: path.relative(dir, file) };
  }
  const refusal = {
    link: "a symbolic link that leads outside the meeting's archive",
    fifo: 'not a regular file but a named pipe (FIFO); agenda reads only files: name a file, or save the file itself under this name',
  };

  it.each(['link', 'fifo'] as const)(
    'publish refuses the public one (%s), located and named, and writes no site',
    (as) => {
      const { dir, file } = withSealed('public', as);
      const run = agenda(['publish', '--out', 'site', '--samlet'], { cwd: dir });
      expect(errorLines(run.stderr)).toEqual([`${file}:1:1: ${refusal[as]}`]);
      expect(run.status).toBe(1);
      expect(existsSync(path.join(dir, 'site'))).toBe(false);
    },
    60_000,
  );

  it.each([
    ['members', 'link'],
    ['public', 'link'],
    ['public', 'fifo'],
  ] as const)(
    'verify tells the %s one (%s) as not the document, and reads nothing through it',
    (which, as) => {
      const { dir, file } = withSealed(which, as);
      const run = agenda(['verify', date], { cwd: dir });
      expect(run.stdout).toContain(`FAILED: ${file}: not the document: ${refusal[as]}\n`);
      expect(run.stdout).not.toMatch(new RegExp(`^ok: ${file}:`, 'm'));
      expect(run.status).toBe(1);
    },
    60_000,
  );

  it.each(['link', 'fifo'] as const)(
    "verify --site tells a site's copy that is a %s as not the document",
    (as) => {
      const dir = tempDir();
      cpSync(sealed, dir, { recursive: true });
      const copy = path.join(dir, 'site', 'direktionen', path.basename(sealedFiles(path.join(dir, 'meetings')).public));
      mkdirSync(path.dirname(copy), { recursive: true });
      if (as === 'link') symlinkSync(sealedFiles(path.join(dir, 'meetings')).public, copy);
      else execFileSync('mkfifo', [copy]);
      const run = agenda(['verify', date, '--site', 'site'], { cwd: dir });
      const why = as === 'link' ? 'a symbolic link that leads outside the site' : refusal.fifo;
      expect(run.stdout).toContain(`FAILED: ${path.relative(dir, copy)}: not the document: ${why}\n`);
      expect(run.status).toBe(1);
    },
    60_000,
  );
});
