import { describe, expect, it } from 'vitest';
import { eachAtOnce } from '../../src/shared/each-at-once.js';

/** A worker's log of what it did, in order, across workers. */
function logged() {
  const log: string[] = [];
  let workers = 0;
  const open = () => {
    const name = `w${workers++}`;
    log.push(`${name} open`);
    return { name, close: () => Promise.resolve(void log.push(`${name} close`)) };
  };
  return { log, open };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('eachAtOnce', () => {
  it('gives the results in the items’ order, each worker closed', async () => {
    const { log, open } = logged();
    const results = await eachAtOnce([30, 5, 10, 1], 2, open, async (ms) => {
      await later(ms);
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 20, 2]);
    expect(log.filter((l) => l.endsWith('close'))).toHaveLength(2);
  });

  it('after a failure takes no more items, and fails only once every worker has ended', async () => {
    const { log, open } = logged();
    const done = eachAtOnce(['fails', 'slow', 'never', 'never either'], 2, open, async (item, worker) => {
      log.push(`${worker.name} ${item}`);
      if (item === 'fails') throw new Error('print failed');
      await later(50);
      log.push(`${worker.name} ${item} done`);
      return item;
    });
    await expect(done).rejects.toThrow('print failed');
    // The slow item ran to its end and its worker closed before the failure was given; nothing else started.
    expect(log).toEqual(['w0 open', 'w0 fails', 'w1 open', 'w1 slow', 'w0 close', 'w1 slow done', 'w1 close']);
  });

  it('gives the first failure in time, not the first worker’s', async () => {
    const { open } = logged();
    const done = eachAtOnce([40, 1], 2, open, async (ms) => {
      await later(ms);
      throw new Error(`failed after ${ms} ms`);
    });
    await expect(done).rejects.toThrow('failed after 1 ms');
  });
});
