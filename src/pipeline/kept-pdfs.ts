import { statfsSync, statSync, type BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Listed } from '../input/folder-listing.js';
import { readEarlierOutput } from '../input/read-file.js';
import { recordsInputs } from '../pdf/postprocess.js';
import { sealedOver } from '../pdf/seal.js';
import { cachedJson, readCacheEntry, writeToCache } from '../shared/files.js';
import { cacheFileOf } from '../shared/paths.js';
import { once } from './fingerprint.js';

// Which PDFs of a folder were found sealed over which fingerprint, so that a build where nothing changed
// need not read and hash them again (160 kB a PDF: 630 MB for an archive of 4,000 meetings). Each PDF
// read and found sealed (earlier-pdf.ts) is recorded with its file's identity: its device, inode,
// size, modification and change times (ctime). A PDF whose identity is the one recorded is taken as
// sealed over the recorded fingerprint unread. On a local file system (localFileSystem, below) nothing
// but writing it anew gives a file another content: a write changes its ctime, which no program can
// set (`touch -r` and utimes set it to now), and a file put in its place is another inode; elsewhere
// no PDF is recorded.
//
// The racy case (git's racy-git): a file changed twice within one tick of the file system's clock
// keeps its ctime. An identity is recorded only where the file's ctime is older than the record
// file's own ctime as this run found it, a time of the same clock taken before the file's identity
// was: any change since then gives it a later ctime. A PDF printed by this run is so recorded only
// when the next run has read it (its ctime is newer than the record); where a PDF is found sealed
// but too new to record, the record is written anew, so the next run has a later time to go by.
// Where there is no record yet, an empty one is written before any PDF is looked at.
//
// The records of a folder are a file of the user's cache (userCacheDir), named by the SHA-256 of the
// folder's real path (a PDF of another folder is not taken), 0600 in 0700 (writeToCache). One that is
// missing, damaged or cannot be written costs time, nothing else: every PDF is read, as before.

const recordsSchema = z.record(z.string(), z.strictObject({ file: z.string(), inputs: z.string().regex(/^[0-9a-f]{64}$/) }));
type Sealed = z.output<typeof recordsSchema>[string];

/** The records of one folder, as read and as they are to be saved. */
interface Folder {
  cache: string;
  /** The record file's ctime when first read: a time of the file system's clock before any PDF of the folder is looked at. */
  clock?: bigint;
  read?: string;
  now: Map<string, Sealed>;
  /** A PDF was printed, or found sealed but changed too recently to record: the record is written anew, its ctime then later. */
  renew: boolean;
  /** Whether the folder's PDFs are recorded at all: where it and the cache are on local file systems (localFileSystem). */
  recorded: boolean;
}

/** A PDF found at its path: the fingerprint it is sealed over where its record tells, else its bytes to read. */
interface Found {
  file: string;
  known?: string;
  bytes: () => Promise<Uint8Array | undefined>;
  sealed: (inputs: string) => void;
}

/** A run's judgement of the PDFs it finds: whether each is as the tool made it from a fingerprint, and the records of those that are. */
export interface KeptPdfs {
  /** Whether the PDF at `file` is as the tool made it from `inputs` (its seal holds over them), its bytes untouched since. */
  keptAsMade: (file: string, inputs: string) => Promise<boolean>;
  /** The first of `files` that is as the tool made it from the fingerprint `inputs` (keptAsMade), made only where there is one of them. */
  firstKeptAsMade: (files: string[], inputs: () => Promise<string>) => Promise<string | undefined>;
  /** The PDF at `file` was written anew: its record no longer holds. */
  written: (file: string) => Promise<void>;
  /** Writes each folder's records where they changed. */
  save: () => Promise<void>;
}

/** The PDFs a run finds, their folders listed by `listed`; `env` gives the user's cache. */
export function keptPdfs(listed: Listed, env: NodeJS.ProcessEnv = process.env): KeptPdfs {
  const folders = new Map<string, Promise<Folder>>();
  const folderOf = (file: string) => once(folders, path.resolve(path.dirname(file)), () => readFolder(path.dirname(file), env));
  const look = async (file: string): Promise<Found | undefined> => {
    // The record's clock is read before the file's identity is taken (see above).
    const folder = await folderOf(file);
    const name = path.basename(file);
    const info = (await listed.exists(file)) ? statOf(file) : undefined;
    const was = folder.now.get(name);
    folder.now.delete(name);
    if (!info?.isFile()) return undefined;
    if (was?.file === identity(info)) {
      folder.now.set(name, was);
      return { file, known: was.inputs, bytes: () => Promise.resolve(undefined), sealed: () => undefined };
    }
    let bytes: Promise<Uint8Array | undefined> | undefined;
    const sealed = (inputs: string) => {
      if (folder.clock !== undefined && info.ctimeNs < folder.clock) folder.now.set(name, { file: identity(info), inputs });
      else folder.renew = true;
    };
    return { file, bytes: () => (bytes ??= readEarlierOutput(file)), sealed };
  };
  const holds = async (found: Found, inputs: string): Promise<boolean> => {
    if (found.known !== undefined) return found.known === inputs;
    const bytes = await found.bytes();
    const kept = bytes !== undefined && recordsInputs(bytes, inputs) && sealedOver(bytes, inputs);
    if (kept) found.sealed(inputs);
    return kept;
  };
  return {
    keptAsMade: async (file, inputs) => {
      const found = await look(file);
      return found !== undefined && holds(found, inputs);
    },
    firstKeptAsMade: async (files, inputs) => {
      const found = (await Promise.all(files.map(look))).filter((f) => f !== undefined);
      if (found.length === 0) return undefined;
      const made = await inputs();
      for (const candidate of found) if (await holds(candidate, made)) return candidate.file;
      return undefined;
    },
    written: async (file) => {
      const folder = await folderOf(file);
      folder.now.delete(path.basename(file));
      // Written anew after it, the record has a time the next run can record it by, once it has read it.
      folder.renew = true;
    },
    save: async () => {
      for (const folder of await Promise.all(folders.values())) {
        const text = `${JSON.stringify(Object.fromEntries([...folder.now].sort(([a], [b]) => (a < b ? -1 : 1))))}\n`;
        if (folder.recorded && (text !== folder.read || folder.renew)) await writeToCache(folder.cache, text);
      }
    },
  };
}

/** What stat tells of `file` (as readEarlierOutput, through a link), at once: a build asks it of every PDF, where nothing else waits. */
function statOf(file: string): BigIntStats | undefined {
  try {
    return statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/** A file's identity: what changes with every write of it, or a file put in its place. */
function identity(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/** Where the records of the folder `dir`'s PDFs are: in the user's cache, by the SHA-256 of the folder's real path. */
export function pdfRecordsFile(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return cacheFileOf('build', dir, env);
}

/** The records of the folder `dir`'s PDFs: none where there are none, or they do not read as written. */
async function readFolder(dir: string, env: NodeJS.ProcessEnv): Promise<Folder> {
  const cache = await pdfRecordsFile(dir, env);
  if (!localFileSystem(dir)) return { cache, now: new Map(), renew: false, recorded: false };
  const changed = async () => (await stat(cache, { bigint: true }).catch(() => undefined))?.ctimeNs;
  // None yet (a first build here, the cache removed): written empty now, so that this run has a time to record PDFs by.
  const clock = (await changed()) ?? (await writeToCache(cache, '{}\n').then(changed));
  const bytes = clock === undefined ? undefined : await readCacheEntry(cache);
  const records = cachedJson(recordsSchema, bytes) ?? {};
  const read = bytes && Buffer.from(bytes).toString('utf8');
  return { cache, clock, read, now: new Map(Object.entries(records)), renew: false, recorded: localFileSystem(path.dirname(cache)) };
}

/**
 * The file systems (statfs's magic numbers) where a file's ctime is set by the kernel's own clock at every
 * write and no program can set it: ext2-4, XFS, Btrfs, tmpfs, ZFS, overlayfs (a container's, over one of
 * them), F2FS. Elsewhere it is not so: FAT and sshfs give the modification time as ctime (touch -r sets
 * both), SMB and NFS give the server's (another clock, and an attribute cache): there every PDF is read.
 */
const localFileSystems = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x2fc12fc1, 0x794c7630, 0xf2f52010]);

export function localFileSystem(dir: string): boolean {
  try {
    return localFileSystems.has(statfsSync(dir).type);
  } catch {
    return false;
  }
}
