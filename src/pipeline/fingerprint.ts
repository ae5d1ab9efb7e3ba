import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { readInputFile } from '../input/read-file.js';
import path from 'node:path';
import type { Audience } from '../model/meeting.js';
import { packageRoot, templatesDir } from '../shared/paths.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import { meetingFile, repositoryFiles, sharedFiles } from '../input/load.js';
import { folderAt } from '../input/repository.js';

/**
 * The SHA-256 of everything a meeting's document is made from: the meeting file, the shared files it
 * is read with (the archived copies of a finalized meeting), the templates, the package's version
 * and the audience. Recorded in the PDF, it proves which meeting and inputs a document was built
 * from, so `send` mails an existing PDF only when it is this one (a date alone names the document
 * of any committee built into the same out/).
 */
export async function inputsFingerprint(dir: string, date: string, audience: Audience): Promise<string> {
  const shared = (await hasArchive(dir, date)) ? archiveDir(dir, date) : dir;
  const templates = (await readdir(templatesDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const files = [meetingFile(dir, date), ...Object.values(sharedFiles).map((f) => path.join(shared, f)), ...(await repositoryInputs(dir)), path.join(packageRoot, 'package.json'), ...templates.sort()];
  const hash = createHash('sha256').update(`${audience}\0`);
  for (const file of files) {
    const bytes = await regularFileBytes(file);
    // The name of each file keeps an absent file apart from an empty one and from its neighbour's bytes.
    const name = file.startsWith(templatesDir) ? path.relative(templatesDir, file) : path.basename(file);
    hash.update(`${name}\0${bytes ? bytes.length : -1}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

/** What the committee's repository adds: the municipality (its name and house style), the shared calendar, the designer's templates. */
async function repositoryInputs(dir: string): Promise<string[]> {
  const { root } = folderAt(dir);
  const own = path.join(root, repositoryFiles.templates);
  const templates = (await readdir(own, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return [path.join(root, repositoryFiles.municipality), path.join(root, repositoryFiles.calendar), ...templates.sort()];
}

/** A regular file's bytes, bounded by its size; nothing for anything else (a FIFO or /dev/zero would never end). */
async function regularFileBytes(file: string): Promise<Uint8Array | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return readInputFile(file, info.size).catch(() => undefined);
}
