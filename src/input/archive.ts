import { mkdir, readdir, rename, rm, rmdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, InputError, MissingFileError } from '../shared/errors.js';
import { cannotWrite, staleTemporaries, temporaryBeside, writeAtomically } from '../shared/files.js';
import { sharedFiles } from './load.js';
import { exists, inputLimit, meetingsFolder, readInputFile, type Within } from './read-file.js';
import { readYamlFile } from './yaml-file.js';

// A finalized meeting keeps copies of the shared files as they stood when its document went out, in
// `arkiv/<date>/` of the meetings folder; its builds read those, so later changes to the plan, the
// calendar, the members or the standing text leave it as it was sent.

export function archiveDir(dir: string, date: string): string {
  return path.join(dir, 'arkiv', date);
}

/**
 * A finalized meeting's archive, as a file read from it must lie in: a copy there that is a link, even to
 * the live file beside it, would let later changes reach the meeting it froze.
 */
export const archiveFolder = (dir: string, date: string): Within => ({
  folder: path.resolve(archiveDir(dir, date)),
  name: "the meeting's archive",
});

export function hasArchive(dir: string, date: string): Promise<boolean> {
  return exists(archiveDir(dir, date));
}

/**
 * Copies the shared files there are into the meeting's archive, with the SHA-256 of its attachment
 * files, all or none; returns the names of the files archived.
 */
export async function writeArchive(dir: string, date: string, attachments: AttachmentHashes = {}): Promise<string[]> {
  const target = archiveDir(dir, date);
  await removeStale(target);
  const partial = temporaryBeside(target);
  const copied: string[] = [];
  // The first folder this call made (arkiv/ of a committee never finalized before, or the partial
  // folder): a failure removes it, so a full disk leaves no empty arkiv/ behind.
  let made: string | undefined;
  try {
    made = await mkdir(partial, { recursive: true });
    for (const name of Object.values(sharedFiles)) {
      const from = path.join(dir, name);
      if (!(await exists(from))) continue;
      await copyShared(from, path.join(partial, name), meetingsFolder(dir));
      copied.push(name);
    }
    if (Object.keys(attachments).length) {
      await writeFile(path.join(partial, hashesFile), hashesYaml(attachments));
      copied.push(hashesFile);
    }
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    if (made && made !== partial) await rmdir(made).catch(() => undefined);
    // A shared file refused as it was read is told as the checks tell it, at the file.
    throw err instanceof InputError || err instanceof MissingFileError ? err : cannotWrite(target, err, partial);
  }
  return copied;
}

/**
 * The bytes of a shared file, read as the checks read it (a link out of the folder refused), never a
 * link: a link copied as one would follow the live file, and the frozen meeting with it. Its times kept:
 * a PDF built before finalizing stays newer than what it was made from.
 */
async function copyShared(from: string, to: string, within: Within): Promise<void> {
  const { atime, mtime } = await stat(from);
  await writeFile(to, await readInputFile(from, inputLimit, within), { flag: 'wx' });
  await utimes(to, atime, mtime);
}

/**
 * Reopens a meeting: its archive removed, so its builds read the shared files as they stand. It is
 * renamed aside first, as one of our temporaries: a removal stopped part-way leaves no partial archive
 * to be taken for the meeting's, and what it left is removed as a stale temporary.
 */
export async function removeArchive(dir: string, date: string): Promise<void> {
  const target = archiveDir(dir, date);
  await removeStale(target);
  const aside = temporaryBeside(target);
  try {
    await rename(target, aside);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw cannotWrite(target, err, aside);
  }
  // Renamed aside, the meeting is reopened: a copy that cannot be removed now is a stale temporary, removed by a later run.
  await rm(aside, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Partial archives, and archives being removed, of runs killed meanwhile (staleTemporaries). One that cannot be
 * removed (a file in it made immutable) is left, as a stale temporary file is: it is in nobody's way, as each run
 * makes its own beside it, and a later run tries again.
 */
async function removeStale(target: string): Promise<void> {
  const names = await readdir(path.dirname(target)).catch((): string[] => []);
  for (const stale of staleTemporaries(target, names)) await rm(stale, { recursive: true, force: true }).catch(() => undefined);
}

/** The SHA-256 of each attachment file as the meeting went out, by its `fil:`. */
export type AttachmentHashes = Record<string, string>;

const hashesFile = 'bilag.yaml';

/** What `agenda finalize` recorded of the meeting's attachment files; none for a meeting not finalized (or before files were recorded). */
export async function readAttachmentHashes(dir: string, date: string): Promise<AttachmentHashes | undefined> {
  const file = path.join(archiveDir(dir, date), hashesFile);
  if (!(await exists(file))) return undefined;
  const { data } = await readYamlFile(file, archiveFolder(dir, date));
  const valid =
    typeof data === 'object' && data !== null && Object.values(data).every((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v));
  if (!valid)
    throw new InputError([
      { file, line: 1, col: 1, path: '', message: 'expected each attachment file with its SHA-256, as agenda finalize writes it' },
    ]);
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- checked just above: an object of SHA-256 strings
  return data as AttachmentHashes;
}

/**
 * Adds the files of a tillægsdagsorden that went out to those recorded: its items came after the
 * meeting was finalized, and from now on their files, too, are to stay as they went out.
 */
export async function addAttachmentHashes(dir: string, date: string, attachments: AttachmentHashes): Promise<void> {
  if (Object.keys(attachments).length === 0) return;
  await setAttachmentHashes(dir, date, { ...(await readAttachmentHashes(dir, date)), ...attachments });
}

/** Records exactly these hashes; none removes the record (a send that added some, undone). */
export async function setAttachmentHashes(dir: string, date: string, hashes: AttachmentHashes | undefined): Promise<void> {
  const file = path.join(archiveDir(dir, date), hashesFile);
  if (hashes) await writeAtomically(file, hashesYaml(hashes));
  else await rm(file, { force: true });
}

function hashesYaml(hashes: AttachmentHashes): string {
  const lines = Object.entries(hashes).map(([file, sha]) => `${JSON.stringify(file)}: ${sha}`);
  return `# The SHA-256 of each attachment file as the meeting went out (agenda finalize)\n${lines.join('\n')}\n`;
}
