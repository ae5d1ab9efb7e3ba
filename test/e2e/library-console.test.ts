import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';

// pdf-lib and date-fns write to the console of their own accord; stderr holds agenda's lines only,
// and under --json nothing at all.

/** The example meetings with attachment 2-1 made odd in two ways pdf-lib tells the console of, though it reads the file. */
function oddAttachment(): string {
  const { dir, meetings } = copyOfMeetings();
  const file = path.join(meetings, 'bilag', '2023-11-22', '2-1.pdf');
  const qdf = path.join(dir, 'qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  let bytes = readFileSync(qdf, 'latin1');
  // A number too large "for some PDF readers", and an object numbered 0 ("Removing parsed object: 0 0 R").
  bytes = bytes.replace('/Type /Page\n', '/Big 123456789012345678901234\n  /Type /Page\n');
  const xref = bytes.lastIndexOf('xref');
  writeFileSync(file, `${bytes.slice(0, xref)}0 0 obj\n<< /Z 1 >>\nendobj\n${bytes.slice(xref)}`, 'latin1');
  return dir;
}

describe("the libraries' own console messages", () => {
  it('of pdf-lib, reading an odd attachment, are not on stderr, under --json neither', () => {
    const dir = oddAttachment();
    const run = agenda(['build', '2023-11-22', '--samlet', '--out', 'a.pdf'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('a.pdf\n');
    expect(existsSync(path.join(dir, 'a.pdf'))).toBe(true);
    const json = agenda(['build', '2023-11-22', '--samlet', '--out', 'b.pdf', '--json'], { cwd: dir });
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
  });

  it("of date-fns, for a house's date pattern with YYYY or DD, are not on stderr: the pattern is a located error", () => {
    const { dir, meetings } = copyOfMeetings();
    appendFileSync(path.join(meetings, 'udvalg.yaml'), 'husstil:\n  datoer:\n    titel: "DD. MMMM YYYY"\n    beslutning: "dd-MM-YYYY"\n');
    const run = agenda(['build', '2023-11-22', '--out', 'a.pdf'], { cwd: dir });
    const dayOfYear = 'D is the day of the year in a date pattern: write dd for the day of the month (dd.MM.yyyy)';
    const weekYear = 'Y is the week-numbering year, a year off around New Year: write yyyy for the year (dd.MM.yyyy)';
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `meetings/udvalg.yaml:31:12: husstil.datoer.titel: ${dayOfYear}`,
      `meetings/udvalg.yaml:32:17: husstil.datoer.beslutning: ${weekYear}`,
    ]);
    expect(run.status).toBe(1);
    const json = agenda(['build', '2023-11-22', '--out', 'a.pdf', '--json'], { cwd: dir });
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 1 });
  });
});
