import { describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { searchIndexes, type SearchEntry } from '../../src/publish/search.js';

// searchIndexes sends a committee's records to Pagefind all at once, not each after the last one's
// answer: the same index only while Pagefind's service takes its messages in the order written (its
// source plans to take them concurrently). An upgrade that did would make a republish's index other
// bytes than a fresh publication's; this compares the two ways on the installed Pagefind.

const words = ['budget', 'opfølgning', 'skole', 'vej', 'havn', 'klima', 'beslutning', 'indstilling', 'bilag', 'sag'];
const records: SearchEntry[] = Array.from({ length: 60 }, (_, i) => ({
  url: `/udvalg/2024-01-${String((i % 28) + 1).padStart(2, '0')}.html#punkt-${i}`,
  content: `<html lang="da"><head><title>Punkt ${i}</title></head><body><main data-pagefind-body><h2>Punkt ${i}: ${words[i % words.length] ?? ''}</h2><p>${Array.from({ length: 5 + (i % 7) }, (_, j) => words[(i * 3 + j) % words.length]).join(' ')} nummer ${i}.</p></main></body></html>`,
}));

/** The index of `records` added one after another's answer, as Pagefind's own order. */
async function oneAtATime(): Promise<Map<string, Uint8Array>> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'da' });
  if (!index) throw new Error('Pagefind made no index');
  for (const record of records) await index.addHTMLFile(record);
  const { files } = await index.getFiles();
  await index.deleteIndex();
  return new Map(files.map((f) => [f.path, f.content]));
}

describe("a committee's search records sent to Pagefind all at once", () => {
  it('make the very index they make sent one at a time', async () => {
    const alone = await oneAtATime();
    const together = new Map<string, Uint8Array>();
    // Made as they are sent, as publish makes them (searchRecords): a generator that Pagefind's sending pulls from.
    const made = async function* () {
      for (const record of records) yield await Promise.resolve(record);
    };
    await searchIndexes([{ folder: 'pagefind/udvalg', records: made }], (_, file, bytes) => together.set(file, bytes));
    expect(together.size).toBeGreaterThan(5);
    for (const [file, content] of together) {
      const own = alone.get(file.slice('pagefind/udvalg/'.length));
      expect(own && Buffer.from(own).equals(Buffer.from(content)), file).toBe(true);
    }
  });
});
