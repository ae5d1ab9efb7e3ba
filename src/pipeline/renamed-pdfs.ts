import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { meetingFile } from '../input/load.js';
import { exists, readEarlierOutput } from '../input/read-file.js';
import { committeeFileData, committeeInNames, type CommitteeFolder } from '../input/repository.js';
import { recordedInputs } from '../pdf/postprocess.js';
import { namedDocument } from './output.js';

// A repository that gains a second committee names its documents anew (meetings-2023-11-22-dagsorden.pdf), and one
// left with one drops the committee's name again (repository.ts: committeeInNames): the PDFs under the names no longer
// made stay in out/, where a clerk may take an old one for current. `build --all`, which makes out/ what the meetings
// make, removes each that agenda wrote of this committee's meeting still built, as it wrote it (its seal holds), from the
// inputs the PDF under the name now made records (so it is that PDF, under its old name: a draft's, made from other
// files, is not); it names any other, which it leaves. A meeting file gone is leftover-pdfs.ts's.

/** A PDF of out/ under a name no longer made, of a meeting still built: removed where it is the PDF now made under `now`. */
export interface RenamedPdf {
  file: string;
  /** The meeting file it was made from, still there. */
  meeting: string;
  /** Its name now, in out/. */
  now: string;
  removed: boolean;
}

/** The PDFs of `outDir` under a name of agenda's that none of `folders` makes now, which record a committee of theirs. */
export async function renamedPdfs(folders: readonly CommitteeFolder[], outDir = 'out'): Promise<RenamedPdf[]> {
  const made = new Set(folders.map(committeeInNames));
  const names = await Promise.all(folders.map(async (f) => (await committeeFileData(f.dir))?.navn));
  const found: RenamedPdf[] = [];
  for (const name of (await readdir(outDir).catch((): string[] => [])).sort()) {
    const named = namedDocument(name);
    if (!named || made.has(named.committee)) continue;
    const file = path.join(outDir, name);
    const recorded = await recordedIn(file);
    const folder = recorded?.committee === undefined ? undefined : folders[names.indexOf(recorded.committee)];
    const meeting = folder && meetingFile(folder.dir, named.date);
    if (!recorded || !folder || !meeting || !(await exists(meeting))) continue;
    const own = named.committee === undefined ? name : name.slice(named.committee.length + 1);
    const id = committeeInNames(folder);
    const now = path.join(outDir, id === undefined ? own : `${id}-${own}`);
    const same = recorded.unchanged && (await recordedIn(now))?.inputs === recorded.inputs;
    // force: a build --all beside this one may have removed it first.
    if (same) await rm(file, { force: true });
    found.push({ file, meeting, now, removed: same });
  }
  return found;
}

/** What the PDF at `file` records (recordedInputs), read as an earlier output is (a FIFO is none). */
async function recordedIn(file: string) {
  const bytes = await readEarlierOutput(file);
  return bytes && recordedInputs(bytes);
}
