/**
 * `work` on each of `items`, a batch at a time, the results in their order: each piece of work may hold
 * a file open until it is done, and an archive's (some 60 files a meeting written, several attachment
 * files read: 4,000 meetings, 240,000) all at once would exceed the open files a process may hold
 * (EMFILE; 20,000 here, 1,024 on many systems).
 */
export async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>, size = 256): Promise<R[]> {
  const done: R[] = [];
  for (let i = 0; i < items.length; i += size) done.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return done;
}
