import { createHash, type Hash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readEarlierOutput, readEarlierOutputSync } from '../input/read-file.js';
import { validate } from '../input/validate.js';
import { parseYaml, type YamlFile } from '../input/yaml-file.js';
import { statusOf } from '../shared/files.js';
import { EnvironmentError, errnoCode, InputError, messageOf, type Finding, type Location } from '../shared/errors.js';

// What the last publication wrote into the site folder, and so what is publish's own there: each file
// by its path in the site and the SHA-256 of the bytes it wrote. Only such a file, still with those
// bytes, is reused (a PDF from the same inputs) or removed (a meeting that is gone); anything else in
// the folder, a members' PDF under a public PDF's name too, is not publish's to keep or to remove.

export const stateFile = '.agenda-publish.json';

/** A path as publish names a file of the site: relative, '/'-separated, no empty, '.' or '..' part. */
const isNamePart = (part: string) => part !== '' && part !== '.' && part !== '..' && !/[\\\0]/.test(part);
const sitePath = z.string().refine((p) => p.split('/').every(isNamePart), 'not a path inside the site folder');

const stateSchema = z.strictObject({
  files: z.array(
    z.strictObject({
      path: sitePath,
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the file as written, in hex'),
      /** A PDF's SHA-512, which the open data gives: kept so that a PDF taken unread (reusable) need not be hashed. */
      sha512: z
        .string()
        .regex(/^[0-9a-f]{128}$/, 'expected the SHA-512 of the file as written, in hex')
        .optional(),
      /** Its size in bytes, as written: what tells, with its time, that it is as written without reading it (unchangedSince). */
      size: z.number().int().nonnegative().optional(),
      /** A PDF's: the fingerprint of what it was made from. */
      madeFrom: z.string().optional(),
      /** A document's: its feed entry's revision, what it said (a SHA-256) and since when (atom.ts). */
      entry: z.strictObject({ content: z.string(), updated: z.iso.datetime() }).optional(),
    }),
  ),
});

export type PublishedFile = z.output<typeof stateSchema>['files'][number];

/** The files the last publication wrote, by their paths in the site (where the state file lists one: stateLocator). */
export interface EarlierPublication {
  out: string;
  files: Map<string, PublishedFile>;
  /** The files an earlier version's state file names, without their bytes: publish's, though none can be told as it wrote them. */
  named?: ReadonlySet<string>;
  /** What the clerk is told of the state file itself: that of an earlier version of agenda. */
  warnings: Finding[];
  /** When the state file was written (its mtime, ms): every file publish wrote before it is older. */
  writtenAt?: number;
}

// agenda 0.1's state file listed names without their bytes' hashes: nothing in it can be told to be
// publish's own as it wrote it, so no PDF is reused and no file removed, and the clerk is told.
const earlierVersion = z.object({ files: z.array(z.string()), printed: z.record(z.string(), z.string()) });
const earlierVersionWarning =
  'the state file of an earlier version of agenda, which kept no hashes: every PDF is printed anew, and files ' +
  'that publication wrote and this one does not are left for you to remove';

/** A state file's bytes, and their SHA-256: by which the meetings' records (pipeline/publish-unread.ts) name the publication they describe. */
export interface StateFile {
  bytes: Uint8Array;
  sha256: string;
}

/** The state file of `out` as it is; none where there is none. */
export async function readStateFile(out: string): Promise<StateFile | undefined> {
  const bytes = await readEarlierOutput(path.join(out, stateFile));
  return bytes && { bytes, sha256: sha256(bytes) };
}

/**
 * The state file of `out` (`known.state`, where readStateFile has read it); none (a new site) where
 * there is none. A state file publish cannot have written is an error, not a guess. Each of its entries
 * is checked (13,500 at 240 meetings, some 225,000 at 4,000), except where its SHA-256 is `known.written`:
 * the bytes this package wrote, as the meetings' records, written with them, tell.
 */
export async function readPublication(
  out: string,
  known?: { state: StateFile | undefined; written?: string },
): Promise<EarlierPublication> {
  const file = path.join(out, stateFile);
  const { state, written } = known ?? { state: await readStateFile(out) };
  if (!state) return { out, files: new Map(), warnings: [] };
  try {
    const source = parseState(file, Buffer.from(state.bytes).toString('utf8'));
    const asWritten = state.sha256 === written;
    const older = asWritten ? undefined : earlierVersion.safeParse(source.data).data;
    if (older) {
      const warnings = [{ file, line: 1, col: 1, path: '', warning: true, message: earlierVersionWarning }];
      return { out, files: new Map(), named: new Set(older.files), warnings };
    }
    // Each entry as parsed, not a copy with its place: the text it is in is let go (some 4 MB at 240 meetings, 70 at 4,000).
    const files = (asWritten ? unchecked(source.data) : checked(source)).files.map((f) => [f.path, f] as const);
    const writtenAt = (await lstat(file).catch(() => undefined))?.mtimeMs;
    return { out, files: new Map(files), warnings: [], writtenAt };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const what: Finding = { file, line: 1, col: 1, path: '', message: notOurs };
    throw new InputError([what, ...error.findings]);
  }
}

type State = z.output<typeof stateSchema>;

/**
 * Where the state file of `earlier` lists each file, for the warnings of a pass over them: the state file
 * read again (publish writes it only once the warnings are told), so that its text is not held through
 * publish; once for all of the pass's warnings, and only where one is told. Read as publish's earlier
 * outputs are (no FIFO, no device, a size bound); where it cannot be, a warning names its start.
 */
export function stateLocator(earlier: EarlierPublication): (file: string) => Location {
  const at = path.join(earlier.out, stateFile);
  let places: ((file: string) => Location | undefined) | undefined;
  return (file) => {
    places ??= placesIn(at);
    return places(file) ?? { file: at, line: 1, col: 1, path: 'files' };
  };
}

/** Where the state file `at` lists each path (the last entry of a path listed twice); none where it cannot be read. */
function placesIn(at: string): (file: string) => Location | undefined {
  const bytes = readEarlierOutputSync(at);
  if (!bytes) return () => undefined;
  try {
    const source = parseState(at, Buffer.from(bytes).toString('utf8'));
    const listed = z.object({ files: z.array(z.object({ path: z.unknown() })) }).safeParse(source.data);
    const index = new Map(listed.success ? listed.data.files.map((f, i) => [f.path, i] as const) : []);
    return (file) => {
      const i = index.get(file);
      return i === undefined ? undefined : { file: at, ...source.locate(['files', i, 'path']), path: `files[${i}].path` };
    };
  } catch {
    return () => undefined; // changed meanwhile into no YAML at all
  }
}

/** A state file checked entry by entry: a located error where it is not as publish writes it. */
function checked(source: YamlFile): State {
  const state = validate(source, stateSchema);
  if (!state.ok) throw new InputError(state.findings);
  return state.value;
}

/** A state file of the very bytes publish wrote (writeSite made them of a State): as it is. */
// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the bytes writeSite wrote of a State, known by their SHA-256
const unchecked = (data: unknown): State => data as State;

/**
 * The state file read by JSON.parse, as publish wrote it (a site of some years lists ten thousand files,
 * which yaml reads in seconds); by yaml where it is not JSON, and for the place of a finding.
 */
function parseState(file: string, text: string): YamlFile {
  let located: YamlFile | undefined;
  const locate: YamlFile['locate'] = (at, options) => (located ??= parseYaml(file, text)).locate(at, options);
  try {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- JSON.parse gives any: unknown until checked
    return { file, data: JSON.parse(text) as unknown, locate };
  } catch {
    return parseYaml(file, text);
  }
}

const notOurs =
  'not a state file as agenda publish writes it (the list of the files it wrote here, which it alone may reuse or remove); ' +
  'remove it to publish every file anew, and remove yourself what publish no longer writes';

/**
 * The state file's text, as `JSON.stringify({ files }, null, 2)` and a newline give it, in pieces of
 * 100 entries (some 30 to 45 kB): never one string of it all (some 3 MB at 240 meetings, 50 at 4,000, and as
 * much again as its bytes while they are written). `hash` is given each piece as it is made.
 */
export function* stateText(files: PublishedFile[], hash: Hash): Generator<string> {
  const pieces = files.length === 0 ? ['{\n  "files": []\n}\n'] : entryPieces(files);
  for (const piece of pieces) {
    hash.update(piece);
    yield piece;
  }
}

/**
 * The text of `files` (some) as the whole file's JSON.stringify puts them, cut of a list of 100 at a
 * time, which JSON.stringify indents as the whole list: an entry at a time, each indented again by a
 * replace, took three times as long (0.6 s of processor time at 4,000 meetings' 160,000 entries).
 */
function* entryPieces(files: PublishedFile[]): Generator<string> {
  const [head, tail] = ['{\n  "files": [\n', '\n  ]\n}'];
  for (let i = 0; i < files.length; i += 100) {
    const some = JSON.stringify({ files: files.slice(i, i + 100) }, null, 2);
    const last = i + 100 >= files.length;
    yield `${i === 0 ? head : ',\n'}${some.slice(head.length, some.length - tail.length)}${last ? `${tail}\n` : ''}`;
  }
}

/** The SHA-256 of bytes, as the state file records them. */
export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The bytes of a file of the last publication, where they are still what it wrote: a regular file in
 * the site folder itself, reached through no symbolic link, with the recorded SHA-256. `missing`
 * where nothing is there; undefined where something else is, which publish neither reuses nor removes.
 */
export async function ownBytes(earlier: EarlierPublication, file: string): Promise<Uint8Array | 'missing' | undefined> {
  const entry = earlier.files.get(file);
  const full = path.join(earlier.out, file);
  let kind: Stats;
  try {
    kind = await lstat(full);
  } catch (err) {
    return errnoCode(err) === 'ENOENT' ? 'missing' : undefined;
  }
  if (!entry || !kind.isFile() || (await linkOnTheWay(earlier.out, file))) return undefined;
  const bytes = await readEarlierOutput(full);
  return bytes && sha256(bytes) === entry.sha256 ? bytes : undefined;
}

/**
 * Whether a file of the site is still as the last publication wrote it, told without reading it: a
 * regular file of the size the state file records, not changed since the state file was written (the
 * quick check of rsync and make: size and time). A file edited afterwards is newer than the state
 * file, so it is read and compared as any other.
 * Synchronous (statusOf): a republish asks it of every file of the site.
 */
export function unchangedSince(earlier: EarlierPublication, file: string): boolean {
  const entry = earlier.files.get(file);
  if (earlier.writtenAt === undefined || entry?.size === undefined) return false;
  const info = statusOf(path.join(earlier.out, file));
  return info !== undefined && info.isFile() && info.size === entry.size && info.mtimeMs < earlier.writtenAt;
}

/**
 * The last publication's files grouped by `key` (its state entry's: what it was made from, its folder),
 * the files gone through once; a file of no key is left out.
 */
export function earlierFilesBy(
  earlier: EarlierPublication,
  key: (file: string, entry: PublishedFile) => string | undefined,
): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [file, entry] of earlier.files) {
    const k = key(file, entry);
    if (k === undefined) continue;
    const own = grouped.get(k);
    if (own) own.push(file);
    else grouped.set(k, [file]);
  }
  return grouped;
}

/** Whether `files`, some of the last publication's, are each still as it wrote them (unchangedSince); none is not. */
export function allUnchangedSince(earlier: EarlierPublication, files: string[]): boolean {
  return files.length > 0 && files.every((file) => unchangedSince(earlier, file));
}

/**
 * The first folder on a file's path in the site that is a symbolic link, if one is: a path through it
 * may lead out of the site, where publish neither writes nor removes. Folders not made yet are none.
 */
export async function linkOnTheWay(out: string, file: string): Promise<string | undefined> {
  const folders = path.dirname(file);
  const parts = folders === '.' ? [] : folders.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const folder = path.join(out, ...parts.slice(0, i));
    const kind = await lstat(folder).catch(() => undefined);
    if (!kind) return undefined;
    if (kind.isSymbolicLink()) return folder;
  }
  return undefined;
}

/**
 * A PDF's size and hashes, and where its bytes are where this publication made or read them: written to
 * its staging folder (staging.ts), not held in memory. None where it is kept unread (reusable).
 */
export interface PdfFile {
  size: number;
  sha256: string;
  /** What the open data gives of it (json.ts). */
  sha512: string;
  /** Its staged file. */
  staged?: string;
}

/** The SHA-512 of a PDF's bytes, as the open data gives it. */
export const sha512Of = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');

/**
 * A PDF of the last publication to publish again as it is: made from the same inputs (`madeFrom`), and
 * still as publish wrote it. Where the quick check tells so (unchangedSince) and the state file has its
 * SHA-512, taken unread, by what the state file records of it (a republish hashed every PDF of the
 * archive); else read and compared with its SHA-256, and taken so (its size and SHA-512 recorded anew).
 */
export async function reusable(earlier: EarlierPublication, file: string, madeFrom: string): Promise<PdfFile | undefined> {
  const entry = earlier.files.get(file);
  if (entry?.madeFrom !== madeFrom) return undefined;
  const { size, sha512 } = entry;
  if (size !== undefined && sha512 !== undefined && unchangedSince(earlier, file)) return { size, sha256: entry.sha256, sha512 };
  const bytes = await ownBytes(earlier, file);
  if (bytes === 'missing' || bytes === undefined) return undefined;
  // Kept unread all the same (its bytes let go): the first republish after an upgrade reads every PDF of the archive.
  return { size: bytes.byteLength, sha256: entry.sha256, sha512: sha512Of(bytes) };
}

/**
 * The bytes of a PDF of the site, where a page or the search needs them of one taken unread: read now,
 * and refused unless they are those the state file recorded (the file changed while publishing).
 */
export async function bytesOf(earlier: EarlierPublication, file: PdfFile & { path: string }): Promise<Uint8Array> {
  if (file.staged !== undefined) return readStaged(path.join(earlier.out, file.path), file.staged);
  // ownBytes compares them with the state file's SHA-256, which the unread file's is.
  const bytes = await ownBytes(earlier, file.path);
  if (!(bytes instanceof Uint8Array))
    throw new EnvironmentError(`${path.join(earlier.out, file.path)} changed while publishing; publish again`);
  return bytes;
}

/** A file's bytes as staged (staging.ts): one gone meanwhile (removed by hand, say) is the site's file that cannot be written. */
async function readStaged(target: string, staged: string): Promise<Uint8Array> {
  try {
    return await readFile(staged);
  } catch (err) {
    throw new EnvironmentError(
      `cannot write ${target}: its staged copy ${staged} (in the staging folder) is gone: ${messageOf(err)}; publish again`,
    );
  }
}
