import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfRecordsFile } from '../../src/pipeline/kept-pdfs.js';
import { agenda, copyOfMeetings, tempDir, type CliOptions } from '../support/cli.js';

// A build records each PDF it found sealed with its file's identity (device, inode, size, modification and change
// times) in the user's cache, and takes a PDF of that identity unread the next time (kept-pdfs.ts). These tests hold
// it to what the build promises: a PDF is kept only where it is the very bytes made from these inputs.

const documents = ['2023-09-06-referat.pdf', '2023-11-22-dagsorden.pdf'];

/** What a file is on the disk: its bytes, its time and its inode (a file written anew is another one). */
function snapshot(file: string): { bytes: Buffer; mtimeMs: number; ino: number } {
  const { mtimeMs, ino } = statSync(file);
  return { bytes: readFileSync(file), mtimeMs, ino };
}

/** A repository with its two documents built, as a build where nothing changed finds it. */
function builtRepository(): {
  dir: string;
  out: (name: string) => string;
  build: (opts?: CliOptions) => { stdout: string; stderr: string };
} {
  const { dir } = copyOfMeetings();
  const build = (opts: CliOptions = {}) => {
    const run = agenda(['build', '--all'], { cwd: dir, ...opts });
    expect(run.status, run.stderr).toBe(0);
    return run;
  };
  build();
  return { dir, out: (name) => path.join(dir, 'out', name), build };
}

/** The names the records of `out` hold, none where they cannot be read. */
async function recorded(out: string): Promise<string[]> {
  const file = await pdfRecordsFile(out);
  return existsSync(file) ? Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).sort() : [];
}

/**
 * `file`'s bytes changed in place (the same inode), the same size, and its times set back to what they were with
 * touch -r, to the nanosecond: only its change time (ctime), which no program can set, tells it was written.
 */
function replaceBehindSizeAndTime(file: string): void {
  const reference = `${file}.times`;
  writeFileSync(reference, '');
  execFileSync('touch', ['-r', file, reference]);
  const bytes = readFileSync(file);
  const at = bytes.indexOf('/Type /Page');
  bytes.write('/Type /Pagf', at, 'latin1');
  const before = statSync(file, { bigint: true });
  writeFileSync(file, bytes);
  execFileSync('touch', ['-r', reference, file]);
  rmSync(reference);
  const after = statSync(file, { bigint: true });
  expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
  expect(after.ctimeNs).not.toBe(before.ctimeNs);
}

const allKept = /built 0 of 2 documents in [\d.]+ s, 2 unchanged/;
const summary = (stderr: string) => stderr.replace(/in [\d.]+ s/, 'in X s');

describe('agenda build, taking PDFs unread by their records', () => {
  it('records the PDFs it found sealed, and reprints one rewritten behind its old size and time', async () => {
    const { dir, out, build } = builtRepository();
    // The first build's PDFs are newer than its records: a later build reads them, then records them (the racy case).
    for (let runs = 0; runs < 3 && (await recorded(path.join(dir, 'out'))).length < documents.length; runs++)
      expect(build().stderr).toMatch(allKept);
    expect(await recorded(path.join(dir, 'out'))).toEqual(documents);
    const first = new Map(documents.map((d) => [d, snapshot(out(d))]));

    replaceBehindSizeAndTime(out(documents[1]!));
    expect(build().stderr).toMatch(/built 1 of 2 documents in [\d.]+ s, 1 unchanged/);
    expect(snapshot(out(documents[0]!))).toEqual(first.get(documents[0]!));
    const reprinted = snapshot(out(documents[1]!));
    expect(reprinted.ino).not.toBe(first.get(documents[1]!)!.ino);
    expect(reprinted.bytes.equals(first.get(documents[1]!)!.bytes)).toBe(true);
    expect(build().stderr).toMatch(allKept);
  });

  it('keeps the same PDFs, says the same and writes nothing else where its records are missing, damaged or cannot be written', async () => {
    const { dir, out, build } = builtRepository();
    const kept = build();
    expect(kept.stderr).toMatch(allKept);
    const first = new Map(documents.map((d) => [d, snapshot(out(d))]));
    const records = await pdfRecordsFile(path.join(dir, 'out'));
    const same = (run: { stdout: string; stderr: string }, what: string) => {
      expect(run.stdout, what).toBe(kept.stdout);
      expect(summary(run.stderr), what).toBe(summary(kept.stderr));
      for (const d of documents) expect(snapshot(out(d)), `${what}: ${d}`).toEqual(first.get(d));
    };

    rmSync(records);
    same(build(), 'missing');
    expect(existsSync(records)).toBe(true);

    writeFileSync(records, '{"2023-09-06-referat.pdf": {"file": 1');
    same(build(), 'damaged');
    expect(() => JSON.parse(readFileSync(records, 'utf8')) as unknown).not.toThrow();

    rmSync(records);
    mkdirSync(records);
    same(build(), 'a folder in its place');
    rmSync(records, { recursive: true });

    const notAFolder = path.join(dir, 'cache-is-a-file');
    writeFileSync(notAFolder, '');
    same(build({ env: { XDG_CACHE_HOME: notAFolder } }), 'a cache that cannot be written');
    expect(readFileSync(notAFolder, 'utf8')).toBe('');
  });

  it("records a PDF only where it was written before its records were (the racy case), and takes none by another out folder's records", async () => {
    const { dir, out, build } = builtRepository();
    const untilRecorded = async () => {
      for (let runs = 0; runs < 3 && (await recorded(path.join(dir, 'out'))).length < documents.length; runs++)
        expect(build().stderr).toMatch(allKept);
      expect(await recorded(path.join(dir, 'out'))).toEqual(documents);
    };
    await untilRecorded();

    // The very bytes written anew: sealed still, but changed since the records were written, perhaps within the tick
    // of the clock of a change the records would not see. Read and kept, not recorded; recorded once records are newer.
    writeFileSync(out(documents[0]!), readFileSync(out(documents[0]!)));
    expect(build().stderr).toMatch(allKept);
    expect(await recorded(path.join(dir, 'out'))).toEqual([documents[1]]);
    await untilRecorded();

    // A copy of the repository, whose out/ holds under the same names files of the same size and times, one of other bytes.
    const other = tempDir();
    cpSync(dir, other, { recursive: true });
    const copy = path.join(other, 'out', documents[1]!);
    replaceBehindSizeAndTime(copy);
    execFileSync('touch', ['-r', out(documents[1]!), copy]);
    expect(statSync(copy).size).toBe(statSync(out(documents[1]!)).size);
    const run = agenda(['build', '--all'], { cwd: other });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/built 1 of 2 documents in [\d.]+ s, 1 unchanged/);
    expect(readFileSync(copy).equals(readFileSync(out(documents[1]!)))).toBe(true);
  });
});
