import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A git repository of `dir` as it stands, committed, so that a revision of it can be compared with. */
export function commitAll(dir: string, message: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  if (!existsSync(path.join(dir, '.git'))) git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', 'commit', '-q', '-m', message);
}
