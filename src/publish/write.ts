import { createHash } from 'node:crypto';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { readEarlierOutput } from '../input/read-file.js';
import path from 'node:path';
import { placeAtomically, writeAtomically } from '../shared/files.js';
import { inBatches } from '../shared/in-batches.js';
import { InputError, isError, type Finding } from '../shared/errors.js';
import type { EntryRevision } from './atom.js';
import type { SiteFiles } from './site.js';
import { isStaged, sizeOf, type SiteContent } from './staging.js';
import { isListed, refuseInTheWay } from './others-files.js';
import { straysIn, type Listed, type StrayJudges } from './site-strays.js';
import {
  ownBytes,
  sha256,
  stateFile,
  stateLocator,
  stateText,
  unchangedSince,
  type EarlierPublication,
  type PublishedFile,
} from './state.js';

// Writing the site: a file whose bytes are the same is left alone (its time too), so a web server, a
// git diff or rsync sees only what changed; a file the last publication wrote and this one does not
// is removed. What agenda wrote is listed in a state file (state.ts), so nothing else in the folder is touched.

export interface WriteLog {
  written: string[];
  removed: string[];
  unchanged: number;
  /** Files of the last publication no longer as it wrote them, and PDFs it did not write: left where they are. */
  warnings: Finding[];
}

/** What the state file records of the files besides their bytes, and the files of the last publication kept. */
export interface WriteOptions {
  /** Each PDF's path and the fingerprint of what it was made from. */
  madeFrom: Map<string, string>;
  /**
   * Each PDF's size and SHA-512, which a later publication takes of a PDF it keeps unread (reusable):
   * of one kept, recorded where the state file lacked them (a PDF read to be reused, its bytes let go).
   */
  pdfs?: Map<string, { size: number; sha512: string }>;
  /** Each document's feed entry's revision. */
  entries?: Map<string, EntryRevision>;
  /**
   * Files of the last publication left as they are, unread (a meeting's page, data and SBSYS folder
   * made from the same inputs, a PDF reused unread), which stay listed as it listed them.
   */
  kept?: ReadonlySet<string>;
  /** Compare every file with what the site has, none taken as written by its size and time (--force). */
  force?: boolean;
  /** Replace files publish did not write where it writes its own (--overwrite); refused without (others-files.ts). */
  overwrite?: boolean;
  /** What tells a file publish did not write (site-strays.ts): a members' document's name, a PDF agenda made. */
  judges: StrayJudges;
}

/**
 * Writes `files` into the site `out` where their bytes changed, removes what the last publication
 * wrote and this one does not, and writes the state file. Returns what it did, and `state`: the
 * SHA-256 of the state file it wrote, by which the meetings' records (kept out of the site,
 * pipeline/publish-unread.ts) name the publication they describe.
 */
export async function writeSite(
  out: string,
  files: SiteFiles,
  earlier: EarlierPublication,
  { madeFrom, pdfs = new Map(), entries = new Map(), kept = new Set(), force = false, overwrite = false, judges }: WriteOptions,
): Promise<WriteLog & { state: string }> {
  const log: WriteLog = { written: [], removed: [], unchanged: 0, warnings: [...earlier.warnings] };
  const keptAlone = [...kept].filter((file) => !files.has(file));
  // Many at once: most of the time goes waiting for the disk, file by file.
  const outputs = await inBatches([...files], async ([file, content]) => {
    const target = path.join(out, file);
    const { digest, size } = measure(content);
    // Most of a site is as the last publication wrote it: those files are not read back (a one-meeting change read the whole archive).
    // Nor is one as written whose bytes now are other than it wrote (the list of all meetings after one
    // changed: 7 MB at 240 meetings, some 115 MB at 4,000): it is written, as reading it would have told.
    if (!force && unchangedSince(earlier, file))
      return { file, target, content, digest, size, changed: earlier.files.get(file)?.sha256 !== digest };
    const old = await readEarlierOutput(target);
    return { file, target, content, digest, size, changed: !old || sha256(old) !== digest };
  });
  const changed = outputs.filter((o) => o.changed);
  // Anything but a file in a changed file's place (a folder, a FIFO, a link), anything but a folder on its
  // way, or a file of others there stops the publication before anything is written, each named at once.
  refuseInTheWay(out, { files: [...changed.map((o) => o.file), stateFile] }, earlier, overwrite);
  const published = (file: string) => files.has(file) || kept.has(file);
  const gone = [...earlier.files.keys()].filter((file) => !published(file));
  // Before anything is written. The last publication's files gone now are removed, or told by removeGone: as written
  // (the quick check, or their bytes), they are publish's; else they are looked at as any other file publish did not write.
  const own = (file: string) => published(file) || (isListed(earlier, file) && !earlier.files.has(file)) || unchangedSince(earlier, file);
  const now = new Set([...outputs.map((o) => o.digest), ...keptAlone.flatMap((file) => earlier.files.get(file)?.sha256 ?? [])]);
  const others = await straysIn(out, { own, listed: { ...listedIn(earlier), publishedNow: (digest) => now.has(digest) } }, judges);
  if (others.some(isError)) throw new InputError(others.filter(isError));
  const state = [
    ...outputs.map((o) => ({
      path: o.file,
      sha256: o.digest,
      size: o.size,
      sha512: pdfs.get(o.file)?.sha512,
      madeFrom: madeFrom.get(o.file),
      entry: entries.get(o.file),
    })),
    ...keptAlone.flatMap((file) => {
      const was = earlier.files.get(file);
      if (!was) return [];
      const { sha256: digest, madeFrom: from } = was;
      const { size, sha512: long } = pdfs.get(file) ?? was;
      // A document's PDF kept unread has this publication's feed entry: what it links may have changed.
      return [{ path: file, sha256: digest, size, sha512: long, madeFrom: from, entry: entries.has(file) ? entries.get(file) : was.entry }];
    }),
  ];
  state.sort(byPath);
  if (changed.some((o) => !earlier.files.has(o.file))) await writeInterimState(out, state, changed, gone, earlier);
  await writeChanged(changed);
  log.written = changed.map((o) => o.file).sort();
  log.unchanged = files.size + keptAlone.length - log.written.length;
  await removeGone(out, gone, earlier, log);
  log.warnings.push(...others);
  const hash = createHash('sha256');
  await writeAtomically(path.join(out, stateFile), stateText(state, hash));
  return { ...log, state: hash.digest('hex') };
}

/** What the last publication's state file lists, its SHA-256s gathered only where one is asked for (most republishes, none). */
function listedIn(earlier: EarlierPublication): Omit<Listed, 'publishedNow'> {
  let digests: Set<string> | undefined;
  return {
    digestOf: (file) => earlier.files.get(file)?.sha256,
    anyWith: (digest) => (digests ??= new Set([...earlier.files.values()].map((listed) => listed.sha256))).has(digest),
  };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1);

/**
 * The state file as it stands while the changed files are renamed in and the gone ones removed: where
 * a kill (SIGKILL, the OOM killer, a power cut) or a full disk stops publish among them, the next run
 * takes the files it was writing as its own, not as others' (others-files.ts), where the last state
 * file did not list them. Each changed file is listed with its new bytes' SHA-256 and each gone one as
 * the last publication listed it, neither with its size: the quick check (unchangedSince) takes a file
 * of the recorded size, older than the state file, as written unread, and one not yet renamed in (or
 * not yet removed) is not as this lists it, so the next run reads and compares them. Its SHA-256 is
 * never given to the meetings' records: after a kill they name the last complete state file, so they
 * are void and every meeting is read (republish.md); only the final state file, written once all is
 * done, is theirs.
 */
async function writeInterimState(
  out: string,
  state: PublishedFile[],
  changed: Array<{ file: string }>,
  gone: string[],
  earlier: EarlierPublication,
): Promise<void> {
  const unsettled = new Set(changed.map((o) => o.file));
  const interim = [
    ...state.map((entry) => (unsettled.has(entry.path) ? { ...entry, size: undefined } : entry)),
    ...gone.flatMap((file) => {
      const was = earlier.files.get(file);
      return was ? [{ ...was, size: undefined }] : [];
    }),
  ].sort(byPath);
  await writeAtomically(path.join(out, stateFile), stateText(interim, createHash('sha256')));
}

/** A file's SHA-256 and size: a staged file's as staged, else of its bytes. */
function measure(content: SiteContent): { digest: string; size: number } {
  return isStaged(content) ? { digest: content.sha256, size: content.size } : { digest: sha256(content), size: sizeOf(content) };
}

/**
 * Writes each changed file: its bytes, or its staged file renamed into place; a staged file the site has
 * at several places (an attachment's PDF and its copy in its meeting's SBSYS folder) copied to all but
 * the last, which it then becomes.
 */
async function writeChanged(changed: Array<{ target: string; content: SiteContent }>): Promise<void> {
  const last = new Map<string, string>();
  for (const { target, content } of changed) if (isStaged(content)) last.set(content.staged, target);
  const moves = (o: { target: string; content: SiteContent }) => isStaged(o.content) && last.get(o.content.staged) === o.target;
  const write = (o: { target: string; content: SiteContent }) =>
    isStaged(o.content) ? placeAtomically(o.target, o.content.staged, moves(o)) : writeAtomically(o.target, o.content);
  await inBatches(
    changed.filter((o) => !moves(o)),
    write,
  );
  await inBatches(changed.filter(moves), write);
}

/** The files of the last publication that this one does not write, where they are still as it wrote them. */
async function removeGone(out: string, gone: string[], earlier: EarlierPublication, log: WriteLog): Promise<void> {
  const listedAt = stateLocator(earlier);
  for (const file of gone) {
    const own = await ownBytes(earlier, file);
    if (own === undefined) {
      const message = `${file} is not as publish wrote it (changed, or behind a symbolic link); left alone, remove it yourself`;
      log.warnings.push({ ...listedAt(file), warning: true, message });
      continue;
    }
    if (own !== 'missing') {
      await rm(path.join(out, file));
      await removeEmptyFolders(out, path.dirname(file));
    }
    log.removed.push(file);
  }
}

/** The folders of a removed file, up to the site's root, where they are now empty. */
async function removeEmptyFolders(out: string, folder: string): Promise<void> {
  for (let dir = folder; dir !== '.' && dir !== ''; dir = path.dirname(dir)) {
    const full = path.join(out, dir);
    if ((await readdir(full).catch(() => ['?'])).length > 0) return;
    await rmdir(full);
  }
}
