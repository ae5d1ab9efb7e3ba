import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { pdfInfo } from '../support/pdf.js';

describe('agenda build of many meetings on one browser', () => {
  it('builds the others when one is broken, and exits non-zero naming the broken one', () => {
    const { dir, meetings } = copyOfMeetings();
    copyFileSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, '2023-11-29.yaml'));
    writeFileSync(path.join(meetings, '2023-12-06.yaml'), 'punkter:\n  - fast: økonomi\n    bilag: ingen\n');
    const run = agenda(['build', '--all', '--quiet'], { cwd: dir });
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(['out/2023-09-06-referat.pdf', 'out/2023-11-22-dagsorden.pdf', 'out/2023-11-29-dagsorden.pdf']);
    expect(run.stderr).toMatch(/^meetings\/2023-12-06\.yaml:3:12: punkter\[0\]\.bilag: expected a list \(lines starting with "- "\), got the text "ingen"\nbuilt 3 of 4 documents in \d+\.\d s; failed: 2023-12-06\n$/);
    expect(run.status).toBe(1);
    for (const pdf of readdirSync(path.join(dir, 'out'))) expect(pdfInfo(path.join(dir, 'out', pdf)).Tagged).toBe('yes');
  });

  it('takes ranges and both versions, each once', () => {
    const { dir } = copyOfMeetings();
    const run = agenda(['build', '2023-09-01..2023-10-31', '2023-09-06', '--both', '--quiet'], { cwd: dir });
    expect(run.stdout).toBe('out/2023-09-06-referat.pdf\nout/2023-09-06-referat-offentlig.pdf\n');
    expect(run.status).toBe(0);
  });

  it('refuses --out for more than one document (exit 2)', () => {
    const run = agenda(['build', '2023-09-06', '2023-11-22', '--out', 'x.pdf']);
    expect(run.stderr).toBe('--out and --html name one file: build one document at a time with them\n');
    expect(run.status).toBe(2);
  });
});
