import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommitteeFolder } from '../input/repository.js';
import { stateFile } from '../publish/state.js';
import { realPlace, refuseWritingInputs } from './input-places.js';
import { UsageError } from '../shared/errors.js';

/**
 * `--out` and `--html` name two different regular files (or none yet), neither of them one the build reads: a target
 * that is a meeting or shared file of a committee's folder (or its archived copy, or the same file by another
 * name) would be overwritten by the document made from it. Neither they nor the PDFs' folder is in a published site (refuseIntoSite),
 * nor among the other inputs (refuseWritingInputs: an attachment's file, kommune.yaml).
 */
export async function refuseTargets(options: { out?: string; html?: string; outDir?: string; folders: CommitteeFolder[] }): Promise<void> {
  const targets = [options.out && { flag: '--out', file: options.out }, options.html && { flag: '--html', file: options.html }].filter(
    (t) => !!t,
  );
  // Without --out, each PDF goes into the PDFs' folder (out/), which may be in a site as well.
  const outDir = options.out
    ? []
    : [{ named: `${options.outDir ?? 'out'}/, where build writes the PDFs,`, folder: options.outDir ?? 'out' }];
  await refuseIntoSite([...targets.map(({ flag, file }) => ({ named: `${flag} ${file}`, folder: path.dirname(file) })), ...outDir]);
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- two targets, checked on the line
  if (targets.length === 2 && (await sameFile(targets[0]!.file, targets[1]!.file)))
    throw new UsageError(`--out and --html name the same file (${options.out}): give each its own`);
  // Without --out or --html, nothing to compare: the meeting folders, whose listing grows with the archive, are not listed.
  if (targets.length === 0)
    return refuseWritingInputs(
      // out/ is made where agenda runs: from within a committee's folder, that folder.
      outDir.map(({ named, folder }) => ({
        named,
        file: folder,
        advice: "run agenda from the repository's root (out/ is made where it runs)",
      })),
      options.folders,
    );
  const inputs = (await Promise.all(options.folders.map((f) => yamlFiles(f.dir)))).flat();
  for (const { flag, file } of targets) {
    const kind = await lstat(file).catch(() => undefined);
    if (kind && !kind.isFile())
      throw new UsageError(`${flag} ${file} is not a file (a folder, device, pipe or link): name a file to write`);
    for (const input of inputs)
      if (await sameFile(file, input))
        throw new UsageError(`${flag} ${file} is ${input}, which the build reads: write the document elsewhere`);
  }
  // Any other file of a committee's folder (an attachment's), of husstil/, of the cache: told once the files read are.
  await refuseWritingInputs(
    targets.map(({ flag, file }) => ({ named: `${flag} ${file}`, file })),
    options.folders,
  );
}

/** The same path, or the same file by another name (a link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!x && !!y && x.dev === y.dev && x.ino === y.ino;
}

/** Every YAML file of the meetings folder and its archive: all the build may read. */
async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.name.endsWith('.yaml')).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Refuses writing a document into a published site (`folder`, or one above it, holds publish's state file): the site
 * serves whatever is in it, a members' document too, and publish writes every public document there itself. Told
 * before anything is printed, by real paths (a link to the site's folder is the site's). `named`: the target as the clerk gave it.
 */
export async function refuseIntoSite(targets: Array<{ named: string; folder: string }>): Promise<void> {
  for (const { named, folder } of targets) {
    const site = await siteAround(folder);
    if (site !== undefined)
      throw new UsageError(
        `${named} is in the published site ${site} (it holds ${stateFile}), which serves whatever is put there, closed text too: ` +
          'write the document elsewhere (build without --out writes out/), and let agenda publish put the public version in the site',
      );
  }
}

/** The published site `folder` is in (it or a folder above it holds the state file), by real paths; none where there is none. */
async function siteAround(folder: string): Promise<string | undefined> {
  // By the real place of the nearest folder that is there: one the build would make is in the site its nearest is in.
  for (let at: string | undefined = await realPlace(folder); at !== undefined; at = path.dirname(at) === at ? undefined : path.dirname(at))
    if (
      await lstat(path.join(at, stateFile)).then(
        () => true,
        () => false,
      )
    )
      return at;
  return undefined;
}
