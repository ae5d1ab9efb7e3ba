import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';

const located = (file: string, key: string) => new RegExp(`^meetings/${file}:\\d+:\\d+: ${key.replace(/[[\].]/g, '\\$&')}: `);

describe('clean errors for inputs that were accepted or crashed', () => {
  it('a schedule to 9999-12-31 or 2923-12-20, a member’s fra after til, a plan point fjernet before tilføjet, a standing id twice: located errors', () => {
    const cases: Array<[string, string | RegExp, string, string, string]> = [
      ['udvalg.yaml', /^ {2}til: .*$/m, '  til: 9999-12-31', 'udvalg.yaml', 'mødeplan.til'],
      ['udvalg.yaml', /^ {2}til: .*$/m, '  til: 2923-12-20', 'udvalg.yaml', 'mødeplan.til'],
      ['udvalg.yaml', '    fra: 2023-11-01\n', '    fra: 2023-11-01\n    til: 2023-01-01\n', 'udvalg.yaml', 'medlemmer[0].til'],
      ['faste-punkter.yaml', 'id: økonomi', 'id: beslutningsprotokoller', 'faste-punkter.yaml', 'punkter[1].id'],
    ];
    for (const [file, from, to, where, key] of cases) {
      const { dir, meetings } = copyOfMeetings();
      edit(path.join(meetings, file), from, to);
      const started = Date.now();
      const run = agenda(['check'], { cwd: dir });
      expect(Date.now() - started, to).toBeLessThan(15_000);
      expect(run.status, to).toBe(1);
      expect(run.stderr, to).not.toMatch(/unexpected failure| {4}at /);
      expect(
        errorLines(run.stderr).some((l) => located(where, key).test(l)),
        `${to}: ${run.stderr}`,
      ).toBe(true);
    }
    const { dir, meetings } = copyOfMeetings();
    writeFileSync(
      path.join(meetings, 'plan.yaml'),
      'afventer_dato:\n  - tekst: Et punkt\n    tilføjet: 2023-11-22\n    fjernet: 2023-09-06\n',
    );
    const run = agenda(['check'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(
      errorLines(run.stderr).some((l) => located('plan.yaml', 'afventer_dato[0].fjernet').test(l)),
      run.stderr,
    ).toBe(true);
  });

  it('terminal escape codes from the YAML are shown written out, never raw', () => {
    const { dir, meetings } = copyOfMeetings();
    // In a key: a value with a control character is refused without being shown (control-characters.test.ts).
    edit(path.join(meetings, '2023-11-22.yaml'), 'punkter:\n', '"Ukendt \\e]2;pwned\\a\\e[2J": x\npunkter:\n');
    const run = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(run.stderr).toContain('Ukendt \\x1b]2;pwned\\x07\\x1b[2J');
    // eslint-disable-next-line no-control-regex -- an escape or a bell is what must not reach the terminal
    expect(run.stderr).not.toMatch(/[\u001b\u0007]/);
  });

  it('--timeout past what a timer holds, a --browser that is not a program: one clear line', () => {
    const { dir } = copyOfMeetings();
    const timeout = agenda(['build', '2023-11-22', '--timeout', '2147484'], { cwd: dir });
    expect(timeout.status).toBe(2);
    expect(timeout.stderr).toMatch(/at most 86400/);
    writeFileSync(path.join(dir, 'chromium'), 'not a program');
    for (const env of [{}, { PUPPETEER_EXECUTABLE_PATH: 'chromium' }]) {
      const run = agenda(['build', '2023-11-22', ...('PUPPETEER_EXECUTABLE_PATH' in env ? [] : ['--browser', 'chromium'])], {
        cwd: dir,
        env,
        ownBrowser: true,
      });
      expect(run.status).toBe(3);
      expect(errorLines(run.stderr)).toEqual([
        expect.stringMatching(
          /^chromium \(named by (--browser|PUPPETEER_EXECUTABLE_PATH)\) is not a program that can be run; install Chromium/,
        ),
      ]);
    }
  });

  it('agenda new writes a standing id and title through YAML quoting: no broken file, no injected item', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(
      path.join(meetings, 'faste-punkter.yaml'),
      'id: økonomi\n    titel: Økonomi',
      'id: "økonomi: drift"\n    titel: "Økonomi: \\"drift\\" # - titel: Injiceret"',
    );
    const created = agenda(['new', '2023-11-29'], { cwd: dir });
    expect(created.status, created.stderr).toBe(0);
    const check = agenda(['check', '2023-11-29', '--json'], { cwd: dir });
    const findings = (JSON.parse(check.stdout) as { findings: Array<{ severity?: string; warning?: boolean }> }).findings;
    expect(findings.filter((f) => !f.warning && f.severity !== 'warning')).toEqual([]);
    expect(check.stdout).not.toContain('Injiceret');
  });
});
