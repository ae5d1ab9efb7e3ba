import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';

/** The folders of the repository the tests take their input from. */
const inputs = ['meetings', 'eksempel', 'fixtures'];

/**
 * Where the tests find the example meetings/, eksempel/ and fixtures/: these folders as git's index holds them, checked
 * out once per worker into the run's temporary folder (some 35 ms). A clerk trying the tool in the checkout writes a
 * meeting of their own into meetings/, or edits one; a test that read the working tree would count that meeting, or
 * print that edit, and fail. A developer who changes an example stages it (`git add`) for the tests to see it. A
 * checkout without git (a tarball) has nothing but the examples: its own folders are taken as they are.
 */
export const exampleRoot = checkedOut();

function checkedOut(): string {
  if (!isGitTopLevel()) return packageRoot;
  const folder = mkdtempSync(path.join(tmpdir(), 'agenda-examples-'));
  const files = execFileSync('git', ['ls-files', '-z', '--', ...inputs], { cwd: packageRoot });
  execFileSync('git', ['checkout-index', '-z', '--stdin', `--prefix=${folder}/`], { cwd: packageRoot, input: files });
  return folder;
}

/** Whether the package is a git checkout of its own (not a tarball, nor one unpacked inside another repository). */
function isGitTopLevel(): boolean {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: packageRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return realpathSync(top.trim()) === realpathSync(packageRoot);
  } catch {
    return false;
  }
}
