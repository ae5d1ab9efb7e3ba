import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../shared/errors.js';
import { namePart } from './fields.js';
import { repositoryFiles } from './load.js';
import { meetingDates } from './meeting-names.js';
import { exists, meetingsFolder, type Within } from './read-file.js';
import { readYamlFile } from './yaml-file.js';

// A municipality's repository holds every committee the secretariat serves, one folder each, and
// what they share:
//
//   kommune.yaml            the municipality: its name and its house style (husstil)
//   kalender.yaml           the political calendar (a committee's own kalender.yaml wins)
//   husstil/                templates that replace the package's: partials/*.hbs, web/, mail/, style.css
//   udvalg/<folder>/        a committee: udvalg.yaml, faste-punkter.yaml, plan.yaml, <date>.yaml
//   meetings/               a committee too: the folder of a repository with one committee
//
// A folder of `udvalg/` or `meetings/` is a committee when it holds an udvalg.yaml.

/** One committee's folder in a repository. */
export interface CommitteeFolder {
  /** How commands name it (`--udvalg ØK`) and how its documents' names carry it: udvalg.yaml's `kort`, else the folder's name. */
  id: string;
  /** The folder with its udvalg.yaml, standing items, plan and meeting files. */
  dir: string;
  /** The repository's root, where kommune.yaml and husstil/ are looked for. */
  root: string;
  /** Whether its documents' names carry `id`: in a repository of several committees, so none overwrites another's. */
  named: boolean;
}

/** The committee's id its documents' names carry before theirs (outputFile): in a repository of several committees only. */
export function committeeInNames(folder: CommitteeFolder): string | undefined {
  return folder.named ? folder.id : undefined;
}

/**
 * Every committee of the repository at `root`, in the order of their ids (Danish order): `meetings/`
 * and each folder of `udvalg/` that holds an udvalg.yaml. This is the one place committees are found.
 */
export async function findCommittees(root: string): Promise<CommitteeFolder[]> {
  const inUdvalg = (await readdir(path.join(root, 'udvalg'), { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, 'udvalg', e.name));
  const candidates = [path.join(root, 'meetings'), ...inUdvalg];
  const found: Array<{ id: string; dir: string }> = [];
  for (const dir of candidates) {
    if (await exists(path.join(dir, 'udvalg.yaml'))) found.push({ id: await shortName(dir), dir });
  }
  const collator = new Intl.Collator('da');
  return found.sort((a, b) => collator.compare(a.id, b.id)).map((c) => ({ ...c, root, named: found.length > 1 }));
}

/**
 * The committee's `kort` where udvalg.yaml gives a valid one, else the folder's name: it begins the
 * documents' file names, so it is taken only as the schema allows it, and only from a file inside the
 * folder, as every committee file is read (an invalid file, or a link out, is reported by the checks, not here).
 */
async function shortName(dir: string): Promise<string> {
  const kort = namePart.safeParse((await committeeFileData(dir))?.kort);
  return kort.success ? kort.data : path.basename(dir);
}

/**
 * udvalg.yaml's data as YAML gives it, read from inside the folder as every committee file is, each field to be
 * checked where it is used; none where the file cannot be read (the checks report it, not this).
 */
export async function committeeFileData(dir: string): Promise<{ kort?: unknown; navn?: unknown; kommune?: unknown } | null> {
  return looseData(path.join(dir, 'udvalg.yaml'), meetingsFolder(dir));
}

/** kommune.yaml's data as YAML gives it, read from inside the repository as load.ts reads it; none where it cannot be read. */
export async function municipalityFileData(root: string): Promise<{ navn?: unknown } | null> {
  return looseData(path.join(root, repositoryFiles.municipality), { folder: root, name: 'the repository' });
}

async function looseData<T>(file: string, within: Within): Promise<T | null> {
  return readYamlFile(file, within).then(
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a YAML file's data, whose fields are checked as they are used
    (f) => f.data as T | null,
    () => null,
  );
}

/**
 * A committee folder named directly (`--meetings DIR`): named by its folder, its documents' names as
 * they always were, in the repository of the nearest folder above holding kommune.yaml.
 */
export function folderAt(dir: string): CommitteeFolder {
  return { id: path.basename(dir), dir, root: rootOf(dir), named: false };
}

/**
 * The committee `--meetings DIR` names: as findCommittees finds it in its repository where it is one
 * of that repository's committees (its documents' names carrying its id where there are several, as
 * build, send and forsegl named them), else folderAt's.
 */
async function committeeAt(dir: string): Promise<CommitteeFolder> {
  // udvalg/<folder>/ is two below its repository's root, where no kommune.yaml says where that is.
  for (const root of new Set([rootOf(dir), path.dirname(path.dirname(dir))])) {
    const found = (await findCommittees(root)).find((c) => path.resolve(c.dir) === path.resolve(dir));
    if (found) return found;
  }
  return folderAt(dir);
}

/**
 * A committee given by its folder's path (an API caller's `dir`), found as `--meetings DIR` finds it
 * (committeeAt): its documents named as the command line names them; or already found.
 */
export async function toFolder(folder: string | CommitteeFolder): Promise<CommitteeFolder> {
  return typeof folder === 'string' ? committeeAt(folder) : folder;
}

function rootOf(dir: string): string {
  const above = [dir, path.dirname(dir), path.dirname(path.dirname(dir))];
  return above.find((up) => existsSync(path.join(up, repositoryFiles.municipality))) ?? path.dirname(dir);
}

export interface CommitteeChoice {
  /** `--meetings DIR`: one committee's folder, named directly (a committee of its repository named as `--udvalg` names it). */
  meetings?: string;
  /** `--udvalg ID`: a committee of the repository in the working folder. */
  udvalg?: string;
}

/**
 * The committees a command works on: the folder `--meetings` names, the one `--udvalg` names, or
 * every committee of the repository in the working folder. Without any committee there, `meetings/`,
 * so a missing folder is told as a missing udvalg.yaml.
 */
export async function chooseCommittees(choice: CommitteeChoice, root = '.'): Promise<CommitteeFolder[]> {
  if (choice.meetings !== undefined) {
    if (choice.udvalg !== undefined) throw new UsageError('give either --meetings or --udvalg, not both');
    return [await committeeAt(choice.meetings)];
  }
  const all = await findCommittees(root);
  if (choice.udvalg === undefined && all.length === 0) await refuseCommitteeFolder(root);
  if (choice.udvalg === undefined) return all.length > 0 ? all : [folderAt(path.join(root, 'meetings'))];
  const chosen = all.find((c) => c.id === choice.udvalg || path.basename(c.dir) === choice.udvalg);
  if (!chosen)
    throw new UsageError(
      `--udvalg ${choice.udvalg}: no such committee here${all.length ? ` (the committees are: ${all.map((c) => c.id).join(', ')})` : ''}`,
    );
  return [chosen];
}

/**
 * A committee's own folder as the working folder (`cd meetings`, `cd udvalg/KB`), or `udvalg/` that holds
 * them: not taken as the committee, since the repository's files above it (kommune.yaml, husstil/) would
 * not be found from it, and out/ and the site would be made inside it; the clerk is told where to run instead.
 */
async function refuseCommitteeFolder(root: string): Promise<void> {
  const here = path.resolve(root);
  const above = path.dirname(here);
  const where = 'where out/ is made and kommune.yaml and husstil/ are found';
  if (path.basename(here) === 'udvalg') {
    const committees = (await findCommittees(above)).filter((c) => path.dirname(c.dir) === here);
    if (committees.length > 0)
      throw new UsageError(
        `this folder (udvalg) holds the committees' folders (${committees.map((c) => path.basename(c.dir)).join(', ')}): run agenda from the folder above it (cd ..), ${where}`,
      );
  }
  const own = [
    ...((await exists(path.join(root, 'udvalg.yaml'))) ? ['udvalg.yaml'] : []),
    ...(await meetingDates(root)).map((d) => `${d}.yaml`),
  ];
  if (own.length === 0) return;
  // udvalg/<committee>/ is two below the repository's root, unless kommune.yaml is found just above.
  const twoUp = path.basename(above) === 'udvalg' && !existsSync(path.join(above, repositoryFiles.municipality));
  throw new UsageError(
    `this folder (${path.basename(here)}) is a committee's folder, holding ${own.slice(0, 2).join(', ')}${own.length > 2 ? ' …' : ''}: run agenda from the folder ${twoUp ? 'two above it (cd ../..)' : 'above it (cd ..)'}, ${where}`,
  );
}

/** The one committee a command about one committee works on; several without `--udvalg` is a usage error. */
export async function chooseCommittee(choice: CommitteeChoice, root = '.'): Promise<CommitteeFolder> {
  const all = await chooseCommittees(choice, root);
  if (all.length > 1)
    throw new UsageError(`this repository has ${all.length} committees (${all.map((c) => c.id).join(', ')}): name one with --udvalg`);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- chooseCommittees gives at least one committee or throws, and not more than one here
  return all[0]!;
}

/**
 * The committee of a command about one meeting: the one named, or, of several, the one that has a
 * meeting file of that date (`agenda send 2023-11-22` needs no --udvalg where only one meets that day).
 */
export async function chooseCommitteeOf(choice: CommitteeChoice, date: string, root = '.'): Promise<CommitteeFolder> {
  const all = await chooseCommittees(choice, root);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one committee, checked on the line
  if (all.length === 1) return all[0]!;
  const meeting = [];
  for (const c of all) if (await exists(path.join(c.dir, `${date}.yaml`))) meeting.push(c);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one committee, checked on the line
  if (meeting.length === 1) return meeting[0]!;
  const which = meeting.length ? meeting : all;
  throw new UsageError(
    `${meeting.length ? `${which.length} committees meet on ${date}` : `no committee has a meeting file for ${date}`} (${which.map((c) => c.id).join(', ')}): name one with --udvalg`,
  );
}
