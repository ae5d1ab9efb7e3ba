import path from 'node:path';
import { z } from 'zod';
import { checkMeeting, type CheckedShared } from '../check/check.js';
import { meetingDates } from '../input/meeting-names.js';
import { findCommittees, type CommitteeFolder } from '../input/repository.js';
import { buildMeeting } from '../model/merge.js';
import { publicVersion } from '../model/public.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import type { Finding } from '../shared/errors.js';
import { cachedJson, readCacheEntry, writeToCache } from '../shared/files.js';
import { cacheFileOf, codeBuild } from '../shared/paths.js';
import {
  closedElsewhereByMeeting,
  closedInOtherCommitteesByMeeting,
  filedCommittee,
  readFiled,
  type FiledCommittee,
  type FiledMeeting,
} from './closed-files.js';
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

/** A run's look at what the archive's meetings close (a build's, once). */
export interface ClosedElsewhere {
  /**
   * The findings of the meeting of `date`: each open attachment whose file another meeting of its committee
   * closes, or a copy of a file a meeting of another committee of the archive closes.
   */
  of: (folder: CommitteeFolder, date: string) => Promise<Finding[]>;
}

/**
 * `fingerprints`: the run's (each file hashed once); `sharedOf`: a committee's shared files checked once;
 * `fresh` (--force): every meeting read, the cache not asked.
 */
export function closedElsewhereOnce(
  fingerprints: Fingerprints,
  sharedOf: (folder: CommitteeFolder) => Promise<CheckedShared>,
  { fresh }: { fresh: boolean },
): ClosedElsewhere {
  const archives = new Map<string, Promise<Map<string, Finding[]>>>();
  return {
    of: async (folder, date) =>
      (await once(archives, folder.root, () => archiveFindings(folder, fingerprints, sharedOf, fresh))).get(meetingKey(folder.dir, date)) ??
      [],
  };
}

const meetingKey = (dir: string, date: string) => `${path.resolve(dir)}\0${date}`;

/**
 * Every committee of the repository (found as check and publish find them), each by its cached reading: a case
 * travels between committees (ØK to KB) with its files, and they publish to one site. `folder` itself where it
 * is not found among them (a committee folder named alone).
 */
async function archiveFindings(
  folder: CommitteeFolder,
  fingerprints: Fingerprints,
  sharedOf: (folder: CommitteeFolder) => Promise<CheckedShared>,
  fresh: boolean,
): Promise<Map<string, Finding[]>> {
  const found = await findCommittees(folder.root);
  const folders = found.some((c) => path.resolve(c.dir) === path.resolve(folder.dir)) ? found : [folder, ...found];
  const committees: FiledCommittee[] = [];
  for (const c of folders) {
    const shared = await sharedOf(c);
    committees.push(filedCommittee(shared, await committeeFiled(c, fingerprints, shared, fresh)));
  }
  const findings = new Map<string, Finding[]>();
  const add = (dir: string, date: string, more: Finding[]) => {
    const key = meetingKey(dir, date);
    findings.set(key, [...(findings.get(key) ?? []), ...more]);
  };
  for (const { dir, meetings } of committees) for (const [date, own] of await closedElsewhereByMeeting(dir, meetings)) add(dir, date, own);
  const across = await closedInOtherCommitteesByMeeting(committees);
  for (const { dir, meetings } of committees) for (const m of meetings) add(dir, m.date, across.get(m) ?? []);
  return findings;
}

/** The committee's meetings as the look sees them, each read only where its fingerprint or the code changed. */
async function committeeFiled(
  folder: CommitteeFolder,
  fingerprints: Fingerprints,
  shared: CheckedShared,
  fresh: boolean,
): Promise<FiledMeeting[]> {
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
    const entry = was[date]?.inputs === inputs ? was[date] : await readFiles(date, inputs, shared);
    // One that does not read names nothing here: its own build, or check, tells why.
    if (!entry) continue;
    now[date] = entry;
    const located = (refs: AttachmentFileRef[]) => refs.map((r) => ({ path: r.path, at: { ...r.at, file: path.join(dir, r.at.file) } }));
    const closed = located(entry.closed);
    filed.push({ date, open: located(entry.open), closed: closed.map((c) => c.path), locate: () => Promise.resolve(closed) });
  }
  const text = `${JSON.stringify({ code, meetings: now })}\n`;
  if (read === undefined || text !== read.toString('utf8')) await writeToCache(cache, text);
  return filed;
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
