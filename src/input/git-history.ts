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
