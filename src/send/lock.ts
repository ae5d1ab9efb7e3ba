import { UsageError } from '../shared/errors.js';
import { takeLock } from '../shared/lock.js';

/**
 * One `agenda send` of a meeting at a time: `<log>.lock` beside the send log (shared/lock.ts). Two
 * sends at once would both find a member not yet sent to and mail them twice. A lock a killed send
 * left is taken over where that can be told from here; the clerk is told to remove it otherwise.
 */
export async function withSendLock<T>(logFile: string, work: () => Promise<T>): Promise<T> {
  const release = takeLock(`${logFile}.lock`, ({ file, process }) => {
    const who = process === undefined ? `(a lock that names no process: ${file})` : `(${process})`;
    throw new UsageError(`another agenda send of this meeting is running ${who}: wait for it to end (or, if none is, delete ${file})`);
  });
  try {
    return await work();
  } finally {
    release();
  }
}
