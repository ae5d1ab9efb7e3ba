import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, stateText, type PublishedFile } from '../../src/publish/state.js';

// The state file is written in pieces (stateText), never one string of it all: its bytes and their
// SHA-256, by which the meetings' records name the publication, are those of the one string it was.

const hex = (n: number, length: number) => createHash('sha512').update(String(n)).digest('hex').slice(0, length);

/** Entries as writeSite lists them: a page (no PDF's fields), a PDF (its hashes, what it is made from), a document (its feed entry). */
function entries(count: number): PublishedFile[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `udvalg-${i % 7}/2024-01-${String(i).padStart(5, '0')}${i % 3 === 0 ? '.html' : '.pdf'}`,
    sha256: hex(i, 64),
    size: i * 1000,
    sha512: i % 3 === 0 ? undefined : hex(i + 1, 128),
    madeFrom: i % 3 === 0 ? undefined : hex(i + 2, 64),
    entry: i % 5 === 1 ? { content: hex(i + 3, 64), updated: '2024-01-02T03:04:05.000Z' } : undefined,
  }));
}

describe('stateText', () => {
  it.each([0, 1, 2, 150, 3000])('gives the bytes of JSON.stringify with two spaces, and their SHA-256, for %i entries', (count) => {
    const files = entries(count);
    const hash = createHash('sha256');
    const pieces = [...stateText(files, hash)];
    const whole = `${JSON.stringify({ files }, null, 2)}\n`;
    expect(pieces.join('')).toBe(whole);
    expect(hash.digest('hex')).toBe(sha256(whole));
    // In pieces of 100 entries (some 30-45 kB) where there are that many (3,000 entries: some 1 MB); 150 ends in a piece not full.
    if (count === 3000) {
      expect(pieces.length).toBeGreaterThan(10);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70_000);
    }
  });
});
