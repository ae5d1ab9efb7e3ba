import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { readInputFileSync } from '../input/read-file.js';
import path from 'node:path';
import type { Audience, Meeting } from '../model/meeting.js';
import { packageRoot, templatesDir } from '../shared/paths.js';
import { archiveDir } from '../input/archive.js';
import { folderListings, type Listed } from '../input/folder-listing.js';
import { meetingFile, repositoryFiles, sharedFiles } from '../input/load.js';
import { housePageFolders } from '../shared/house-templates.js';
import { folderAt } from '../input/repository.js';
import { liveClosingsKeys } from './live-closings-key.js';
import { fontFaces } from '../render/fonts.js';

/**
 * The SHA-256 of everything a meeting's document is made from: the meeting file, the shared files it
 * is read with (the archived copies of a finalized meeting, and what the live ones close of them), the templates, the package's version
 * and the audience. Recorded in the PDF, it proves which meeting and inputs a document was built
 * from, so `send` mails an existing PDF only when it is this one (a date alone names the document
 * of any committee built into the same out/). A meeting that takes up a case (`sag:`) shows what the
 * other committees' meetings did with it: `history` (caseHistoryDigest) is the hash of those steps as
 * the document shows them, not of the other committees' files, so an edit elsewhere that changes none
 * of them changes no document (an approval, a seal and the send log are bound to its bytes).
 * `run`: a batch's fingerprints, which read each file once (fingerprintsOnce).
 */
export async function inputsFingerprint(
  dir: string,
  date: string,
  audience: Audience,
  history?: string,
  run: Fingerprints = fingerprintsOnce(),
): Promise<string> {
  return run(dir, date, audience, history);
}

/** A document's fingerprint, as `inputsFingerprint` gives it. */
export type Fingerprints = (dir: string, date: string, audience: Audience, history?: string) => Promise<string>;

/**
 * What a document shows of its cases' history: each item's case, its earlier decisions and its
 * treatments, as the document's version has them (the public one without the closed); none where no
 * item takes up a case. Read from the meeting as merged, so only a meeting read has it.
 */
export function caseHistoryDigest(document: Meeting): string | undefined {
  const cases = document.items.flatMap(({ sag, earlierDecisions, treatments }) =>
    sag === undefined ? [] : [{ sag, earlierDecisions, treatments }],
  );
  return cases.length === 0 ? undefined : createHash('sha256').update(JSON.stringify(cases)).digest('hex');
}

/** A file as a fingerprint counts it: its name (where it is in the inputs) and where it is read. */
interface Input {
  file: string;
  name: string;
  /** Counted instead of the file's bytes: what a finalized meeting takes from the live shared files (liveClosingsKeys). */
  digest?: string;
}

/**
 * The fingerprints of a run of many documents (build --all, publish), where each file is read and
 * hashed once for the run: a committee's shared files are every meeting's. Whether a meeting has its
 * archive is told from `listed`, each folder listed once. Only for one run: a file changed meanwhile is not seen.
 */
export function fingerprintsOnce(listed: Listed = folderListings()): Fingerprints {
  const digests = new Map<string, string>();
  const digestOf = (files: Input[]) =>
    hashInputs(files, (file) => {
      const made = digests.get(file) ?? fileDigest(file);
      digests.set(file, made);
      return made;
    });
  const meetings = new Map<string, Promise<Input[]>>();
  const closings = liveClosingsKeys();
  const meetingOf = (dir: string, date: string) =>
    once(meetings, `${path.resolve(dir)}\0${date}`, () => meetingInputs(dir, date, listed, closings));
  const repositories = new Map<string, Promise<Input[]>>();
  let packagePart: Promise<string> | undefined;
  const roots = new Map<string, string>();
  return async (dir, date, audience, history) => {
    const root = roots.get(dir) ?? folderAt(dir).root;
    roots.set(dir, root);
    const own = [...(await meetingOf(dir, date)), ...(await once(repositories, path.resolve(root), () => repositoryInputs(root)))];
    const steps = history === undefined ? '' : `history\0${history}\0`;
    const parts = `${audience}\0${await (packagePart ??= packageInputs())}\0${steps}${digestOf(own)}`;
    return createHash('sha256').update(parts).digest('hex');
  };
}

/** `map`'s value for `key`, made by `make` the first time it is asked for. */
export function once<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const made = map.get(key) ?? make();
  map.set(key, made);
  return made;
}

/**
 * The templates' folders of no document nor site (the preview's page, the mails, the drafts agenda new and
 * minutes write): a change of them makes no kept PDF or page stale (a preview's script changed reprinted
 * every PDF of a site at its next publication).
 */
const notOfOutputs = ['preview', 'mail', 'drafts'];

/**
 * The SHA-256 of the package's own part of every document's inputs: its version (package.json), which
 * stands for its code; its templates; and the house font's files, whose package's version package.json
 * names only as a range. The same for all documents of a batch, which read them once (some 55 files).
 * Not the browser: its version is known only once it runs (see docs/develop/incremental-build.md).
 */
export async function packageInputs(): Promise<string> {
  const templates = (await readdir(templatesDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && !notOfOutputs.some((folder) => path.relative(templatesDir, e.parentPath).split(path.sep)[0] === folder))
    .map((e) => path.join(e.parentPath, e.name));
  const own = [path.join(packageRoot, 'package.json'), ...templates.sort()].map((file) => ({
    file,
    name: file.startsWith(templatesDir) ? path.relative(templatesDir, file) : path.basename(file),
  }));
  const fonts = fontFaces().map((face) => ({ file: face.file, name: `font:${path.basename(face.file)}` }));
  return hashInputs([...own, ...fonts], fileDigest);
}

/**
 * Each file's name and digest, hashed in order: the name keeps an absent file apart from an empty one
 * and from its neighbour's bytes.
 */
function hashInputs(files: Input[], digest: (file: string) => string): string {
  const hash = createHash('sha256');
  for (const { file, name, digest: given } of files) hash.update(`${name}\0${given ?? digest(file)}\0`);
  return hash.digest('hex');
}

/** A file's size and SHA-256; -1 for no regular file. */
function fileDigest(file: string): string {
  const bytes = regularFileBytes(file);
  return bytes ? `${bytes.length}\0${createHash('sha256').update(bytes).digest('hex')}` : '-1';
}

/** A meeting's file and the shared files it is read with (the archived copies of a finalized meeting). */
async function meetingInputs(dir: string, date: string, listed: Listed, closingsOf: ReturnType<typeof liveClosingsKeys>): Promise<Input[]> {
  // hasArchive's answer, from arkiv/'s listing.
  const archived = await listed.exists(archiveDir(dir, date));
  const shared = archived ? archiveDir(dir, date) : dir;
  const files = [meetingFile(dir, date), ...Object.values(sharedFiles).map((f) => path.join(shared, f))].map((file) => ({
    file,
    name: path.basename(file),
  }));
  const closings = archived ? closingsOf(dir, shared) : '';
  // None in the common case: the fingerprint then is what it was before live closings were read.
  return closings === '' ? files : [...files, { file: dir, name: 'live closings', digest: closings }];
}

/**
 * What the committee's repository adds: the municipality (its name and house style), the shared
 * calendar, the designer's templates; not the house's site pages and mail letter (husstil/web/,
 * husstil/mail/), of which no document is made.
 */
async function repositoryInputs(root: string): Promise<Input[]> {
  return (await repositoryInputFiles(root, { sitePages: false })).map((file) => ({ file, name: path.basename(file) }));
}

/**
 * The repository's shared files, in order: kommune.yaml, kalender.yaml and the files of husstil/, with
 * its site pages and mail letter (husstil/web/, husstil/mail/) where `sitePages` (a publication is made of them).
 */
export async function repositoryInputFiles(root: string, { sitePages }: { sitePages: boolean }): Promise<string[]> {
  const own = path.join(root, repositoryFiles.templates);
  const pages = housePageFolders.map((folder) => `${path.join(own, folder)}${path.sep}`);
  const templates = (await readdir(own, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => sitePages || !pages.some((folder) => file.startsWith(folder)));
  return [path.join(root, repositoryFiles.municipality), path.join(root, repositoryFiles.calendar), ...templates.sort()];
}

/**
 * A regular file's bytes, all of them (read as its size says, past any file of the inputs); nothing for
 * anything else (a FIFO or /dev/zero would never end). Read at once: a build of 4,000 meetings reads as
 * many files, where a read handed to a thread and back cost more than the read.
 */
function regularFileBytes(file: string): Uint8Array | undefined {
  try {
    return readInputFileSync(file, wholeFile);
  } catch {
    return undefined;
  }
}

const wholeFile = Number.MAX_SAFE_INTEGER;

/**
 * A document's fingerprint with its mark as corrected (Rettet dagsorden), which an attachment replaced
 * since sending gives an agenda whose own inputs do not count the file, and the mark's day: none until the
 * corrected version goes out, then the day it did, so the PDF sent is made with its day and kept as sent.
 */
export function withCorrectionMark(inputs: string, document: Pick<Meeting, 'kind' | 'correction'>): string {
  const { correction } = document;
  if (document.kind !== 'dagsorden' || !correction) return inputs;
  return createHash('sha256')
    .update(`${inputs}\0rettet\0${correction.date ?? ''}`)
    .digest('hex');
}

/** A document's fingerprint with the approvals it shows (output.ts: publicMinutes, the approved minutes): a new approval prints it anew. */
export function withApprovals(inputs: string, approvals: string | undefined): string {
  return approvals === undefined ? inputs : createHash('sha256').update(`${inputs}\0godkendelser\0${approvals}`).digest('hex');
}
