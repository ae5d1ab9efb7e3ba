import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, cliPath, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { sharedPdf } from '../support/shared-build.js';
import { exampleRoot } from '../support/examples.js';

const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };

/** The one JSON shape of every result under --json. */
const resultShape = { command: expect.any(String), ok: expect.any(Boolean), exitCode: expect.any(Number), findings: expect.any(Array) };

describe('what a new user meets', () => {
  it('agenda --version prints the version', () => {
    const run = agenda(['--version']);
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it('agenda build with no date says what to give it (exit 2)', () => {
    const run = agenda(['build']);
    expect(run.stderr).toBe(
      'name the meetings: a date (agenda build 2023-11-22), a range (2023-01-01..2023-06-30) or --all; meetings holds 2023-09-06, 2023-11-22\n',
    );
    expect(run.status).toBe(2);
  });

  it('refuses --public with --both as a usage error, in words and as JSON', () => {
    const run = agenda(['build', '2023-11-22', '--public', '--both']);
    expect(run).toMatchObject({ status: 2, stdout: '', stderr: "error: option '--both' cannot be used with option '--public'\n" });
    const json = agenda(['build', '2023-11-22', '--public', '--both', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      ...resultShape,
      command: 'build',
      ok: false,
      exitCode: 2,
      error: "option '--both' cannot be used with option '--public'",
      findings: [],
    });
    expect(json).toMatchObject({ status: 2, stderr: '' });
  });

  it('gives an unexpected failure its own exit code and one line saying it is a bug and where to report it', () => {
    // A fault planted in the runtime: agenda's code meets an error it does not know.
    const planted = 'data:text/javascript,String.prototype.localeCompare=()=>{throw new TypeError("planted fault")}';
    const run = spawnSync(process.execPath, ['--import', planted, cliPath, 'plan', '--from', '2023-11-22'], {
      cwd: exampleRoot(),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe(
      `internal error in agenda ${version} (a bug, not a problem with your files): planted fault; please report it with the command you ran and this line, as README.md says under "Reporting a bug"\n`,
    );
    expect(run.status).toBe(6);
    // The line sends the user to the README, which every copy of agenda has (the package ships it);
    // the installer's table of exit codes sends them there too.
    expect(readFileSync(path.join(packageRoot, 'README.md'), 'utf8')).toMatch(/\n## Reporting a bug\n[\s\S]*exit code 6/);
    expect(readFileSync(path.join(packageRoot, 'docs', 'install', 'exit-codes.md'), 'utf8')).toMatch(
      /\| 6 \| internal error[^\n]*README\.md#reporting-a-bug/,
    );
  });

  it('meets no warning about the shipped examples themselves, in either example folder', () => {
    const { dir } = copyOfMeetings();
    // The two builds of meetings/ are the suite's, made once from the unchanged folder for the files that read them
    // (test/support/shared-build.ts); their stderr is the build's own.
    const runs = [
      { name: 'build 2023-11-22', run: sharedPdf('meetings', '2023-11-22').run },
      { name: 'build 2023-09-06 --public --samlet', run: sharedPdf('meetings', '2023-09-06', ['--public', '--samlet']).run },
      { name: 'plan', run: agenda(['plan'], { cwd: dir }) },
    ];
    for (const { name, run } of runs) {
      expect(run.status, name).toBe(0);
      expect(run.stderr, name).toBe('');
    }
    cpSync(path.join(exampleRoot(), 'eksempel'), path.join(dir, 'eksempel'), { recursive: true });
    const eksempel = agenda(['build', '--all', '--both'], { cwd: path.join(dir, 'eksempel') });
    expect(eksempel.status, eksempel.stderr).toBe(0);
    expect(eksempel.stderr).not.toMatch(/warning/);
  });

  it('never names a temporary file', () => {
    const { dir } = copyOfMeetings();
    const out = `${'x'.repeat(240)}.pdf`; // a name the system takes, but not with the temporary file's suffix
    const run = agenda(['build', '2023-11-22', '--out', out, '--quiet'], { cwd: dir });
    expect(run.stderr).not.toMatch(/\.tmp/);
    expect(errorLines(run.stderr)).toEqual([`cannot write ${out}: ENAMETOOLONG: name too long, open '${out}'`]);
    expect(run.status).toBe(3);
  });

  it('agenda check tells a wrong standing-item id alongside the errors of the same file', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(path.join(meetings, '2023-11-22.yaml'), '  - fast: økonomi\n', '  - fast: økonomii\n');
    edit(path.join(meetings, '2023-11-22.yaml'), 'tid: 11.15', 'tid: 11.15\n        varighed: 15');
    edit(path.join(meetings, 'udvalg.yaml'), 'slut: 17:00', 'slut: sent');
    const run = agenda(['check', '--json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: Array<{ severity: string; file: string; path: string }> };
    expect(report).toMatchObject({ ...resultShape, command: 'check', ok: false, exitCode: 1, error: null, errors: 3 });
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}: ${f.path}`)).toEqual([
      'meetings/udvalg.yaml: slut',
      'meetings/2023-11-22.yaml: punkter[1].fast',
      'meetings/2023-11-22.yaml: punkter[2].tidsplan[1].varighed',
    ]);
    expect(run.status).toBe(1);
  });

  it('says the result of a build as the same JSON shape', () => {
    const { dir } = copyOfMeetings();
    const run = agenda(['build', '2023-09-06', '--json'], { cwd: dir });
    expect(JSON.parse(run.stdout)).toMatchObject({
      ...resultShape,
      command: 'build',
      ok: true,
      exitCode: 0,
      error: null,
      documents: [{ date: '2023-09-06', ok: true }],
    });
  });
});
