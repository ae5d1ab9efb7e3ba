/** What each worker of `eachAtOnce` holds while it works: a browser's page, say; closed when the worker ends. */
export interface Worker {
  close(): Promise<void>;
}

/**
 * Runs `work` on every item, at most `limit` at a time, each worker with a `Worker` of its own; the
 * results in the items' order. Where one item fails, no worker takes another, and the failure is
 * given only once every worker has ended and closed what it held: a caller that then closes the
 * browser or removes its staging folder does so under no print still running, which would fail in its
 * turn or write to what is gone.
 */
export async function eachAtOnce<T, R, W extends Worker>(
  items: T[],
  limit: number,
  open: () => W,
  work: (item: T, worker: W) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // The first item to fail, in time: what the caller is told.
  let failure: { reason: unknown } | undefined;
  const worker = async () => {
    const own = open();
    try {
      while (!failure && next < items.length) {
        const i = next++;
        // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i < items.length, in the loop's condition
        results[i] = await work(items[i]!, own).catch((reason: unknown) => {
          failure ??= { reason };
          throw reason;
        });
      }
    } finally {
      await own.close();
    }
  };
  const ended = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  // A worker that failed only in closing what it held fails the whole too.
  failure ??= ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
