import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** What `promise` gives, or `otherwise` where it has not come within `ms`: a wait that always ends (its timer keeps no process alive). */
export function waitAtMost<T, U>(ms: number, promise: Promise<T>, otherwise: U): Promise<T | U> {
  return Promise.race([promise, new Promise<U>((resolve) => setTimeout(resolve, ms, otherwise).unref())]);
}

/**
 * Resolves once what a child process wrote to its pipes is read (its stdout and stderr closed), or `ms` has passed.
 * Node may tell a child's exit before its pipes' data: libuv reaps every child that has ended at once and tells each
 * exit before it reads their pipes, so a line written just before the exit was lost where other children ended
 * nearby (269 of 400 runs of echo in parallel heard nothing). The bound is for a process that left the child's group
 * and holds a pipe.
 */
export async function outputRead(child: ChildProcess, ms: number): Promise<void> {
  const open = [child.stdout, child.stderr].filter((pipe): pipe is Readable => pipe !== null && !pipe.closed);
  await waitAtMost(ms, Promise.all(open.map((pipe) => once(pipe, 'close').catch(() => undefined))), undefined);
}
