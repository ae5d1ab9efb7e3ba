import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAttachmentBytes } from '../../src/input/attachments.js';
import { InputError } from '../../src/shared/errors.js';

// An attachment's folder swapped for a symbolic link out of the meetings folder while it is read (a
// second process does it without pause): a check of the path and a read of the path again let the
// outside file through now and then. The file is opened once and what was opened is checked and read.

const tries = 10_000;

const swapper = `
const { renameSync } = require('node:fs');
const [folder, dir, link] = process.argv.slice(1);
const move = (a, b) => { try { renameSync(a, b); } catch {} };
for (;;) { move(dir, folder); move(folder, dir); move(link, folder); move(folder, link); }
`;

describe('an attachment whose folder is swapped for a link out of the meetings folder while it is read', () => {
  it(`never gives the outside file's bytes (${tries} reads)`, async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'agenda-race-'));
    const meetings = path.join(base, 'meetings');
    const outside = path.join(base, 'outside');
    const folder = path.join(meetings, 'bilag', '2023-11-22');
    const dir = `${folder}.dir`;
    const link = `${folder}.link`;
    for (const [where, text] of [
      [dir, 'INSIDE'],
      [outside, 'XQZOUTSIDE43'],
    ] as const) {
      mkdirSync(where, { recursive: true });
      writeFileSync(path.join(where, '2-1.pdf'), `%PDF-1.7\n% ${text}\n`);
    }
    symlinkSync(outside, link);
    const child = spawn(process.execPath, ['-e', swapper, folder, dir, link], { stdio: 'ignore' });
    const seen = { inside: 0, outside: 0, refused: 0 };
    try {
      const ref = { path: 'bilag/2023-11-22/2-1.pdf', at: { file: 'm.yaml', line: 1, col: 1, path: 'fil' } };
      for (let i = 0; i < tries; i++) {
        try {
          const { bytes } = await readAttachmentBytes(meetings, ref);
          seen[Buffer.from(bytes).includes('XQZOUTSIDE43') ? 'outside' : 'inside']++;
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          seen.refused++;
        }
      }
    } finally {
      child.kill('SIGKILL');
    }
    console.log(`attachment race: ${JSON.stringify(seen)}`);
    expect(seen.outside).toBe(0);
    // The race ran: the folder was read, and refused as a link, both.
    expect(seen.inside).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
