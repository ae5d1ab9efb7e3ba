import path from 'node:path';
import { EnvironmentError } from '../shared/errors.js';
import { takeLock } from '../shared/lock.js';

// One publication at a time in a site: two at once would each take the other's staging folder for a
// leftover, or write the site half each. Its lock (shared/lock.ts) is taken over where a killed
// publication left it and that can be told from here; the clerk is told to remove it otherwise.

const lockName = '.agenda-publish.lock';

/** Takes the lock of the site `out` (which exists); returns what releases it. */
export function lockSite(out: string): () => void {
  return takeLock(path.join(out, lockName), ({ file, process }) => {
    const who = process === undefined ? `a lock that names no process: ${file}` : `another agenda publish (${process})`;
    throw new EnvironmentError(`cannot publish to ${out}: ${who} is writing this site; wait for it to end, or remove ${file} if none runs`);
  });
}
