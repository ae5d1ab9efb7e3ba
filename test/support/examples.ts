import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';

/** The folders of the repository the tests take their input from. */
const inputs = ['meetings', 'eksempel', 'fixtures'];

let root: string | undefined;

/**
 * Where the tests find the example meetings/, eksempel/ and fixtures/: these folders as git's index holds them, checked
 * out once per worker into the run's temporary folder (some 35 ms). A clerk trying the tool in the checkout writes a
 * meeting of their own into meetings/, or edits one; a test that read the working tree would count that meeting, or
 * print that edit, and fail. A developer who changes an example stages it (`git add`) for the tests to see it. A
 * checkout without git (a tarball) has nothing but the examples: its own folders are taken as they are.
 * Made at the first call, not at import: the global setup imports what imports this before it points TMPDIR at the
 * run's folder, and a copy made then would stay in the system's temporary folder after the run.
 */
export const exampleRoot = (): string => (root ??= checkedOut(packageRoot));

/** The examples of the repository at `repository` as its index holds them, in a new folder of the temporary folder. */
export function checkedOut(repository: string): string {
  if (!isGitTopLevel(repository)) return repository;
  refuseUnmerged(repository);
  const folder = mkdtempSync(path.join(tmpdir(), 'agenda-examples-'));
  const files = execFileSync('git', ['ls-files', '-z', '--', ...inputs], { cwd: repository });
  execFileSync('git', ['checkout-index', '-z', '--stdin', `--prefix=${folder}/`], { cwd: repository, input: files });
  return folder;
}

/** An example in a merge's conflict has no one version in the index to take: name the files and say what to do. */
function refuseUnmerged(repository: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--unmerged', '--', ...inputs], { cwd: repository, encoding: 'utf8' });
  // Each line is "<mode> <object> <stage>\t<path>", a line per stage of a path.
  const unmerged = [
    ...new Set(
      listed
        .split('\0')
        .filter(Boolean)
        .map((line) => line.slice(line.indexOf('\t') + 1)),
    ),
  ];
  if (unmerged.length > 0)
    throw new Error(
      `the tests take the examples from git's index, and these are unmerged (a conflict): ${unmerged.join(', ')}; resolve them and git add them, then run the tests again`,
    );
}

/** Whether the package is a git checkout of its own (not a tarball, nor one unpacked inside another repository). */
function isGitTopLevel(repository: string): boolean {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: repository,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return realpathSync(top.trim()) === realpathSync(repository);
  } catch {
    return false;
  }
}
