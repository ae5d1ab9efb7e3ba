import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFileSync } from '../../src/input/read-file.js';
import { tempDir } from '../support/cli.js';

// readInputFileSync reads what a file holds, in memory for its size, not for the limit: a build's fingerprints
// read every meeting file with it, with no limit below any file's size (fingerprint.ts).

describe('readInputFileSync', () => {
  const dir = tempDir('agenda-read-sync-');
  const bytes = randomBytes(200 * 1024 + 7);
  const file = path.join(dir, 'large.bin');
  writeFileSync(file, bytes);

  it('reads a file whole past its chunks, with a limit no memory could hold', () => {
    expect(Buffer.from(readInputFileSync(file, Number.MAX_SAFE_INTEGER)).equals(bytes)).toBe(true);
    writeFileSync(path.join(dir, 'empty'), '');
    expect(readInputFileSync(path.join(dir, 'empty'), Number.MAX_SAFE_INTEGER)).toHaveLength(0);
  });

  it('refuses a file over the limit by its size, before a byte is read (a sparse 5 GB file: no memory for it)', () => {
    expect(() => readInputFileSync(file, 1000)).toThrow(/: the file is larger than 1000 bytes, the most that is read$/);
    const huge = path.join(dir, 'huge.bin');
    execFileSync('truncate', ['-s', '5G', huge]);
    expect(() => readInputFileSync(huge, 1 << 20)).toThrow(/larger than 1048576 bytes/);
  });

  it('refuses what is not a regular file, without waiting on it', () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readInputFileSync(fifo, Number.MAX_SAFE_INTEGER)).toThrow(/not a regular file/);
    mkdirSync(path.join(dir, 'folder'));
    expect(() => readInputFileSync(path.join(dir, 'folder'), Number.MAX_SAFE_INTEGER)).toThrow(/not a regular file but a folder/);
    expect(() => readInputFileSync(path.join(dir, 'none'), 10)).toThrow(/no such file/);
  });
});
