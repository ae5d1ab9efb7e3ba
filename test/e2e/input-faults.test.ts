import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { copyOut, sharedExampleSite } from '../support/shared-build.js';
import { exampleRoot } from '../support/examples.js';
import { siteBytes } from '../support/site.js';

// What a new user's walk through a clone found (the input side): each told as bad input is, at its file.

describe('meeting files named near the right name, or with a date not in the calendar', () => {
  const nearMisses = (meetings: string) => {
    for (const name of ['2023-12-13.yml', '2023-12-6.yaml']) cpSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, name));
  };
  const warnings = [
    'meetings/2023-12-13.yml:1:1: warning: not read as a meeting: a meeting file is named by its date, YYYY-MM-DD.yaml, exactly; rename it 2023-12-13.yaml',
    'meetings/2023-12-6.yaml:1:1: warning: not read as a meeting: a meeting file is named by its date, YYYY-MM-DD.yaml, exactly; rename it 2023-12-06.yaml',
  ];
  const impossible =
    'meetings/2023-02-30.yaml:1:1: 2023-02-30 is not a date in the calendar: a meeting file is named by its date, YYYY-MM-DD.yaml, exactly';

  it('agenda check warns of each near miss, naming its right name, and passes', () => {
    const { dir, meetings } = copyOfMeetings();
    nearMisses(meetings);
    const run = agenda(['check'], { cwd: dir });
    expect(run.stderr.trim().split('\n')).toEqual(warnings);
    expect(run).toMatchObject({ status: 0, stdout: 'checked 6 files: 0 errors, 2 warnings\n' });
  });

  it('check, build --all and publish refuse a date not in the calendar at its file (exit 1, no internal error); check and build tell the near misses too, publish, stopped, its errors alone', () => {
    const { dir, meetings } = copyOfMeetings();
    nearMisses(meetings);
    cpSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, '2023-02-30.yaml'));
    const check = agenda(['check'], { cwd: dir });
    expect(check.stderr.trim().split('\n').sort()).toEqual([impossible, ...warnings].sort());
    expect(check.status).toBe(1);
    // Both stop before anything is printed: every meeting of the folder refused, nothing written.
    const build = agenda(['build', '--all'], { cwd: dir });
    expect(build.stderr).toContain(`${impossible}\n`);
    for (const warning of warnings) expect(build.stderr).toContain(`${warning}\n`);
    expect(build.status).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    // publish tells an error that stops it alone, as of any file: its warnings are told by a publish that goes on.
    const publish = agenda(['publish', '--out', 'site'], { cwd: dir });
    expect(publish.stderr).toBe(`${impossible}\n`);
    expect(publish.status).toBe(1);
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(false);
    expect(`${check.stderr}${build.stderr}${publish.stderr}`).not.toContain('internal error');
  });

  it('a date not in the calendar only warns where meetings are named: it is none of theirs', () => {
    const { dir, meetings } = copyOfMeetings();
    cpSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, '2023-02-30.yaml'));
    const warned = impossible.replace(':1:1: ', ':1:1: warning: ');
    for (const command of ['check', 'build']) {
      const run = agenda([command, '2023-11-22'], { cwd: dir });
      expect(run.stderr, command).toContain(`${warned}\n`);
      expect(run.status, command).toBe(0);
    }
    expect(existsSync(path.join(dir, 'out', '2023-11-22-dagsorden.pdf'))).toBe(true);
  });

  it('names the near miss where the meeting named has no file, and new writes no draft beside it', () => {
    const { dir, meetings } = copyOfMeetings();
    nearMisses(meetings);
    const missing = 'meetings/2023-12-13.yaml: no such file; 2023-12-13.yml is there: rename it 2023-12-13.yaml\n';
    for (const command of ['check', 'build', 'minutes', 'finalize']) {
      const run = agenda([command, '2023-12-13'], { cwd: dir });
      expect(run.stderr, command).toContain(missing);
      expect(run.status, command).toBe(1);
    }
    expect(agenda(['new', '2023-12-13'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr: 'meetings/2023-12-13.yml is this meeting, not read under that name: rename it 2023-12-13.yaml rather than write a new one\n',
    });
    expect(existsSync(path.join(meetings, '2023-12-13.yaml'))).toBe(false);
  });

  it('publish warns of the near misses (over the examples’ site, where nothing is printed anew)', () => {
    const { dir, meetings } = copyOfMeetings();
    nearMisses(meetings);
    copyOut(sharedExampleSite().out, path.join(dir, 'site'));
    const publish = agenda(['publish', '--meetings', 'meetings', '--out', 'site'], { cwd: dir });
    for (const warning of warnings) expect(publish.stderr).toContain(`${warning}\n`);
    expect(publish.status).toBe(0);
  });
});

describe('agenda build refuses what agenda check refuses', () => {
  it("stops on check's errors of the attachment files, though a PDF without its attachments needs none of them", () => {
    const { dir, meetings } = copyOfMeetings();
    const file = path.join(meetings, '2023-11-22.yaml');
    // Of check's errors of a `fil:` (combine.ts, openAttachments): a missing file, an empty one, one of no kind that is
    // read, a damaged PDF (also, untested here: a path out of the folder, a file changed since finalizing). A public
    // build opens the public version's alone: a closed file is never opened for a public output.
    writeFileSync(path.join(meetings, 'bilag', 'tom.pdf'), '');
    writeFileSync(path.join(meetings, 'bilag', 'tekst.pdf'), 'ikke en pdf\n');
    writeFileSync(path.join(meetings, 'bilag', 'skadet.pdf'), '%PDF-1.7\n1 0 obj\n<<\n');
    edit(file, 'fil: bilag/2023-11-22/2-1.pdf', 'fil: bilag/findes-ikke.pdf');
    edit(file, 'fil: bilag/2023-11-22/2-2.pdf', 'fil: bilag/tom.pdf');
    edit(file, 'fil: bilag/2023-11-22/3-1.pdf', 'fil: bilag/tekst.pdf');
    edit(file, 'fil: bilag/2023-11-22/3-2.pdf', 'fil: bilag/skadet.pdf');
    const check = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(check.status).toBe(1);
    const refused = check.stderr.trim().split('\n');
    expect(refused.map((l) => /\.fil: ([^:]+):/.exec(l)?.[1])).toEqual([
      'bilag/findes-ikke.pdf',
      'bilag/tom.pdf',
      'bilag/tekst.pdf',
      'bilag/skadet.pdf',
    ]);
    // The members' build refuses every one; the public build all but the closed attachment's (bilag/tom.pdf).
    const closed = refused.filter((l) => l.includes('bilag/tom.pdf'));
    expect(closed).toHaveLength(1);
    for (const [args, told] of [
      [['2023-11-22'], refused],
      [['2023-11-22', '--public'], refused.filter((l) => !closed.includes(l))],
    ]) {
      const build = agenda(['build', ...(args ?? [])], { cwd: dir });
      expect(build.stderr.trim().split('\n')).toEqual(told);
      expect(build.status).toBe(1);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    }
  });

  it('stops on an office file with no LibreOffice to convert it, as a combined document does: one line, exit 3', () => {
    const { dir } = copyOfMeetings();
    const nowhere = ['--libreoffice', path.join(dir, 'no-such', 'soffice')];
    const check = agenda(['check', '2023-09-06', ...nowhere], { cwd: dir });
    expect(check.status).toBe(1);
    const build = agenda(['build', '2023-09-06', ...nowhere], { cwd: dir });
    expect(build.stderr).toMatch(/^bilag\/2023-09-06\/3-1\.docx is an office file, to be converted to PDF by LibreOffice: .*\n$/);
    expect(build.status).toBe(3);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('opens no attachment file where a build prints nothing: approved minutes and a sent agenda, read, are kept', () => {
    const { dir, meetings } = copyOfMeetings();
    const decided = '    indstilling: Dagsordenen for mødet den 13. september blev justeret.\n';
    edit(path.join(meetings, '2023-09-06.yaml'), decided, `${decided}    beslutning: Taget til efterretning.\n`);
    expect(agenda(['build', '--all'], { cwd: dir }).status).toBe(0);
    const approve = agenda(['godkend', '2023-09-06', '--af', 'Lene Mehlsen Thomsen'], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
    expect(approve.status, approve.stderr).toBe(0);
    // A sent agenda is read by every build (meeting-builder.ts, keptUnread), as are approved minutes.
    const sent = createHash('sha256')
      .update(readFileSync(path.join(dir, 'out', '2023-11-22-dagsorden.pdf')))
      .digest('hex');
    const log = `- tid: 2023-11-20T10:00:00+01:00\n  til: a@example.org\n  dokument: 2023-11-22-dagsorden.pdf\n  sha256: ${sent}\n  sendt: true\n`;
    writeFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), log);
    const first = agenda(['build', '--all'], { cwd: dir });
    expect(first.status, first.stderr).toBe(0);
    // Opened, the minutes' .docx would need LibreOffice (exit 3) and the damaged PDF would be refused (exit 1).
    writeFileSync(path.join(meetings, 'bilag', '2023-11-22', '2-1.pdf'), 'ikke en pdf\n');
    const again = agenda(['build', '--all', '--libreoffice', path.join(dir, 'no-such', 'soffice')], { cwd: dir });
    expect(again.stderr).toMatch(/^built 0 of 2 documents in [\d.]+ s, 2 unchanged/);
    expect(again.status).toBe(0);
  });
});

describe('agenda publish says what agenda check says of a closed attachment’s file', () => {
  it('warns, at its fil:, in check’s words, where the file is missing; the site, whole without it, is published (exit 0)', () => {
    const { dir, meetings } = copyOfMeetings();
    rmSync(path.join(meetings, 'bilag', '2023-09-06', '3-7.pdf'));
    const check = agenda(['check', '2023-09-06'], { cwd: dir });
    expect(check.status).toBe(1);
    const [error = ''] = check.stderr.trim().split('\n');
    expect(error).toMatch(/^meetings\/2023-09-06\.yaml:\d+:\d+: punkter\[2\]\.bilag\[6\]\.fil: bilag\/2023-09-06\/3-7\.pdf: no such file/);
    const warning = error.replace(/^([^:]+:\d+:\d+: )/, '$1warning: ');
    const example = sharedExampleSite().out;
    copyOut(example, path.join(dir, 'site'));
    // Once as the meeting is read, and again from the records of a publication that reads it no more.
    for (const time of ['read', 'unread']) {
      const publish = agenda(['publish', '--meetings', 'meetings', '--out', 'site'], { cwd: dir });
      expect(
        publish.stderr.split('\n').filter((l) => l.includes('3-7.pdf')),
        time,
      ).toEqual([warning]);
      expect(publish.status, time).toBe(0);
    }
    // The documents and pages as the example's, the file there: the feeds' times and the state file follow the files copied.
    const documents = (site: string) => [...siteBytes(site)].filter(([file]) => /\.(pdf|html)$/.test(file));
    expect(documents(path.join(dir, 'site'))).toEqual(documents(example));
  });
});

describe('agenda new', () => {
  it("writes an example of the meeting's own items that checks once its lines are uncommented", () => {
    const { dir, meetings } = copyOfMeetings();
    expect(agenda(['new', '2023-11-29'], { cwd: dir }).status).toBe(0);
    const file = path.join(meetings, '2023-11-29.yaml');
    const draft = readFileSync(file, 'utf8');
    const example = draft.match(/ {2}# Mødets egne punkter skrives her.*\n((?: {2}# .*\n)+)/)?.[1] ?? '';
    expect(example).toContain('#   sagsfremstilling: ...');
    const uncommented = example.replaceAll('  # ', '  ').replaceAll('...', 'Tekst');
    writeFileSync(file, draft.replace(example, uncommented));
    const check = agenda(['check', '2023-11-29', '--json'], { cwd: dir });
    const findings = (JSON.parse(check.stdout) as { findings: Array<{ severity: string; message: string }> }).findings;
    expect(findings.filter((f) => f.severity !== 'warning')).toEqual([]);
    expect(check.status).toBe(0);
  });
});

describe('agenda run from inside a committee’s folder', () => {
  it('says to run it from the folder above, rather than that the folder has no meetings', () => {
    const { meetings } = copyOfMeetings();
    const said =
      "this folder (meetings) is a committee's folder, holding udvalg.yaml, 2023-09-06.yaml …: run agenda from the folder above it (cd ..), where out/ is made and kommune.yaml and husstil/ are found\n";
    for (const args of [['check'], ['build', '2023-11-22']])
      expect(agenda(args, { cwd: meetings })).toMatchObject({ status: 2, stderr: said });
    expect(existsSync(path.join(meetings, 'out'))).toBe(false);
  });

  it('names the repository’s folder from udvalg/<committee>/ (cd ../..) and from udvalg/ itself', () => {
    const repo = tempDir();
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    const where = 'where out/ is made and kommune.yaml and husstil/ are found\n';
    expect(agenda(['check'], { cwd: path.join(repo, 'udvalg', 'KB') })).toMatchObject({
      status: 2,
      stderr: `this folder (KB) is a committee's folder, holding udvalg.yaml, 2024-01-16.yaml: run agenda from the folder two above it (cd ../..), ${where}`,
    });
    expect(agenda(['check'], { cwd: path.join(repo, 'udvalg') })).toMatchObject({
      status: 2,
      stderr: `this folder (udvalg) holds the committees' folders (KB, ØK): run agenda from the folder above it (cd ..), ${where}`,
    });
  });
});

describe('agenda minutes on a file it cannot add to', () => {
  it('tells an item written on one line at its file, line, column and path (exit 1)', () => {
    const { dir, meetings } = copyOfMeetings();
    writeFileSync(path.join(meetings, '2023-11-29.yaml'), 'punkter:\n  - { titel: Et punkt, sagsfremstilling: Tekst }\n');
    const run = agenda(['minutes', '2023-11-29'], { cwd: dir });
    expect(run.stderr).toBe(
      'meetings/2023-11-29.yaml:2:5: punkter[0]: written on one line ({ ... }): write it as a block to add its beslutning\n',
    );
    expect(run.status).toBe(1);
  });
});
