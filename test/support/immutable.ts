import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Whether a folder in the system's temporary folder can be made immutable (`chattr +i`): the one way a test
 * running as root can make a folder's removal fail (EPERM). It needs root, chattr (e2fsprogs) and a file system
 * that keeps the flag (ext4, xfs, btrfs; not tmpfs): where one is missing, the tests that need it are skipped,
 * named in the run's summary, rather than failed for the machine's sake.
 */
export function canMakeImmutable(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agenda-immutable-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
