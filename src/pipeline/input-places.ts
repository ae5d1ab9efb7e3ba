import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { repositoryFiles } from '../input/load.js';
import { findCommittees, type CommitteeFolder } from '../input/repository.js';
import { UsageError } from '../shared/errors.js';
import { userCacheDir } from '../shared/paths.js';

// What agenda writes must stay apart from what it reads. A site folder is served whole: one that is, holds or lies
// in a committee's folder serves its meeting files, plan, send logs and kept versions, closed text and all, and one
// that is or holds the repository's root serves every committee's (publish --out . from the root). A document
// written into a committee's folder (build --out, diff --pdf) may overwrite an attachment's file.

/** Where the inputs of a repository's committees are, by real paths. */
interface InputPlaces {
  /** The folders read whole: every committee's of the repository, its husstil/, and agenda's own cache (records of closed cases, conversions). */
  folders: Place[];
  /** The repository's root, whose kommune.yaml and kalender.yaml are read (its other files are not agenda's). */
  root: Place;
}

interface Place {
  dir: string;
  what: string;
}

/** The inputs of the repository of `folders` (the committees a command works on, and every other one of their repository). */
async function inputPlaces(folders: CommitteeFolder[]): Promise<InputPlaces> {
  const root = folders[0]?.root ?? '.';
  const committees = new Set([...folders, ...(await findCommittees(root))].map((f) => f.dir));
  const templates = path.join(root, repositoryFiles.templates);
  const places = [
    ...[...committees].map((dir) => ({ dir, what: 'the committee folder' })),
    { dir: templates, what: "the house's templates" },
    { dir: userCacheDir(''), what: "agenda's cache" },
  ];
  const real = async ({ dir, what }: Place) => {
    const at = await realPlace(dir);
    return { dir: at, what: `${what} ${at}` };
  };
  return { folders: await Promise.all(places.map(real)), root: await real({ dir: root, what: "the repository's root" }) };
}

/**
 * Refuses a site folder that is, holds or lies in a folder of inputs (inputPlaces), or is or holds the repository's
 * root (the site is most often in it): told before anything is made or written, by real paths (a link to a
 * committee's folder is that folder).
 */
export async function refuseSiteOverInputs(out: string, folders: CommitteeFolder[]): Promise<void> {
  const site = await realPlace(out);
  const { folders: read, root } = await inputPlaces(folders);
  const how = (place: Place, inside = true) =>
    site === place.dir ? 'is' : within(site, place.dir) ? 'holds' : inside && within(place.dir, site) ? 'lies in' : undefined;
  for (const [place, inside] of [...read.map((p) => [p, true] as const), [root, false] as const]) {
    const relation = how(place, inside);
    if (relation)
      throw new UsageError(
        `--out ${out}: the site folder ${relation} ${place.what}, and a web server serves whatever the site folder holds: ` +
          "the clerk's files would be served, closed text and all; publish into a folder of its own (--out site)",
      );
  }
}

/**
 * Refuses a document written (build's --out and --html, diff's --pdf and --html) in a folder of inputs
 * (inputPlaces), or at the repository's kommune.yaml or kalender.yaml: it would overwrite what agenda reads.
 */
export async function refuseWritingInputs(
  targets: Array<{ named: string; file: string; advice?: string }>,
  folders: CommitteeFolder[],
): Promise<void> {
  if (targets.length === 0) return;
  const { folders: read, root } = await inputPlaces(folders);
  const rootFiles = [repositoryFiles.municipality, repositoryFiles.calendar].map((name) => path.join(root.dir, name));
  for (const { named, file, advice = 'write the document elsewhere (build without --out writes out/)' } of targets) {
    const real = await realPlace(file);
    const over = read.find(({ dir }) => within(dir, real))?.what ?? (rootFiles.includes(real) ? real : undefined);
    if (over) throw new UsageError(`${named} is in ${over}, which agenda reads: ${advice}`);
  }
}

/** Whether `inner` is `outer` or lies in it. */
function within(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * A path by its real place: its nearest folder that is there resolved (links too), and the rest of it as given
 * (what a command would make there is in the real place of that folder).
 */
export async function realPlace(place: string): Promise<string> {
  let at = path.resolve(place);
  const rest: string[] = [];
  for (;;) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined || path.dirname(at) === at) return path.join(real ?? at, ...rest.reverse());
    rest.push(path.basename(at));
    at = path.dirname(at);
  }
}
