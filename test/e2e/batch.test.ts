import { copyFileSync, cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { closedFixture } from '../support/markers.js';
import { edit } from '../support/edit.js';
import { pdfInfo, pdfOutline, pdfPages } from '../support/pdf.js';

describe('agenda build of many meetings on one browser', () => {
  it('builds the others when one is broken, and exits non-zero naming the broken one', () => {
    const { dir, meetings } = copyOfMeetings();
    copyFileSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, '2023-11-29.yaml'));
    writeFileSync(path.join(meetings, '2023-12-06.yaml'), 'punkter:\n  - fast: økonomi\n    bilag: ingen\n');
    const run = agenda(['build', '--all', '--quiet'], { cwd: dir });
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'out/2023-09-06-referat.pdf',
      'out/2023-11-22-dagsorden.pdf',
      'out/2023-11-29-dagsorden.pdf',
    ]);
    expect(run.stderr).toMatch(
      /^meetings\/2023-12-06\.yaml:3:12: punkter\[0\]\.bilag: expected a list \(lines starting with "- "\), got the text "ingen"\nbuilt 3 of 4 documents in \d+\.\d s; failed: 2023-12-06\n$/,
    );
    expect(run.status).toBe(1);
    for (const pdf of readdirSync(path.join(dir, 'out'))) expect(pdfInfo(path.join(dir, 'out', pdf)).Tagged).toBe('yes');
  });

  it('takes ranges and both versions, each once', () => {
    const { dir } = copyOfMeetings();
    const run = agenda(['build', '2023-09-01..2023-10-31', '2023-09-06', '--both', '--quiet'], { cwd: dir });
    expect(run.stdout).toBe('out/2023-09-06-referat.pdf\nout/2023-09-06-referat-offentlig.pdf\n');
    expect(run.status).toBe(0);
  });

  it("prints the public version after the members' as it prints alone, where the closed items move its headings", () => {
    // The public version guesses its headings where the members' had them; a wrong guess costs a print, never a page number.
    const dir = tempDir();
    cpSync(closedFixture, path.join(dir, 'meetings'), { recursive: true });
    // Some pages of closed text in the first item: the public version's later items begin pages earlier.
    edit(
      path.join(dir, 'meetings', '2024-03-06.yaml'),
      'Forhandlingsoplæg XQZSECRET01 om lønrammen.',
      'Forhandlingsoplæg XQZSECRET01 om lønrammen. '.repeat(300).trim(),
    );
    expect(agenda(['build', '2024-03-06', '--both', '--quiet'], { cwd: dir }).status).toBe(0);
    expect(agenda(['build', '2024-03-06', '--public', '--out', 'alone.pdf'], { cwd: dir }).status).toBe(0);
    const [members, both, alone] = ['out/2024-03-06-referat.pdf', 'out/2024-03-06-referat-offentlig.pdf', 'alone.pdf'].map((f) =>
      path.join(dir, f),
    );
    const sheets = (file: string) => pdfOutline(file).map((entry) => entry.sheet);
    expect(sheets(both!).at(-1)).toBeLessThan(sheets(members!).at(-1)!);
    expect(pdfPages(both!, true)).toEqual(pdfPages(alone!, true));
    expect(pdfOutline(both!)).toEqual(pdfOutline(alone!));
  });

  it('refuses --out for more than one document (exit 2)', () => {
    const run = agenda(['build', '2023-09-06', '2023-11-22', '--out', 'x.pdf']);
    expect(run.stderr).toBe('--out and --html name one file: build one document at a time with them\n');
    expect(run.status).toBe(2);
  });
});
