import path from 'node:path';
import { z } from 'zod';
import { readAttachmentBytes } from '../input/attachments.js';
import { readEarlierOutput } from '../input/read-file.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import { statusOf, writeToCache } from '../shared/files.js';
import { cachedJson, recordsFileOf } from './publish-records.js';

// What an attachment's PDF says is its file's SHA-256 (publish.ts, contentOf): a republish hashed every
// attachment file of the archive to know it (issue 33). Each file's SHA-256 is recorded with the size
// and modification time it had before it was read; where they are the same now (the quick check of
// rsync and make, as the meetings' records), the recorded SHA-256 is taken and the file is not read.
// Kept beside the meetings' records, in the user's cache: they name the repository's files.

const recordsSchema = z.record(z.string(), z.strictObject({ size: z.number(), mtimeMs: z.number(), sha256: z.string() }));
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
  const bytes = await readEarlierOutput(file);
  const earlier = force ? {} : (cachedJson(recordsSchema, bytes) ?? {});
  const now = new Map<string, FileRecord>();
  return {
    of: async (dir, ref) => {
      // By the folder and the `fil:` as given: a record holds for the very path that was read and accepted.
      const key = `${path.resolve(dir)}\0${ref.path}`;
      // Taken before the file is read: a file saved meanwhile has another time, so is read next time.
      const info = statusOf(path.resolve(dir, ref.path));
      // One file may be many meetings' attachment: hashed once.
      const was = now.get(key) ?? (Object.hasOwn(earlier, key) ? earlier[key] : undefined);
      if (info?.isFile() && was?.size === info.size && was.mtimeMs === info.mtimeMs) {
        now.set(key, was);
        return was.sha256;
      }
      const read = await readAttachmentBytes(dir, ref);
      if (info?.isFile()) now.set(key, { size: info.size, mtimeMs: info.mtimeMs, sha256: read.sha256 });
      return read.sha256;
    },
    save: async () => {
      const sorted = [...now].sort(([a], [b]) => (a < b ? -1 : 1));
      const text = `${JSON.stringify(Object.fromEntries(sorted))}\n`;
      if (!bytes || Buffer.from(bytes).toString('utf8') !== text) await writeToCache(file, text);
    },
  };
}
