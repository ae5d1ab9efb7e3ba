import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfOutline, pdfPages } from '../support/pdf.js';
import { copySharedPdf } from '../support/shared-build.js';

/**
 * A rebuild comes out as a first build in an empty folder makes it, whatever the PDF there holds: its
 * contents' page numbers come from its own layout and print, never from the file it replaces.
 */
describe('agenda build over its own earlier PDF', () => {
  const pdf = (dir: string) => path.join(dir, 'out', '2023-11-22-dagsorden.pdf');
  const build = (dir: string, ...extra: string[]) =>
    expect(agenda(['build', '2023-11-22', '--timeout', '20', ...extra], { cwd: dir }).status).toBe(0);
  const sheets = (file: string) => pdfOutline(file).map((entry) => entry.sheet);

  it('gives the same bytes again, and after an edit that moves the headings the document a first build gives', () => {
    const { dir, meetings } = copyOfMeetings();
    const first = path.join(dir, 'first.pdf');
    for (const to of [first, pdf(dir)]) copySharedPdf('meetings', '2023-11-22', to);
    // A build keeps a PDF made from the same inputs: --force prints over it all the same.
    build(dir, '--force');
    expect(Buffer.compare(readFileSync(pdf(dir)), readFileSync(first))).toBe(0);

    // Pages more in the first item: every later heading lands sheets further on than the earlier PDF says.
    edit(
      path.join(meetings, '2023-11-22.yaml'),
      '**Aktuelle politiske sager**',
      `**Aktuelle politiske sager**\n\n      ${'Et langt afsnit om sagerne, der fylder siden. '.repeat(120).trim()}`,
    );
    build(dir);
    expect(sheets(pdf(dir)).at(-1)).toBeGreaterThan(sheets(first).at(-1)!);
    const fresh = copyOfMeetings();
    rmSync(fresh.meetings, { recursive: true });
    cpSync(meetings, fresh.meetings, { recursive: true });
    build(fresh.dir);
    expect(pdfPages(pdf(dir), true)).toEqual(pdfPages(pdf(fresh.dir), true));
    expect(Buffer.compare(readFileSync(pdf(dir)), readFileSync(pdf(fresh.dir)))).toBe(0);
  });

  it("is not misled by what is not its PDF there: damaged bytes, another meeting's PDF", () => {
    const { dir } = copyOfMeetings();
    const other = path.join(dir, 'other.pdf');
    copySharedPdf('meetings', '2023-09-06', other);
    copySharedPdf('meetings', '2023-11-22', pdf(dir));
    const good = readFileSync(pdf(dir));
    // Without --force: neither is taken for a PDF made from these inputs, so each is printed over.
    writeFileSync(pdf(dir), good.subarray(0, good.length / 2));
    build(dir);
    expect(Buffer.compare(readFileSync(pdf(dir)), good)).toBe(0);
    // Another PDF whose outline is nothing like it: the contents of 6 September.
    cpSync(other, pdf(dir));
    build(dir);
    expect(Buffer.compare(readFileSync(pdf(dir)), good)).toBe(0);
  });
});
