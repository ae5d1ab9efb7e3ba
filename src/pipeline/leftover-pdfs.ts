import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { filesEverCommitted } from '../input/git-history.js';
import { meetingFile } from '../input/load.js';
import { exists } from '../input/read-file.js';
import { committeeFileData, committeeInNames, municipalityFileData, type CommitteeFolder } from '../input/repository.js';
import { authorityOf } from '../model/merge.js';
import type { RecordedOrigin } from '../pdf/postprocess.js';
import { meetingFileRecord } from './document.js';
import { pdfAsWritten } from './earlier-pdf.js';
import { once } from './fingerprint.js';
import { namedDocument } from './output.js';

// A meeting file removed (or renamed to another date) leaves its PDFs in out/, where a clerk may take one to send or
// publish as if it were current. `build --all`, which makes out/ what the meetings make, removes each such PDF only
// where it is one of a meeting this committee folder had: agenda wrote it and nobody changed it since (its seal holds:
// postprocess.ts), it records this committee, authority and meeting file (the folder's name and the file's), and,
// where the folder is in git, the current branch's history holds that file. Any other it names and leaves: one changed
// since, one not agenda's, one of another committee (built into the same out/ from its own folder, or of this one
// before it was renamed), a draft the clerk copied in from a colleague or built in another clone (of a meeting this
// repository never had), one made before agenda recorded its meeting file.

/** A PDF of out/ named for a meeting that has no meeting file any longer: removed where it is of a meeting this folder had. */
export interface LeftoverPdf {
  file: string;
  /** The meeting file it was made from, gone. */
  meeting: string;
  removed: boolean;
  /** The committee it records where that is not this folder's (another's folder built it, or this one was renamed since). */
  committee?: string;
  /** Why one of this committee's name is left: it is not shown to be of a meeting this folder had. */
  unproven?: string;
}

/** What a run knows of each committee folder, read once a folder where a PDF is to be judged. */
interface Folder {
  /** Its name and authority as its documents record them. */
  committee?: string;
  authority?: string;
  /** The files git's history of its branch ever added to it; none where it is in no git work tree. */
  committed?: Set<string>;
}

/**
 * The PDFs in `outDir` named for a meeting of `folders` that has no file: only a name that can be told as one
 * of theirs (a committee's name among the folders, or none where the repository's names carry none).
 */
export async function leftoverPdfs(folders: readonly CommitteeFolder[], outDir = 'out'): Promise<LeftoverPdf[]> {
  const names = await readdir(outDir).catch((): string[] => []);
  const found: LeftoverPdf[] = [];
  const known = new Map<string, Promise<Folder>>();
  for (const name of names.sort()) {
    const named = namedDocument(name);
    const folder = named && folders.find((f) => committeeInNames(f) === named.committee);
    const meeting = folder && named ? meetingFile(folder.dir, named.date) : undefined;
    if (!folder || !meeting || (await exists(meeting))) continue;
    const file = path.join(outDir, name);
    const written = await pdfAsWritten(file);
    const own = written && (await once(known, folder.dir, () => folderKnown(folder)));
    // Another committee's (built into this out/ from its own folder), or this one's before it was renamed: told, left.
    const other = written?.committee !== undefined && written.committee !== own?.committee;
    const unproven = written && own && !other ? notOfThisFolder(written, own, folder, meeting) : undefined;
    // Its meeting asked again just before: restored meanwhile (and built by a command beside this one), it stays.
    const ours = written?.committee !== undefined && !other && unproven === undefined && !(await exists(meeting));
    // force: a build --all beside this one may have removed it first.
    if (ours) await rm(file, { force: true });
    found.push({ file, meeting, removed: ours, ...(other ? { committee: written.committee } : {}), ...(unproven ? { unproven } : {}) });
  }
  return found;
}

/**
 * Why a PDF that records this committee's name is not shown to be of a meeting of this folder (`meeting`, gone); none
 * where it is. What it records first, then git's history, where there is one.
 */
function notOfThisFolder(written: RecordedOrigin, own: Folder, folder: CommitteeFolder, meeting: string): string | undefined {
  if (written.authority !== own.authority) return `made for ${written.authority ?? 'no authority'}, not ${own.authority ?? 'this one'}`;
  const expected = meetingFileRecord(folder.dir, path.basename(meeting, '.yaml'));
  if (written.meetingFile === undefined) return 'it does not record which meeting file it was made from (made by agenda before 0.3.2)';
  if (written.meetingFile !== expected) return `made from ${written.meetingFile}, not ${expected}`;
  if (own.committed && !own.committed.has(path.basename(meeting)))
    return `git's history of ${folder.dir} never held ${path.basename(meeting)} (a draft from another copy, or a meeting never committed)`;
  return undefined;
}

/** The committee's name and authority as its documents record them (udvalg.yaml's navn, kommune.yaml), and git's history of its folder. */
async function folderKnown(folder: CommitteeFolder): Promise<Folder> {
  const data = await committeeFileData(folder.dir);
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const municipality = text((await municipalityFileData(folder.root))?.navn);
  const committee = text(data?.navn);
  const kommune = text(data?.kommune);
  return {
    committee,
    authority: committee === undefined ? undefined : authorityOf({ navn: committee, ...(kommune ? { kommune } : {}) }, municipality),
    committed: await filesEverCommitted(folder.dir),
  };
}
