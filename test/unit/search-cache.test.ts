import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchCacheFolder, TextCache } from '../../src/publish/search-cache.js';
import { Staging } from '../../src/publish/staging.js';
import { tempDir } from '../support/cli.js';

// A publication's attachment texts, read for the search, are kept for the next (search-cache.ts): each
// is staged as it is read, not held until the site is written (a first publication reads every
// attachment of the archive), and the cache's file is the very bytes staged.

describe("the search's text cache", () => {
  it('stages a text as it is read, reads it back from there, and puts the staged file in the cache once the site is written', async () => {
    const site = tempDir();
    const staging = new Staging(site);
    const cache = await TextCache.of(site, staging);
    const key = 'a'.repeat(64);
    const texts = ['Side ét: budget', '', 'Side tre: æøå'];
    const bytes = () => Promise.resolve(new Uint8Array([1]));
    expect(await cache.texts(key, bytes, () => Promise.resolve(texts))).toEqual(texts);
    const stagingFolder = readdirSync(site).find((f) => f.startsWith('.agenda-publish-') && f.endsWith('.tmp'));
    expect(stagingFolder).toBeDefined();
    const staged = readdirSync(path.join(site, stagingFolder!)).map((f) => readFileSync(path.join(site, stagingFolder!, f), 'utf8'));
    expect(staged).toEqual([`${JSON.stringify(texts)}\n`]);
    // The same file again (an attachment in two meetings): its staged text, not read anew.
    const again = await cache.texts(key, bytes, () => Promise.reject(new Error('read again')));
    expect(again).toEqual(texts);
    await cache.save([key]);
    expect(readFileSync(path.join(site, searchCacheFolder, `${key}.json`), 'utf8')).toBe(`${JSON.stringify(texts)}\n`);
    expect(readdirSync(path.join(site, stagingFolder!))).toEqual([]);
    staging.close();
    expect(existsSync(path.join(site, stagingFolder!))).toBe(false);
  });

  it('leaves no empty folder where the site no longer has a file whose text it kept (its attachments closed since)', async () => {
    const site = tempDir();
    const key = 'b'.repeat(64);
    const first = new Staging(site);
    const cache = await TextCache.of(site, first);
    await cache.texts(
      key,
      () => Promise.resolve(new Uint8Array([1])),
      () => Promise.resolve(['Bilagets tekst']),
    );
    await cache.save([key]);
    first.close();
    expect(readdirSync(path.join(site, searchCacheFolder))).toEqual([`${key}.json`]);
    const next = new Staging(site);
    await (await TextCache.of(site, next)).save([]);
    next.close();
    expect(existsSync(path.join(site, searchCacheFolder))).toBe(false);
  });
});
