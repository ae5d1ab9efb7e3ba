import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readEarlierOutput } from '../input/read-file.js';
import { writeAllAtomically } from '../shared/files.js';
import { linkOnTheWay } from './state.js';

// The text of each attachment's file, as the search index was given it, kept in the site folder
// (.agenda-search/, by the SHA-256 of the file's bytes) for the next publication: reading the text of
// every page of every attachment again would make one changed meeting cost the whole archive's time.
// Only the text of files the site publishes is kept, so nothing here is not public already; it is a
// cache, which a publication without it makes anew with the same result.

export const searchCacheFolder = '.agenda-search';

export class TextCache {
  private readonly used = new Set<string>();
  private readonly fresh = new Map<string, string[]>();

  private constructor(
    private readonly folder: string,
    /** Not where a symbolic link leads the folder: out of the site. */
    private readonly usable: boolean,
  ) {}

  static async of(out: string): Promise<TextCache> {
    return new TextCache(path.join(out, searchCacheFolder), !(await linkOnTheWay(out, `${searchCacheFolder}/-`)));
  }

  /**
   * The text of each page of a file (`key`: the SHA-256 of its bytes), as kept from an earlier
   * publication, else as `read` reads it of its `bytes` (got only then: a PDF kept unread is read for it).
   */
  async texts(key: string, bytes: () => Promise<Uint8Array>, read: (bytes: Uint8Array) => Promise<string[]>): Promise<string[]> {
    this.used.add(key);
    const kept = this.usable ? await readEarlierOutput(this.file(key)) : undefined;
    const texts = kept && pageTexts(Buffer.from(kept).toString('utf8'));
    if (texts) return texts;
    const made = this.fresh.get(key) ?? (await read(await bytes()));
    this.fresh.set(key, made);
    return made;
  }

  /**
   * Once the site is written: the texts read now kept, those of files the site no longer has removed.
   * `published`: the SHA-256 of every attachment file the site has, whose texts stay, read now
   * (`texts`) or not (an index kept unread).
   */
  async save(published: string[]): Promise<void> {
    if (!this.usable) return;
    for (const key of published) this.used.add(key);
    await writeAllAtomically([...this.fresh].map(([key, texts]) => ({ file: this.file(key), data: `${JSON.stringify(texts)}\n` })));
    const kept = await readdir(this.folder).catch(() => []);
    const unused = kept.filter((name) => /^[0-9a-f]{64}\.json$/.test(name) && !this.used.has(name.slice(0, 64)));
    await Promise.all(unused.map((name) => rm(path.join(this.folder, name), { force: true })));
  }

  private file(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}

/** A kept file's texts; none where it is not what save() writes. */
function pageTexts(json: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((t) => typeof t === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}
