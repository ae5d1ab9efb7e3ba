import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A republish does not trust a repository's file saved within seconds of when its size and time were
// taken (src/pipeline/quick-check.ts): it reads it again next time. A clerk's files are older than that;
// an archive a test has just written is not, so where a test means "unchanged since" it sets them back.

/**
 * Every file under `root` (or `root` itself, a file) with its time set an hour back (from now, where
 * it is ahead), as a clerk's older files: each keeps a time of its own.
 */
export function settle(root: string): void {
  const files = statSync(root).isDirectory()
    ? readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, f))
    : [root];
  for (const file of files) {
    const info = statSync(file);
    const before = new Date(Math.min(info.mtimeMs, Date.now()) - 3_600_000);
    if (info.isFile()) utimesSync(file, before, before);
  }
}

/**
 * `file` with its time set an hour ahead: not older than the margin when a publication takes it,
 * however slowly the machine runs (as a file saved within a tick of that moment, or on a share whose
 * clock is ahead): a test of it does not rest on timing.
 */
export function justSaved(file: string): void {
  const ahead = new Date(Date.now() + 3_600_000);
  utimesSync(file, ahead, ahead);
}

/** `file` given `bytes` of its own length, its time as it was (`touch -r`, to the nanosecond): what the quick check cannot see. */
export function replaceBehind(file: string, bytes: Buffer | string): void {
  if (Buffer.byteLength(bytes) !== statSync(file).size) throw new Error(`${file}: ${Buffer.byteLength(bytes)} bytes, not its own length`);
  const times = `${file}.times`;
  writeFileSync(times, '');
  execFileSync('touch', ['-r', file, times]);
  writeFileSync(file, bytes);
  execFileSync('touch', ['-r', times, file]);
  execFileSync('rm', [times]);
}
