import { describe, expect, it } from 'vitest';
import { entryRevision } from '../../src/publish/atom.js';

// A document's feed entry: its `updated` moves only when what it says changes, and always forward.

describe("a feed entry's revision", () => {
  const first = entryRevision(undefined, 'a', '2026-12-06');

  it('is the day of its first publication, and stays while the document says the same, on any later day', () => {
    expect(first).toEqual({ content: 'a', updated: '2026-12-06T00:00:00Z' });
    expect(entryRevision(first, 'a', '2027-01-10')).toBe(first);
  });

  it('is the day of a correction published on a later day', () => {
    expect(entryRevision(first, 'b', '2027-01-10')).toEqual({ content: 'b', updated: '2027-01-10T00:00:00Z' });
  });

  it('is a second after the last one for a correction on the same day, and again for the next', () => {
    const second = entryRevision(first, 'b', '2026-12-06');
    expect(second).toEqual({ content: 'b', updated: '2026-12-06T00:00:01Z' });
    expect(entryRevision(second, 'a', '2026-12-06')).toEqual({ content: 'a', updated: '2026-12-06T00:00:02Z' });
  });
});
