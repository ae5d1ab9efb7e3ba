import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { meetingFile } from '../input/load.js';
import { exists } from '../input/read-file.js';
import { committeeFileData, committeeInNames, type CommitteeFolder } from '../input/repository.js';
import { pdfAsWritten } from './earlier-pdf.js';
import { once } from './fingerprint.js';
import { namedDocument } from './output.js';

// A meeting file removed (or renamed to another date) leaves its PDFs in out/, where a clerk may take one to send or
// publish as if it were current. `build --all`, which makes out/ what the meetings make, removes each such PDF that
// agenda wrote of that committee and nobody changed since (its seal holds: postprocess.ts; it records the committee's
// name), and names any other one, which it leaves: one changed since, one not agenda's, one that records another
// committee (built into the same out/ from its own folder, or of this one before it was renamed).

/** A PDF of out/ named for a meeting that has no meeting file any longer: removed where agenda wrote it as it stands. */
export interface LeftoverPdf {
  file: string;
  /** The meeting file it was made from, gone. */
  meeting: string;
  removed: boolean;
  /** The committee it records where that is not this folder's (another's folder built it, or this one was renamed since). */
  committee?: string;
}

/**
 * The PDFs in `outDir` named for a meeting of `folders` that has no file: only a name that can be told as one
 * of theirs (a committee's name among the folders, or none where the repository's names carry none).
 */
export async function leftoverPdfs(folders: readonly CommitteeFolder[], outDir = 'out'): Promise<LeftoverPdf[]> {
  const names = await readdir(outDir).catch((): string[] => []);
  const found: LeftoverPdf[] = [];
  const committees = new Map<string, Promise<string | undefined>>();
  for (const name of names.sort()) {
    const named = namedDocument(name);
    const folder = named && folders.find((f) => committeeInNames(f) === named.committee);
    const meeting = folder && named ? meetingFile(folder.dir, named.date) : undefined;
    if (!folder || !meeting || (await exists(meeting))) continue;
    const file = path.join(outDir, name);
    const written = await pdfAsWritten(file);
    // Another committee's (built into this out/ from its own folder), or this one's before it was renamed: told, left.
    const other = written?.committee !== undefined && written.committee !== (await committeeName(committees, folder));
    // Its meeting asked again just before: restored meanwhile (and built by a command beside this one), it stays.
    const ours = written?.committee !== undefined && !other && !(await exists(meeting));
    // force: a build --all beside this one may have removed it first.
    if (ours) await rm(file, { force: true });
    found.push({ file, meeting, removed: ours, ...(other ? { committee: written.committee } : {}) });
  }
  return found;
}

/** The committee's name as its documents record it (udvalg.yaml's navn), read once a folder a run (`names`). */
function committeeName(names: Map<string, Promise<string | undefined>>, folder: CommitteeFolder): Promise<string | undefined> {
  return once(names, folder.dir, async () => {
    const navn = (await committeeFileData(folder.dir))?.navn;
    return typeof navn === 'string' ? navn : undefined;
  });
}
