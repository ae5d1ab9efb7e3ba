import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { EnvironmentError, errnoCode, messageOf } from '../shared/errors.js';
import { processAlive } from '../shared/files.js';

// One publication at a time in a site: two at once would each take the other's staging folder for a
// leftover, or write the site half each. The lock is a file made exclusively ('wx', which a network
// file system honours too) that names its host and process; one left by a killed publication of this
// host (its process gone, or of this process's pid and not held here: a container's pid 1) is taken
// over. One of another host cannot be judged from here: the clerk is told to remove it if none runs.

const lockName = '.agenda-publish.lock';

/** The locks this process holds. */
const heldHere = new Set<string>();

/** Takes the lock of the site `out` (which exists); returns what releases it. */
export function lockSite(out: string): () => void {
  const file = path.join(out, lockName);
  const holder = `${hostname()} ${process.pid}`;
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(file, `${holder}\n`, { flag: 'wx' });
      heldHere.add(file);
      return () => release(file);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST' || tries > 0) throw new EnvironmentError(`cannot lock ${out}: ${messageOf(err)}`);
    }
    const other = holderOf(file);
    if (other !== undefined && !leftBehind(file, other)) {
      const why = `another agenda publish (${other}) is writing this site; wait for it to end, or remove ${file} if none runs`;
      throw new EnvironmentError(`cannot publish to ${out}: ${why}`);
    }
    rmSync(file, { force: true });
  }
}

/** Who holds the lock, "host pid"; none where it is gone meanwhile. */
function holderOf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function leftBehind(file: string, holder: string): boolean {
  const [host, pid] = holder.split(' ');
  if (host !== hostname()) return false;
  return Number(pid) === process.pid ? !heldHere.has(file) : !processAlive(Number(pid));
}

function release(file: string): void {
  heldHere.delete(file);
  rmSync(file, { force: true });
}
