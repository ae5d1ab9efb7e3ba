import path from 'node:path';
import { z } from 'zod';
import { readAttachmentBytes } from '../input/attachments.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import { cachedJson, readCacheEntry, writeToCache } from '../shared/files.js';
import { recordsFileOf } from './publish-records.js';
import { fileAt, settled } from './quick-check.js';

// What an attachment's PDF says is its file's SHA-256 (publish.ts, contentOf): a republish hashed every
// attachment file of the archive to know it (issue 33). Each file's SHA-256 is recorded with the size
// and modification time it had before it was read; where they are the same now (the quick check of
// rsync and make, as the meetings' records), the recorded SHA-256 is taken and the file is not read.
// One saved too close to its reading (quick-check.ts) is not recorded: it is read again next time.
// Kept beside the meetings' records, in the user's cache: they name the repository's files.

const recordsSchema = z.record(
  z.string(),
  // `target`: the real path of the file a symbolic link leads to (fileAt).
  z.strictObject({ size: z.number(), mtimeMs: z.number(), target: z.string().optional(), sha256: z.string() }),
);
type FileRecord = z.output<typeof recordsSchema>[string];

export interface SourceHashes {
  /** The SHA-256 of the attachment's file `ref` names in the committee folder `dir`: recorded, or read (readAttachmentBytes). */
  of: (dir: string, ref: AttachmentFileRef) => Promise<string>;
  /** Records the files hashed now, where their records changed; those of files not hashed now are dropped. */
  save: () => Promise<void>;
}

/** The attachment files' hashes of the site `out`'s last publication; none with `force`, which reads every file. */
export async function sourceHashes(out: string, force: boolean): Promise<SourceHashes> {
  // Not `<records>-…`: the records' own files are named so, and writeRecords removes those it does not name.
  const file = (await recordsFileOf(out)).replace(/\.json$/, '.bilag.json');
  const bytes = await readCacheEntry(file);
  const earlier = force ? {} : (cachedJson(recordsSchema, bytes) ?? {});
  const now = new Map<string, FileRecord>();
  // Hashed now but saved too close to its reading to be told unchanged next time (quick-check.ts): not saved.
  const unsettled = new Set<string>();
  return {
    of: async (dir, ref) => {
      // By the folder and the `fil:` as given: a record holds for the very path that was read and accepted.
      const key = `${path.resolve(dir)}\0${ref.path}`;
      // Taken before the file is read: a file saved meanwhile has another time, so is read next time.
      const takenAt = Date.now();
      const seen = fileAt(path.resolve(dir, ref.path));
      // One file may be many meetings' attachment: hashed once.
      const was = now.get(key) ?? (Object.hasOwn(earlier, key) ? earlier[key] : undefined);
      if (seen && was?.size === seen.size && was.mtimeMs === seen.mtimeMs && was.target === seen.target) {
        now.set(key, was);
        return was.sha256;
      }
      const read = await readAttachmentBytes(dir, ref);
      if (seen) now.set(key, { ...seen, sha256: read.sha256 });
      if (seen && !settled(seen.mtimeMs, takenAt)) unsettled.add(key);
      return read.sha256;
    },
    save: async () => {
      const sorted = [...now].filter(([key]) => !unsettled.has(key)).sort(([a], [b]) => (a < b ? -1 : 1));
      const text = `${JSON.stringify(Object.fromEntries(sorted))}\n`;
      if (!bytes || Buffer.from(bytes).toString('utf8') !== text) await writeToCache(file, text);
    },
  };
}
