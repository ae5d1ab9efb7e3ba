import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError, UsageError, type Finding } from '../shared/errors.js';
import type { CommitteeFolder } from './repository.js';

// A committee's files as they stood at a git revision, read with the repository's own git (an argv,
// no shell) into a folder of their own, so they are loaded and checked as every meeting is. Git is
// only read: no index, work tree or ref of the repository is touched.

const run = promisify(execFile);

/** The committee folder at `rev`, with `remove` to delete it after; `files(paths)` adds files the meeting names (its attachments). */
export interface FolderAtRevision {
  folder: CommitteeFolder;
  commit: string;
  /** Adds these files of the committee folder (relative to it, as `fil:` names them) as they were at the revision. */
  add(paths: string[]): Promise<void>;
  /** An error of the files read, told at the revision's paths (`HEAD~1:meetings/2023-11-22.yaml`), not the temporary ones. */
  told(err: unknown): unknown;
  remove(): Promise<void>;
}

/** What a build reads besides the attachments: the YAML files, the house's templates and stylesheet, the meeting's archive. */
const readByBuild = (file: string, archive: string) => /\.(ya?ml|hbs|css)$/.test(file) || file.startsWith(archive);

export async function folderAtRevision(folder: CommitteeFolder, rev: string, date: string): Promise<FolderAtRevision> {
  const git = (args: string[], encoding: 'utf8' | 'buffer' = 'utf8') =>
    run('git', args, { cwd: path.resolve(folder.dir), encoding, maxBuffer: 512 * 1024 * 1024 });
  const top = String((await git(['rev-parse', '--show-toplevel']).catch(() => notARepository(folder.dir))).stdout).trim();
  // A revision that reads as an option is refused before git sees it.
  if (rev.startsWith('-')) throw new UsageError(`--fra ${rev}: not a revision (a commit, a branch or a tag: HEAD~1, v1.0)`);
  const commit = String(
    (
      await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
        throw new UsageError(`--fra ${rev}: no such revision in the repository at ${top} (a commit, a branch or a tag: HEAD~1, v1.0)`);
      })
    ).stdout,
  ).trim();
  const inRepo = async (p: string) =>
    path
      .relative(top, await realpath(p))
      .split(path.sep)
      .join('/');
  const [root, dir] = [await inRepo(folder.root), await inRepo(folder.dir)];
  // A git repository of the committee's folder alone (git init in meetings/): the repository's own files (kommune.yaml,
  // husstil/) have no revisions, so no version of the meeting as it was can be made whole.
  if (root === '..' || root.startsWith('../') || path.isAbsolute(root))
    throw new UsageError(
      `--fra: the git repository at ${top} holds ${folder.dir} but not the repository's own files in ${folder.root} (kommune.yaml, husstil/): keep the whole repository in one git repository (git init in ${folder.root})`,
    );
  const listed = String((await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', root || '.'])).stdout).split('\0');
  const blobs = listed.flatMap((line) => (/^100\d{3} blob /.test(line) ? [line.slice(line.indexOf('\t') + 1)] : []));
  const target = await mkdtemp(path.join(tmpdir(), 'agenda-revision-'));
  const write = async (file: string) => {
    const { stdout } = await git(['cat-file', 'blob', `${commit}:${file}`], 'buffer');
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), stdout);
  };
  try {
    const archive = `${dir ? `${dir}/` : ''}arkiv/${date}/`;
    const meetingFile = `${dir ? `${dir}/` : ''}${date}.yaml`;
    if (!blobs.includes(meetingFile)) throw noMeeting(rev, meetingFile);
    for (const file of blobs.filter((f) => readByBuild(f, archive))) await write(file);
  } catch (err) {
    await rm(target, { recursive: true, force: true });
    throw err;
  }
  const at = (p: string) => path.join(target, p);
  return {
    folder: { ...folder, dir: at(dir), root: at(root) },
    commit,
    add: async (paths) => {
      const wanted = paths.map((p) => path.posix.normalize(`${dir ? `${dir}/` : ''}${p}`));
      for (const file of wanted.filter((f) => blobs.includes(f))) await write(file);
    },
    told: (err) => (err instanceof InputError ? new InputError(err.findings.map((f) => atRevision(f, target, rev))) : err),
    remove: () => rm(target, { recursive: true, force: true }),
  };
}

function notARepository(dir: string): never {
  throw new UsageError(`--fra: ${dir} is not in a git repository, so there are no revisions to compare with`);
}

function noMeeting(rev: string, file: string): InputError {
  const finding: Finding = { file: `${rev}:${file}`, line: 1, col: 1, path: '', message: `no meeting file ${file} at ${rev}` };
  return new InputError([finding]);
}

function atRevision(finding: Finding, target: string, rev: string): Finding {
  const relative = path.relative(target, path.resolve(finding.file));
  return relative.startsWith('..') ? finding : { ...finding, file: `${rev}:${relative.split(path.sep).join('/')}` };
}
