import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, cliPath, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfInfo } from '../support/pdf.js';

describe('agenda check', () => {
  it('passes the example meetings (exit 0) without a warning about the example itself', () => {
    const run = agenda(['check']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('checked 6 files: 0 errors, 0 warnings\n');
    expect(run.stderr).toBe('');
  });

  it('warns, without failing, of each thing a clerk should look at', () => {
    const { dir, meetings } = copyOfMeetings();
    writeFileSync(
      path.join(meetings, '2023-11-21.yaml'),
      [
        'fraværende:',
        '  - Lene Mehlsen Tomsen',
        'punkter:',
        '  - fast: behandling',
        '    tidsplan:',
        '      - tid: 11.30',
        '        punkt: A',
        '      - tid: 11.00',
        '        punkt: B',
        '    bilag:',
        '      - titel: A',
        '      - titel: B',
        '        nummer: 1',
        '      - lukket: true',
        '  - titel: UDFYLD',
        '',
      ].join('\n'),
    );
    edit(
      path.join(meetings, 'plan.yaml'),
      '\nafventer_dato:',
      '  - dato: 2023-11-23\n    punkter:\n      - Et punkt på en torsdag\n\nafventer_dato:',
    );
    const planLine = readFileSync(path.join(meetings, 'plan.yaml'), 'utf8').split('\n').indexOf('  - dato: 2023-11-23') + 1;
    const run = agenda(['check', '2023-11-21'], { cwd: dir });
    expect(run.stderr.trim().split('\n')).toEqual([
      `meetings/plan.yaml:${planLine}:11: warning: møder[13].dato: Direktionen has no meeting on torsdag 2023-11-23 by its mødeplan`,
      'meetings/2023-11-21.yaml:1:1: warning: Direktionen does not meet on tirsdag 2023-11-21 by its mødeplan',
      "meetings/2023-11-21.yaml:2:5: fraværende[0]: Lene Mehlsen Tomsen is not a member of Direktionen on 2023-11-21 (did you mean 'Lene Mehlsen Thomsen'?)",
      'meetings/2023-11-21.yaml:8:14: warning: punkter[0].tidsplan[1].tid: this time comes before the time of tidsplan[0] above',
      'meetings/2023-11-21.yaml:13:17: warning: punkter[0].bilag[1].nummer: attachment number 1 is used twice (also bilag[0])',
      'meetings/2023-11-21.yaml:15:12: warning: punkter[1].titel: still says UDFYLD: write the text, or remove the key',
    ]);
    // A misspelt absent member is an error: the member meant would count as present, able to vote and approve.
    expect(run.stdout).toBe('checked 5 files: 1 error, 5 warnings\n');
    expect(run.status).toBe(1);
  });

  const broken = [
    {
      what: 'any error in any file, after listing them all',
      edits: [
        ['faste-punkter.yaml', 'placering: sidst', 'placering: til sidst'],
        ['2023-09-06.yaml', '      - tid: 10.15', '      - tidd: 10.15'],
      ],
      errors: [
        'meetings/faste-punkter.yaml:50:16: punkter[3].placering: expected one of: først, sidst',
        "meetings/2023-09-06.yaml:53:9: punkter[2].tidsplan[1].tidd: unknown key (did you mean 'tid'?)",
      ],
    },
    {
      what: 'a political calendar naming committees it does not list, and a remark on a meeting it does not have',
      edits: [
        ['kalender.yaml', '{ dato: 2023-11-16, udvalg: BUU }', '{ dato: 2023-11-16, udvalg: BUV }'],
        ['kalender.yaml', 'rul: [ØK, KB]', 'rul: [ØK, KBB]'],
        ['2023-09-06.yaml', 'ØK 2023-09-05:', 'ØK 2023-09-04:'],
      ],
      errors: [
        "meetings/kalender.yaml:22:11: rul[1]: no committee under udvalg has the short name 'KBB' (did you mean 'KB'?)",
        "meetings/kalender.yaml:43:33: møder[17].udvalg: no committee under udvalg has the short name 'BUV' (did you mean 'BUU'?)",
        "meetings/2023-09-06.yaml:6:7: punkter[0].bemærkninger.ØK 2023-09-04: no political meeting 'ØK 2023-09-04' in the calendar (did you mean 'ØK 2023-09-01'?)",
      ],
    },
  ];

  it.each(broken)('fails (exit 1) on $what', ({ edits, errors }) => {
    const { dir, meetings } = copyOfMeetings();
    for (const [file, from, to] of edits) edit(path.join(meetings, file!), from!, to!);
    const run = agenda(['check'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(errors);
    expect(run.stdout).toMatch(new RegExp(`^checked 6 files: ${errors.length} errors, \\d+ warnings?\\n$`));
    expect(run.status).toBe(1);
  });

  it('says the same as JSON with --json', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(path.join(meetings, '2023-11-22.yaml'), 'tid: 11.15', 'tid: 11.15\n        varighed: 15');
    const run = agenda(['check', '2023-11-22', '--json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; warnings: number; findings: Array<Record<string, unknown>> };
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.findings).toContainEqual({
      severity: 'error',
      file: 'meetings/2023-11-22.yaml',
      line: 46,
      col: 9,
      path: 'punkter[2].tidsplan[1].varighed',
      message: 'unknown key (known keys here: tid, punkt, lukket)',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });
});

describe('agenda build --json', () => {
  it('reports the PDF written and the warnings', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(
      path.join(meetings, 'plan.yaml'),
      '\nafventer_dato:',
      '  - dato: 2023-11-23\n    punkter:\n      - Et punkt på en torsdag\n\nafventer_dato:',
    );
    const run = agenda(['build', '2023-11-22', '--json'], { cwd: dir });
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      documents: [{ date: '2023-11-22', audience: 'medlemmer', ok: true, pdf: 'out/2023-11-22-dagsorden.pdf' }],
      findings: [{ severity: 'warning' }],
    });
    expect(run.stderr).toBe('');
  });

  it('reports a failure with its findings and exit code', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(path.join(meetings, 'udvalg.yaml'), 'slut: 17:00', 'slut: sent');
    const run = agenda(['build', '2023-11-22', '--json'], { cwd: dir });
    expect(JSON.parse(run.stdout)).toEqual({
      command: 'build',
      ok: false,
      exitCode: 1,
      error: null,
      documents: [
        {
          date: '2023-11-22',
          audience: 'medlemmer',
          ok: false,
          exitCode: 1,
          error: 'meetings/udvalg.yaml:7:7: slut: expected a time such as 9:00',
        },
      ],
      findings: [
        { severity: 'error', file: 'meetings/udvalg.yaml', line: 7, col: 7, path: 'slut', message: 'expected a time such as 9:00' },
      ],
      leftovers: [],
      renamed: [],
    });
    expect(run.status).toBe(1);
  });
});

describe('safe output', () => {
  it('says which output cannot be written (exit 3)', () => {
    const { dir } = copyOfMeetings();
    writeFileSync(path.join(dir, 'a-file'), '');
    const run = agenda(['build', '2023-11-22', '--out', 'a-file/x.pdf'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(['cannot write a-file/x.pdf: part of its folder path is a file']);
    expect(run.status).toBe(3);
  });

  it('lets two builds of the same meeting at once both finish with a valid PDF', async () => {
    const { dir } = copyOfMeetings();
    const build = () =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [cliPath, 'build', '2023-11-22', '--out', 'out/same.pdf'], { cwd: dir, stdio: 'ignore' }).on(
          'exit',
          resolve,
        ),
      );
    expect(await Promise.all([build(), build()])).toEqual([0, 0]);
    expect(pdfInfo(path.join(dir, 'out', 'same.pdf'))).toMatchObject({ Pages: '10', Tagged: 'yes' });
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['same.pdf']);
  });
});
