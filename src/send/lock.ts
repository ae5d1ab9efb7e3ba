import { open, rm } from 'node:fs/promises';
import { readInputFile } from '../input/read-file.js';
import { EnvironmentError, errnoCode, messageOf, UsageError } from '../shared/errors.js';
import { processAlive } from '../shared/files.js';

/**
 * One `agenda send` of a meeting at a time: `<log>.lock` beside the send log, made only if absent and
 * holding its holder's pid. Two sends at once would both find a member not yet sent to and mail them
 * twice. A lock whose process is gone (killed) is taken over.
 */
export async function withSendLock<T>(logFile: string, work: () => Promise<T>): Promise<T> {
  const lock = `${logFile}.lock`;
  await take(lock, true);
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

async function take(lock: string, retry: boolean): Promise<void> {
  try {
    const handle = await open(lock, 'wx');
    await handle.writeFile(String(process.pid)).finally(() => handle.close());
  } catch (err) {
    const code = errnoCode(err);
    if (code !== 'EEXIST') throw new EnvironmentError(`cannot make the lock ${lock}: ${code ?? messageOf(err)}`);
    const holder = Number(Buffer.from(await readInputFile(lock, 32).catch(() => new Uint8Array())).toString('utf8'));
    if (processAlive(holder) || !retry)
      throw new UsageError(
        `another agenda send of this meeting is running${holder ? ` (pid ${holder})` : ''}: wait for it to end (or, if none is, delete ${lock})`,
      );
    await rm(lock, { force: true });
    await take(lock, false);
  }
}
