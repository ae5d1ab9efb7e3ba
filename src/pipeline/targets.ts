import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../shared/errors.js';

/**
 * `--out` and `--html` name two different regular files (or none yet), neither of them one the build reads: a target
 * that is a meeting or shared file of a committee's folder (or its archived copy, or the same file by another
 * name) would be overwritten by the document made from it.
 */
export async function refuseTargets(options: { out?: string; html?: string; meetings: string[] }): Promise<void> {
  const targets = [options.out && { flag: '--out', file: options.out }, options.html && { flag: '--html', file: options.html }].filter(
    (t) => !!t,
  );
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- two targets, checked on the line
  if (targets.length === 2 && (await sameFile(targets[0]!.file, targets[1]!.file)))
    throw new UsageError(`--out and --html name the same file (${options.out}): give each its own`);
  // Without --out or --html, nothing to compare: the meeting folders, whose listing grows with the archive, are not listed.
  if (targets.length === 0) return;
  const inputs = (await Promise.all(options.meetings.map(yamlFiles))).flat();
  for (const { flag, file } of targets) {
    const kind = await lstat(file).catch(() => undefined);
    if (kind && !kind.isFile())
      throw new UsageError(`${flag} ${file} is not a file (a folder, device, pipe or link): name a file to write`);
    for (const input of inputs)
      if (await sameFile(file, input))
        throw new UsageError(`${flag} ${file} is ${input}, which the build reads: write the document elsewhere`);
  }
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
