import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { sharedPdf } from '../support/shared-build.js';

const cases = [
  {
    kind: 'a YAML syntax error',
    break: (m: string) => edit(path.join(m, '2023-11-22.yaml'), '  - fast: økonomi\n', '  - fast: økonomi\n    titel: [ikke lukket\n'),
    message: /^meetings\/2023-11-22\.yaml:2\d:\d+: .*\]/,
  },
  {
    kind: 'an unknown key',
    break: (m: string) => edit(path.join(m, '2023-11-22.yaml'), '    bilag:\n      - titel: Notat', '    bilagg:\n      - titel: Notat'),
    message: /^meetings\/2023-11-22\.yaml:31:5: punkter\[1\]\.bilagg: unknown key \(did you mean 'bilag'\?\)$/,
  },
  {
    kind: 'a wrong type',
    break: (m: string) => edit(path.join(m, '2023-11-22.yaml'), '      - lukket: true\n', '      - lukket: true\n        nummer: to\n'),
    message: /^meetings\/2023-11-22\.yaml:36:17: punkter\[1\]\.bilag\[1\]\.nummer: expected a whole number$/,
  },
  {
    kind: 'an impossible date',
    break: (m: string) => edit(path.join(m, 'plan.yaml'), 'dato: 2023-09-20', 'dato: 2023-02-30'),
    message: /^meetings\/plan\.yaml:12:11: møder\[1\]\.dato: 2023-02-30 is not a date in the calendar$/,
  },
  {
    kind: 'a short name that is a path',
    break: (m: string) => edit(path.join(m, 'udvalg.yaml'), 'navn: Direktionen\n', 'navn: Direktionen\nkort: ../../escaped\n'),
    message:
      /^meetings\/udvalg\.yaml:4:7: kort: is part of the documents' file names: at most 40 characters, and no \/, \\, \.\. or control characters$/,
  },
];

describe.each(cases)('agenda build with $kind', ({ break: breakIt, message }) => {
  it('says FILE:LINE:COL: path: message on stderr, exits 1 and writes no PDF', () => {
    const { dir, meetings } = copyOfMeetings();
    breakIt(meetings);
    const run = agenda(['build', '2023-11-22', '--out', 'out/a.pdf'], { cwd: dir });
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(run.status).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('a failed build', () => {
  it('leaves the previous PDF exactly as it was, and no temporary file beside it', () => {
    const { dir, meetings } = copyOfMeetings();
    // The previous PDF: the unchanged meeting's, which the suite builds once (test/support/shared-build.ts).
    const shared = sharedPdf('meetings', '2023-11-22');
    expect(shared.run.status, shared.run.stderr).toBe(0);
    const pdf = path.join(dir, 'out', '2023-11-22-dagsorden.pdf');
    const before = readFileSync(shared.pdf);
    mkdirSync(path.dirname(pdf));
    writeFileSync(pdf, before);
    edit(path.join(meetings, '2023-11-22.yaml'), '    bilag:\n      - titel: Notat', '    bilagg:\n      - titel: Notat');
    const run = agenda(['build', '2023-11-22'], { cwd: dir });
    expect(run.stderr).toBe("meetings/2023-11-22.yaml:31:5: punkter[1].bilagg: unknown key (did you mean 'bilag'?)\n");
    expect(run.status).toBe(1);
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['2023-11-22-dagsorden.pdf']);
  });

  it('names a standing item that does not exist, with the likeliest one', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(path.join(meetings, '2023-11-22.yaml'), 'fast: økonomi', 'fast: økonomii');
    const run = agenda(['build', '2023-11-22'], { cwd: dir });
    expect(run.stderr).toBe(
      "meetings/2023-11-22.yaml:25:11: punkter[1].fast: no standing item has the id 'økonomii' (did you mean 'økonomi'?)\n",
    );
    expect(run.status).toBe(1);
  });

  it('reports every problem in every file at once', () => {
    const { dir, meetings } = copyOfMeetings();
    edit(path.join(meetings, 'udvalg.yaml'), 'start: 9:00', 'start: ni');
    edit(path.join(meetings, '2023-11-22.yaml'), 'fast: økonomi', 'fast: økonomi\n    indstiling: Drøftes');
    const run = agenda(['build', '2023-11-22'], { cwd: dir });
    expect(run.stderr.trim().split('\n')).toEqual([
      'meetings/udvalg.yaml:6:8: start: expected a time such as 9:00',
      "meetings/2023-11-22.yaml:26:5: punkter[1].indstiling: unknown key (did you mean 'indstilling'?)",
    ]);
    expect(run.status).toBe(1);
  });
});

describe('agenda build, used wrongly', () => {
  it('refuses a date that is not in the calendar as a usage error (exit 2)', () => {
    const run = agenda(['build', '2023-02-30']);
    expect(run.stderr).toMatch(/2023-02-30 is not a date in the calendar/);
    expect(run.status).toBe(2);
  });

  it('names a meeting file that does not exist (exit 1)', () => {
    const run = agenda(['build', '2023-12-24', '--out', '/nonexistent/x.pdf']);
    expect(run.stderr).toBe('meetings/2023-12-24.yaml: no such file\n');
    expect(run.status).toBe(1);
  });
});

describe('without a browser', () => {
  it('says in one line how to get one, exits 3 and writes nothing', () => {
    const { dir } = copyOfMeetings();
    const run = agenda(['build', '2023-11-22'], { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, ownBrowser: true });
    expect(errorLines(run.stderr).join('\n') + '\n').toMatch(
      /^no browser at \/nonexistent\/chrome \(named by PUPPETEER_EXECUTABLE_PATH\); install Chromium \(Debian\/Ubuntu: apt-get install chromium\).*\n$/,
    );
    expect(run.status).toBe(3);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
