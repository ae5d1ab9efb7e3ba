import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildPdf } from '../build.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import { meetingFile, sharedFiles } from '../input/load.js';
import type { Meeting } from '../model/meeting.js';
import { defaultPdfPath } from '../pipeline/document.js';
import { templatesDir } from '../shared/paths.js';

export interface SentDocument {
  file: string;
  bytes: Uint8Array;
  /** Whether it was built now, or an existing PDF newer than all it is made from. */
  built: boolean;
}

/** The meeting's PDF at its usual place: reused where it is newer than every file it is made from, else built. */
export async function documentToSend(dir: string, meeting: Meeting, browser: () => { executablePath: string; timeoutMs: number }): Promise<SentDocument> {
  const file = defaultPdfPath(meeting);
  const made = await modified(file);
  const fresh = made !== undefined && (await newestInput(dir, meeting.date)) < made;
  if (!fresh) await buildPdf(meeting, file, browser());
  return { file, bytes: await readFile(file), built: !fresh };
}

async function newestInput(dir: string, date: string): Promise<number> {
  const shared = (await hasArchive(dir, date)) ? archiveDir(dir, date) : dir;
  const templates = await readdir(templatesDir, { recursive: true });
  const files = [meetingFile(dir, date), ...Object.values(sharedFiles).map((f) => path.join(shared, f)), ...templates.map((f) => path.join(templatesDir, f))];
  const times = await Promise.all(files.map(modified));
  return Math.max(...times.map((t) => t ?? 0));
}

async function modified(file: string): Promise<number | undefined> {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
}
