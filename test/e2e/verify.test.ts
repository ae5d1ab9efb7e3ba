import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { approve, date, forsegl, membersDocument, sharedMinutesToSeal, sealedFiles, testCertificate } from '../support/seal.js';
import { clockTime } from '../../src/shared/clock-time.js';

/** `git` in the scratch repository, as a clerk commits the meeting. */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

/** A change to a file for the length of one check, then undone. */
function whileChanged<T>(file: string, change: (bytes: Buffer) => void, check: () => T): T {
  const kept = readFileSync(file);
  const changed = Buffer.from(kept);
  change(changed);
  writeFileSync(file, changed);
  try {
    return check();
  } finally {
    writeFileSync(file, kept);
  }
}

const verify = (dir: string, env: NodeJS.ProcessEnv = {}) => agenda(['verify', date], { cwd: dir, env });

describe('agenda verify: the approvals, the seals and the published minutes, from the repository alone', () => {
  let minutes: ReturnType<typeof sharedMinutesToSeal>;
  let sealed: ReturnType<typeof sealedFiles>;
  let log: string;

  // Several builds of the minutes with their attachments: minutes on a machine shared with other runs.
  beforeAll(() => {
    const cert = testCertificate();
    minutes = sharedMinutesToSeal();
    const first = { medlem: 'Lene Mehlsen Thomsen', tid: '2023-09-07T09:00:00+02:00', sha256: minutes.sha256, måde: 'møde' };
    log = approve(minutes.meetings, [first]);
    expect(forsegl(minutes.dir, cert.p12).status).toBe(0);
    git(minutes.dir, 'init', '-q');
    git(minutes.dir, 'add', 'meetings');
    git(minutes.dir, 'commit', '-q', '-m', 'Referatet forseglet');
    // An addition after the first seal: a new version, approved and sealed in its turn; the first
    // approval stays that of the first version, which only git's history of the archive holds now.
    edit(path.join(minutes.meetings, `${date}.yaml`), 'beslutning: Godkendt XQZSECRET01.', 'beslutning: Godkendt XQZSECRET01. Tilføjet.');
    const second = membersDocument(minutes.dir).sha256;
    approve(minutes.meetings, [first, { medlem: 'Kim Bruun Nielsen', tid: '2023-09-12T10:00:00+02:00', sha256: second }]);
    expect(forsegl(minutes.dir, cert.p12).status).toBe(0);
    git(minutes.dir, 'add', 'meetings');
    git(minutes.dir, 'commit', '-q', '-m', 'Tilføjelse forseglet');
    sealed = sealedFiles(minutes.meetings);
  }, 600_000);

  it('passes, finding each approval’s version in the archive or in git’s history of it', () => {
    const run = verify(minutes.dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.every((l) => l.startsWith('ok: ') || l.startsWith('all '))).toBe(true);
    expect(lines.at(-1)).toBe('all 6 checks hold');
    expect(run.stdout).toMatch(
      /^ok: approval by Lene Mehlsen Thomsen \(møde, .*\): of the version sealed in meetings\/arkiv\/2023-09-06\/.*-samlet\.pdf as committed in [0-9a-f]{7,}$/m,
    );
    expect(run.stdout).toMatch(
      /^ok: approval by Kim Bruun Nielsen \(mail, .*\): of the version sealed in meetings\/arkiv\/2023-09-06\/2023-09-06-referat-samlet\.pdf$/m,
    );
    expect(run.stdout).toMatch(
      /^ok: .*offentlig-samlet\.pdf: the sealed public minutes \(sha256 [0-9a-f]{64}\) are the public counterpart of the approved version$/m,
    );
  });

  it('fails with a plain line when one byte of the published PDF is changed', () => {
    const run = whileChanged(
      sealed.public,
      (bytes) => {
        // A byte of the document's text, well inside the signed part.
        const at = bytes.indexOf('stream') + 200;
        bytes[at] = (bytes[at] ?? 0) ^ 1;
      },
      () => verify(minutes.dir),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `FAILED: ${path.relative(minutes.dir, sealed.public)}: the seal does not hold: Digest Mismatch. (the file was changed after sealing)\n`,
    );
    expect(run.stdout).toMatch(/^1 of 6 checks failed$/m);
  });

  it('fails with a located line when an approval’s hash in the log is edited', () => {
    const run = whileChanged(
      log,
      (bytes) => {
        const text = bytes.toString('utf8').replace(/(sha256: )([0-9a-f])/, (_m, key: string, c: string) => key + (c === 'a' ? 'b' : 'a'));
        bytes.write(text, 'utf8');
      },
      () => verify(minutes.dir),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^FAILED: meetings/2023-09-06\\.godkendt\\.yaml:5:11: \\[0\\]\\.sha256: approval by Lene Mehlsen Thomsen \\(møde, ${clockTime('2023-09-07T09:00:00+02:00')}\\): no sealed version of the members' minutes in the archive or its git history has SHA-256 [0-9a-f]{64}$`,
        'm',
      ),
    );
  });

  it('says plainly that the seal cannot be checked without pdfsig', () => {
    // A PATH with git and nothing of poppler's.
    const bin = path.join(tempDir('agenda-path-'), 'bin');
    mkdirSync(bin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    const run = verify(minutes.dir, { PATH: bin });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `FAILED: ${path.relative(minutes.dir, sealed.members)}: cannot check the seal: pdfsig not found; install poppler-utils\n`,
    );
  });
});
