import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { readEarlierOutput } from '../input/read-file.js';
import { placeAtomically } from '../shared/files.js';
import type { Staging } from './staging.js';
import { linkOnTheWay } from './state.js';

// The text of each attachment's file, as the search index was given it, kept in the site folder
// (.agenda-search/, by the SHA-256 of the file's bytes) for the next publication: reading the text of
// every page of every attachment again would make one changed meeting cost the whole archive's time.
// Only the text of files the site publishes is kept, so nothing here is not public already; it is a
// cache, which a publication without it makes anew with the same result.

export const searchCacheFolder = '.agenda-search';

export class TextCache {
  private readonly used = new Set<string>();
  /**
   * The texts read now, each staged as it is read (staging.ts), by key: not held until the site is
   * written, which a first publication's texts (every attachment's of the archive) would all be.
   */
  private readonly fresh = new Map<string, string>();

  private constructor(
    private readonly folder: string,
    /** Not where a symbolic link leads the folder: out of the site. */
    private readonly usable: boolean,
    private readonly staging: Staging,
  ) {}

  static async of(out: string, staging: Staging): Promise<TextCache> {
    return new TextCache(path.join(out, searchCacheFolder), !(await linkOnTheWay(out, `${searchCacheFolder}/-`)), staging);
  }

  /**
   * The text of each page of a file (`key`: the SHA-256 of its bytes), as kept from an earlier
   * publication or staged by this one, else as `read` reads it of its `bytes` (got only then: a PDF
   * kept unread is read for it).
   */
  async texts(key: string, bytes: () => Promise<Uint8Array>, read: (bytes: Uint8Array) => Promise<string[]>): Promise<string[]> {
    this.used.add(key);
    const staged = this.fresh.get(key);
    const texts = await textsIn(staged ?? (this.usable ? this.file(key) : undefined));
    if (texts) return texts;
    const made = await read(await bytes());
    this.fresh.set(key, this.staging.stage(`${searchCacheFolder}/${key}.json`, `${JSON.stringify(made)}\n`).staged);
    return made;
  }

  /**
   * Once the site is written: the texts read now kept, those of files the site no longer has removed.
   * `published`: the SHA-256 of every attachment file the site has, whose texts stay, read now
   * (`texts`) or not (an index kept unread). The folder goes where it is left empty.
   */
  async save(published: string[]): Promise<void> {
    if (!this.usable) return;
    for (const key of published) this.used.add(key);
    for (const [key, staged] of this.fresh) await placeAtomically(this.file(key), staged, true);
    const kept = await readdir(this.folder).catch(() => []);
    const unused = kept.filter((name) => /^[0-9a-f]{64}\.json$/.test(name) && !this.used.has(name.slice(0, 64)));
    await Promise.all(unused.map((name) => rm(path.join(this.folder, name), { force: true })));
    // Left empty (every attachment closed or gone since) it is nothing of the site's: removed, where empty only.
    if (unused.length === kept.length) await rmdir(this.folder).catch(() => undefined);
  }

  private file(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}

/** A kept or staged file's texts; none where there is none, or it is not what texts() stages. */
async function textsIn(file: string | undefined): Promise<string[] | undefined> {
  const bytes = file === undefined ? undefined : await readEarlierOutput(file);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return Array.isArray(value) && value.every((t) => typeof t === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}
