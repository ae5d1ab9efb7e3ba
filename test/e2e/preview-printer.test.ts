import { describe, expect, it } from 'vitest';
import { LastingPrinter } from '../../src/preview/printer.js';
import { commandLine, descendants, processState } from '../support/processes.js';

/** This test process's browsers (descendants only: never another test's). */
const browsers = () => descendants(process.pid).filter((pid) => /chrom/.test(commandLine(pid)));

/**
 * The preview stopping while a rebuild prints (Ctrl-C right after a save): the print fails as its
 * browser closes, and the preview's printer once took that for a crash and started a browser again,
 * which nothing closed and which kept the stopped preview from ever ending.
 */
describe("the preview's printer", () => {
  it('starts no browser again once closed, not even for a print cut short by the closing', async () => {
    const printer = new LastingPrinter('/usr/bin/chromium', 60_000);
    let entered: () => void = () => undefined;
    let release: () => void = () => undefined;
    const inPrint = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const printing = printer.run(async () => {
      calls++;
      if (calls > 1) return 'printed on a new browser';
      entered();
      await released;
      throw new Error('the page closed under the print');
    });
    await inPrint;
    expect(browsers().length).toBeGreaterThan(0);
    const closing = printer.close();
    release();
    const outcome = await printing.then(String, (err: unknown) => `failed: ${String(err)}`);
    await closing;
    const left = await gone(browsers());
    await printer.close(); // what the first close left, if anything
    expect({ outcome, calls, left }).toEqual({ outcome: 'failed: Error: the page closed under the print', calls: 1, left: [] });
  });
});

/** Those of `pids` still running once they had a few seconds to end (a killed process takes a moment to go). */
async function gone(pids: number[]): Promise<number[]> {
  const running = () => pids.filter((pid) => !['Z', undefined].includes(processState(pid)));
  for (let i = 0; i < 30 && running().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return running();
}
