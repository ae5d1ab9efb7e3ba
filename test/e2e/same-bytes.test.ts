import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { pdfInfo } from '../support/pdf.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** 2023-09-06's PDF, built by `args` in a fresh copy of the example; its SHA-256. */
function minutesBuiltBy(args: string[]): string {
  const { dir } = copyOfMeetings();
  const run = agenda(['build', ...args, '--quiet'], { cwd: dir, ownBrowser: true });
  expect(run.status, run.stderr).toBe(0);
  const pdf = path.join(dir, 'out', '2023-09-06-referat.pdf');
  execFileSync('qpdf', ['--check', pdf]);
  expect(pdfInfo(pdf).Tagged).toBe('yes');
  return sha256(pdf);
}

describe('the same meeting gives the same bytes', () => {
  it('built alone, after another meeting on the same page, and beside it on other pages', () => {
    const alone = minutesBuiltBy(['2023-09-06']);
    expect(minutesBuiltBy(['2023-11-22', '2023-09-06', '--jobs', '1'])).toBe(alone);
    expect(minutesBuiltBy(['2023-11-22', '2023-09-06', '--jobs', '4'])).toBe(alone);
  });
});
