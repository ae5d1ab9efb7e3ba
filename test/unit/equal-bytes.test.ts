import { describe, expect, it } from 'vitest';

// toEqual of byte arrays goes through test/support/equal-bytes.ts (a setup file): the same verdict as vitest's
// own walk, so a test of a site's or a PDF's bytes still fails where one byte differs.

describe('byte arrays under toEqual', () => {
  const bytes = Buffer.from('%PDF-1.7 same bytes');

  it('are equal with the same bytes, in a Map or an object as siteBytes and snapshot() hold them', () => {
    expect(Buffer.from(bytes)).toEqual(bytes);
    expect(new Map([['a.pdf', Buffer.from(bytes)]])).toEqual(new Map([['a.pdf', bytes]]));
    expect({ bytes: Buffer.from(bytes), ino: 1 }).toStrictEqual({ bytes, ino: 1 });
  });

  it('differ where one byte does, or the length', () => {
    const other = Buffer.from(bytes);
    other[other.length - 1] = 0x21;
    expect(other).not.toEqual(bytes);
    expect(new Map([['a.pdf', other]])).not.toEqual(new Map([['a.pdf', bytes]]));
    expect(bytes.subarray(1)).not.toEqual(bytes);
    expect(Buffer.alloc(0)).not.toEqual(bytes);
  });

  it('of two kinds are left to vitest: a Buffer is not a Uint8Array of the same bytes', () => {
    expect(bytes).not.toStrictEqual(new Uint8Array(bytes));
    expect(new Uint8Array(bytes)).toEqual(new Uint8Array(bytes));
  });
});
