import { mkdirSync, statfsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFileSystem, pdfRecordsFile } from '../../src/pipeline/kept-pdfs.js';
import { settled, settleMs } from '../../src/pipeline/quick-check.js';
import { tempDir } from '../support/cli.js';

// The two quick checks' guards (the review of 7 December): publish trusts a file's size and time only once they are
// older than the margin; build records a PDF's identity only on a file system whose ctime the kernel alone sets.

describe("publish's quick check", () => {
  it('trusts a time only where it is at least the margin older than when it was taken, never one ahead', () => {
    const takenAt = 1_765_000_000_000;
    expect(settleMs).toBe(5_000);
    expect(settled(takenAt - settleMs, takenAt)).toBe(true);
    expect(settled(takenAt - settleMs - 1, takenAt)).toBe(true);
    expect(settled(takenAt - settleMs + 1, takenAt)).toBe(false);
    expect(settled(takenAt - 2_000, takenAt)).toBe(false);
    expect(settled(takenAt, takenAt)).toBe(false);
    expect(settled(takenAt + 1, takenAt)).toBe(false);
  });
});

describe("build's records of PDFs", () => {
  it('are kept on the local file system the tests write to, not on /proc nor where there is no folder', () => {
    const dir = tempDir();
    // The folder the tests' builds write to is a local one here (the records' tests rest on it): say which it is where not.
    expect(localFileSystem(dir), `statfs type 0x${statfsSync(dir).type.toString(16)}`).toBe(true);
    expect(localFileSystem('/proc')).toBe(false);
    expect(localFileSystem(`${dir}/not-there`)).toBe(false);
  });

  it("are each out folder's own, by its real path: another folder's are not read, a link to the folder reads its own", async () => {
    const dir = tempDir();
    const [out, other, link] = [path.join(dir, 'out'), path.join(dir, 'other'), path.join(dir, 'link')] as const;
    for (const folder of [out, other]) mkdirSync(folder);
    symlinkSync(out, link);
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
    expect(await pdfRecordsFile(other, env)).not.toBe(await pdfRecordsFile(out, env));
    expect(await pdfRecordsFile(link, env)).toBe(await pdfRecordsFile(out, env));
  });
});
