import path from 'node:path';
import { z } from 'zod';
import { checkMeeting, type CheckedShared } from '../check/check.js';
import { meetingDates } from '../input/meeting-names.js';
import type { CommitteeFolder } from '../input/repository.js';
import { buildMeeting } from '../model/merge.js';
import { publicVersion } from '../model/public.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import type { Finding } from '../shared/errors.js';
import { cachedJson, readCacheEntry, writeToCache } from '../shared/files.js';
import { cacheFileOf, codeBuild } from '../shared/paths.js';
import { closedElsewhereByMeeting, readFiled, type FiledMeeting } from './closed-files.js';
import { once, type Fingerprints } from './fingerprint.js';

// A build of a public document refuses a meeting that names open a file another meeting of its committee
// closes, as check and publish do (closed-files.ts). A kept public PDF's fingerprint counts its own meeting's
// files, not the others', so the look is made before a PDF is kept, every run: a meeting closing its file
// since must not leave it kept. Reading every meeting of the committee for it would be most of a build that
// keeps everything (some 6 ms a meeting), so what each meeting names open and closes is kept in the user's
// cache, by the meeting's fingerprint (the members': its file, the shared files and their live closings, the
// repository's and the package's files, all that its attachments and their closing are read from) and the
// code's build, and read again only where either changed. The files themselves are judged anew each run
// (their sizes; their SHA-256 where sizes match), as publish judges them. The cache names closed files (never
// their titles): it is the user's own (writeToCache), never the repository or the site.

const at = z.strictObject({ file: z.string(), line: z.number(), col: z.number(), path: z.string() });
const ref = z.strictObject({ path: z.string(), at });
const meetingSchema = z.strictObject({ inputs: z.string(), open: z.array(ref), closed: z.array(ref) });
const cacheSchema = z.strictObject({ code: z.string(), meetings: z.record(z.string(), meetingSchema) });
type Filed = z.output<typeof meetingSchema>;

/** A run's look at what each committee's meetings close (a build's, once a committee). */
export interface ClosedElsewhere {
  /** The findings of the meeting of `date`: each open attachment whose file another meeting of its committee closes. */
  of: (folder: CommitteeFolder, date: string) => Promise<Finding[]>;
}

/**
 * `fingerprints`: the run's (each file hashed once); `sharedOf`: the committee's shared files checked once;
 * `fresh` (--force): every meeting read, the cache not asked.
 */
export function closedElsewhereOnce(
  fingerprints: Fingerprints,
  sharedOf: (folder: CommitteeFolder) => Promise<CheckedShared>,
  { fresh }: { fresh: boolean },
): ClosedElsewhere {
  const committees = new Map<string, Promise<Map<string, Finding[]>>>();
  return {
    of: async (folder, date) =>
      (await once(committees, folder.dir, () => committeeFindings(folder, fingerprints, () => sharedOf(folder), fresh))).get(date) ?? [],
  };
}

async function committeeFindings(
  folder: CommitteeFolder,
  fingerprints: Fingerprints,
  shared: () => Promise<CheckedShared>,
  fresh: boolean,
): Promise<Map<string, Finding[]>> {
  const { dir } = folder;
  const cache = await cacheFileOf('closed-files', dir);
  const read = fresh ? undefined : await readCacheEntry(cache);
  const stored = cachedJson(cacheSchema, read);
  const code = codeBuild();
  const was = stored?.code === code ? stored.meetings : {};
  const now: Record<string, Filed> = {};
  const filed: FiledMeeting[] = [];
  for (const date of await meetingDates(dir)) {
    const inputs = await fingerprints(dir, date, 'medlemmer');
    const entry = was[date]?.inputs === inputs ? was[date] : await readFiles(date, inputs, await shared());
    // One that does not read names nothing here: its own build, or check, tells why.
    if (!entry) continue;
    now[date] = entry;
    const located = (refs: AttachmentFileRef[]) => refs.map((r) => ({ path: r.path, at: { ...r.at, file: path.join(dir, r.at.file) } }));
    const closed = located(entry.closed);
    filed.push({ date, open: located(entry.open), closed: closed.map((c) => c.path), locate: () => Promise.resolve(closed) });
  }
  const text = `${JSON.stringify({ code, meetings: now })}\n`;
  if (read === undefined || text !== read.toString('utf8')) await writeToCache(cache, text);
  return closedElsewhereByMeeting(dir, filed);
}

/** A meeting read as check reads it: what its public version names open, and the files its members' version closes. */
async function readFiles(date: string, inputs: string, shared: CheckedShared): Promise<Filed | undefined> {
  const { sources } = await checkMeeting(date, shared);
  if (!sources) return undefined;
  const meeting = buildMeeting(sources);
  const filed = readFiled(date, meeting, publicVersion(meeting));
  // Each located in its file as named from the committee's folder: the same folder may be named otherwise next time.
  const dir = shared.folder.dir;
  const kept = (refs: AttachmentFileRef[]) => refs.map((r) => ({ path: r.path, at: { ...r.at, file: path.relative(dir, r.at.file) } }));
  return { inputs, open: kept(filed.open), closed: kept(await filed.locate()) };
}
