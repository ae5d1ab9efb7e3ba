import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCacheEntry, removeFromCache, usableCacheEntry, writeToCache } from '../../src/shared/files.js';
import { userCacheDir } from '../../src/shared/paths.js';

describe('userCacheDir', () => {
  it('is under an absolute $XDG_CACHE_HOME, else ~/.cache; a relative one (the working folder, a repository) is ignored', () => {
    expect(userCacheDir('republish', { XDG_CACHE_HOME: '/var/cache/sekretariat' })).toBe('/var/cache/sekretariat/agenda/republish');
    const home = path.join(homedir(), '.cache', 'agenda', 'republish');
    expect(userCacheDir('republish', {})).toBe(home);
    expect(userCacheDir('republish', { XDG_CACHE_HOME: '' })).toBe(home);
    expect(userCacheDir('republish', { XDG_CACHE_HOME: 'cache' })).toBe(home);
  });
});

describe("a cache that is not the user's own (files.ts)", () => {
  /** A records file of the cache `root` (as publish's and build's are kept), its folders made and the file written by hand. */
  const entryIn = (root: string) => {
    const file = path.join(userCacheDir('republish', { XDG_CACHE_HOME: root }), 'site.json');
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, '{"planted":true}\n', { mode: 0o600 });
    return file;
  };
  const fresh = () => mkdtempSync(path.join(tmpdir(), 'agenda-cache-owner-'));

  it("reads and writes the user's own", async () => {
    const file = entryIn(fresh());
    expect(String(await readCacheEntry(file))).toBe('{"planted":true}\n');
    await writeToCache(file, 'kept\n');
    expect(readFileSync(file, 'utf8')).toBe('kept\n');
  });

  it('neither reads nor writes one in a folder others may write, nor removes from it; a link neither', async () => {
    const file = entryIn(fresh());
    chmodSync(path.dirname(file), 0o777);
    expect(usableCacheEntry(file)).toBe(false);
    expect(await readCacheEntry(file)).toBeUndefined();
    await writeToCache(file, 'kept\n');
    await writeToCache(path.join(path.dirname(file), 'other.json'), 'kept\n');
    await removeFromCache(file);
    expect(readdirSync(path.dirname(file))).toEqual(['site.json']);
    expect(readFileSync(file, 'utf8')).toBe('{"planted":true}\n');
    const linked = fresh();
    const target = entryIn(fresh());
    mkdirSync(path.join(linked, 'agenda'), { mode: 0o700 });
    symlinkSync(path.dirname(target), path.join(linked, 'agenda', 'republish'));
    expect(await readCacheEntry(path.join(linked, 'agenda', 'republish', 'site.json'))).toBeUndefined();
  });

  it('reads no entry writable by others, nor one that is a link', async () => {
    const file = entryIn(fresh());
    chmodSync(file, 0o666);
    expect(await readCacheEntry(file)).toBeUndefined();
    const link = entryIn(fresh());
    rmSync(link);
    symlinkSync(entryIn(fresh()), link);
    expect(await readCacheEntry(link)).toBeUndefined();
  });
});
