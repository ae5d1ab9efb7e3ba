import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A committed version of a file: the commit (abbreviated) and the bytes. */
export interface CommittedVersion {
  commit: string;
  bytes: Uint8Array;
}

/**
 * Every version of `file` git's history holds, newest first; none where the folder is not in a git
 * repository or git is not installed (the caller says so).
 */
export async function committedVersions(file: string): Promise<CommittedVersion[] | undefined> {
  const cwd = path.dirname(file);
  const name = path.basename(file);
  const log = await run('git', ['log', '--format=%h', '--', name], { cwd }).catch(() => undefined);
  if (!log) return undefined;
  const commits = log.stdout.split('\n').filter(Boolean);
  const versions: CommittedVersion[] = [];
  for (const commit of commits) {
    // A commit that deleted the file has no version of it.
    const shown = await run('git', ['show', `${commit}:./${name}`], { cwd, encoding: 'buffer', maxBuffer: 1024 ** 3 }).catch(
      () => undefined,
    );
    if (shown) versions.push({ commit, bytes: shown.stdout });
  }
  return versions;
}

/**
 * The files of the folder `dir` that git's history of its current branch (HEAD) ever added, by their paths within
 * it: what the folder had, committed, whether it has them now or not. Renames counted as a removal and an addition
 * (a meeting file renamed to another date had both names). None where `dir` is in no git work tree, or git is not
 * installed (or will not read it: another user's repository); an empty set where the branch has no commit yet.
 */
export async function filesEverCommitted(dir: string): Promise<Set<string> | undefined> {
  const inTree = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir }).catch(() => undefined);
  if (inTree?.stdout.trim() !== 'true') return undefined;
  const log = await run(
    'git',
    ['log', 'HEAD', '--no-renames', '--diff-filter=A', '--name-only', '--relative', '--format=', '-z', '--', '.'],
    {
      cwd: dir,
      maxBuffer: 1024 ** 3,
    },
  ).catch(() => undefined);
  return new Set(log?.stdout.split('\0').filter(Boolean));
}
