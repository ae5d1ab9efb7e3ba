import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { meetingFile } from '../input/load.js';
import { exists, readEarlierOutput } from '../input/read-file.js';
import { committeeFileData, committeeInNames, type CommitteeFolder } from '../input/repository.js';
import { recordedInputs } from '../pdf/postprocess.js';
import { namedDocument } from './output.js';

// A repository that gains a second committee names its documents anew (meetings-2023-11-22-dagsorden.pdf), and one
// left with one drops the committee's name again (repository.ts: committeeInNames): the PDFs under the names no longer
// made stay in out/, where a clerk may take an old one for current. `build --all` names each that records a committee
// of theirs, of a meeting still built, and leaves it: nothing it records tells the PDF under the old name from a
// colleague's draft of the same meeting (another version of its file, built in another copy), whose text may be the
// only copy, so it is the clerk's to remove (a review found a draft removed when these were removed by their seal).

/** A PDF of out/ under a name no longer made, of a meeting still built: named, and left. */
export interface RenamedPdf {
  file: string;
  /** The meeting file it was made from, still there. */
  meeting: string;
  /** Its name now, in out/, where the build made it. */
  now?: string;
}

/** The PDFs of `outDir` under a name of agenda's that none of `folders` makes now, which record a committee of theirs. */
export async function renamedPdfs(folders: readonly CommitteeFolder[], outDir = 'out'): Promise<RenamedPdf[]> {
  const made = new Set(folders.map(committeeInNames));
  // Each committee's name read where a name no longer made is found: most builds find none.
  let names: Promise<unknown[]> | undefined;
  const namesOf = () => (names ??= Promise.all(folders.map(async (f) => (await committeeFileData(f.dir))?.navn)));
  const found: RenamedPdf[] = [];
  for (const name of (await readdir(outDir).catch((): string[] => [])).sort()) {
    const named = namedDocument(name);
    if (!named || made.has(named.committee)) continue;
    const file = path.join(outDir, name);
    const bytes = await readEarlierOutput(file);
    const recorded = bytes && (await recordedInputs(bytes));
    const folder = recorded?.committee === undefined ? undefined : folders[(await namesOf()).indexOf(recorded.committee)];
    const meeting = folder && meetingFile(folder.dir, named.date);
    if (!recorded || !folder || !meeting || !(await exists(meeting))) continue;
    const own = named.committee === undefined ? name : name.slice(named.committee.length + 1);
    const id = committeeInNames(folder);
    const now = path.join(outDir, id === undefined ? own : `${id}-${own}`);
    found.push({ file, meeting, ...((await exists(now)) ? { now } : {}) });
  }
  return found;
}
