import { createHash, type Hash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { readInputFile } from '../input/read-file.js';
import path from 'node:path';
import type { Audience } from '../model/meeting.js';
import { packageRoot, templatesDir } from '../shared/paths.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import { meetingFile, repositoryFiles, sharedFiles } from '../input/load.js';
import { folderAt } from '../input/repository.js';
import { historyInputs } from './case-history.js';
import { fontFaces } from '../render/fonts.js';

/**
 * The SHA-256 of everything a meeting's document is made from: the meeting file, the shared files it
 * is read with (the archived copies of a finalized meeting), the templates, the package's version
 * and the audience. Recorded in the PDF, it proves which meeting and inputs a document was built
 * from, so `send` mails an existing PDF only when it is this one (a date alone names the document
 * of any committee built into the same out/). A meeting that takes up a case (`sag:`) is made from
 * the other committees' meetings too, where its earlier decisions are read: the hash of all of them
 * (historyInputsHash) is in it. `packagePart`, `historyPart`: where a batch has them already.
 */
export async function inputsFingerprint(
  dir: string,
  date: string,
  audience: Audience,
  takesUpCases = false,
  packagePart: Promise<string> = packageInputs(),
  historyPart: HistoryPart = historyInputsHash,
): Promise<string> {
  const own = [...(await meetingInputs(dir, date)), ...(await repositoryInputs(dir))].map((file) => ({ file, name: path.basename(file) }));
  const hash = createHash('sha256').update(`${audience}\0${await packagePart}\0`);
  if (takesUpCases) hash.update(`history\0${await historyPart(dir)}\0`);
  return hashFiles(hash, own);
}

/** The hash of the other committees' meetings a committee's case history reads (the committee at `dir`). */
export type HistoryPart = (dir: string) => Promise<string>;

/** Each of those meetings, with the shared files it is read with, named from the repository's root (another committee's meeting of the same date is another file). */
async function historyInputsHash(dir: string): Promise<string> {
  const root = folderAt(dir).root;
  const meetings = await historyInputs(root, dir);
  const files = await Promise.all(
    meetings.map(async (m) =>
      (await meetingInputs(m.dir, m.date)).map((file) => ({ file, name: path.join(path.relative(root, m.dir), path.basename(file)) })),
    ),
  );
  return hashFiles(createHash('sha256'), files.flat());
}

/** `historyInputsHash` once per committee for a batch: read for each of its meetings, an archive of 4,000 read 76 million files. */
export function historyPartOnce(): HistoryPart {
  const parts = new Map<string, Promise<string>>();
  return (dir) => {
    const key = path.resolve(dir);
    const part = parts.get(key) ?? historyInputsHash(dir);
    parts.set(key, part);
    return part;
  };
}

/**
 * The SHA-256 of the package's own part of every document's inputs: its version (package.json), which
 * stands for its code; its templates; and the house font's files, whose package's version package.json
 * names only as a range. The same for all documents of a batch, which read them once (some 55 files).
 * Not the browser: its version is known only once it runs (see docs/develop/incremental-build.md).
 */
export async function packageInputs(): Promise<string> {
  const templates = (await readdir(templatesDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  const own = [path.join(packageRoot, 'package.json'), ...templates.sort()].map((file) => ({
    file,
    name: file.startsWith(templatesDir) ? path.relative(templatesDir, file) : path.basename(file),
  }));
  const fonts = fontFaces().map((face) => ({ file: face.file, name: `font:${path.basename(face.file)}` }));
  return hashFiles(createHash('sha256'), [...own, ...fonts]);
}

/** Each file's name, size and bytes into `hash`: the name keeps an absent file apart from an empty one and from its neighbour's bytes. */
async function hashFiles(hash: Hash, files: Array<{ file: string; name: string }>): Promise<string> {
  for (const { file, name } of files) {
    const bytes = await regularFileBytes(file);
    hash.update(`${name}\0${bytes ? bytes.length : -1}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

/** A meeting's file and the shared files it is read with (the archived copies of a finalized meeting). */
async function meetingInputs(dir: string, date: string): Promise<string[]> {
  const shared = (await hasArchive(dir, date)) ? archiveDir(dir, date) : dir;
  return [meetingFile(dir, date), ...Object.values(sharedFiles).map((f) => path.join(shared, f))];
}

/** What the committee's repository adds: the municipality (its name and house style), the shared calendar, the designer's templates. */
async function repositoryInputs(dir: string): Promise<string[]> {
  const { root } = folderAt(dir);
  const own = path.join(root, repositoryFiles.templates);
  const templates = (await readdir(own, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  return [path.join(root, repositoryFiles.municipality), path.join(root, repositoryFiles.calendar), ...templates.sort()];
}

/** A regular file's bytes, bounded by its size; nothing for anything else (a FIFO or /dev/zero would never end). */
async function regularFileBytes(file: string): Promise<Uint8Array | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return readInputFile(file, info.size).catch(() => undefined);
}
