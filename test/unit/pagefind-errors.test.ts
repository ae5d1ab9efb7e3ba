import { describe, expect, it, vi } from 'vitest';
import { searchIndexes } from '../../src/publish/search.js';
import { EnvironmentError } from '../../src/shared/errors.js';

// Pagefind stood in for: what createIndex throws is set by each test, so the message agenda gives
// for it can be read without breaking the installed package.
const thrown = { error: new Error('set by each test') };
/** Where a test sets it, the index createIndex gives (not an error), and what closing Pagefind does. */
const service = vi.hoisted(() => {
  const stands: { index: unknown; close: () => void } = { index: undefined, close: () => undefined };
  return stands;
});
vi.mock('pagefind', () => ({
  createIndex: () => (service.index ? Promise.resolve({ index: service.index, errors: [] }) : Promise.reject(thrown.error)),
  close: () => {
    service.close();
    return Promise.resolve();
  },
}));

describe('Pagefind failing', () => {
  it('calls a missing program for this system not installed, and says how to install it', async () => {
    thrown.error = new Error('Failed to install either of [pagefind_extended, pagefind]. Most likely ...');
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => [] }], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(String(error)).toContain('npm install --include=optional');
  });

  it('calls a missing module not installed', async () => {
    thrown.error = Object.assign(new Error("Cannot find package '@pagefind/linux-x64'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => [] }], () => undefined).catch((e: unknown) => e);
    expect(String(error)).toContain('npm install --include=optional');
  });

  it('tells any other failure as it is, without sending the user to reinstall', async () => {
    thrown.error = new TypeError('import.meta.resolve is not a function');
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => [] }], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(String(error)).toContain('import.meta.resolve is not a function');
    expect(String(error)).not.toContain('install agenda again');
  });

  it('tells a record Pagefind refused, once: the answers still to come, rejected as it is closed, are no failure of their own', async () => {
    // The first answer says what is wrong; every later one is rejected once Pagefind is closed, as its Node API does.
    const pending: Array<(reason: Error) => void> = [];
    let calls = 0;
    service.index = {
      addHTMLFile: () =>
        ++calls === 1
          ? Promise.resolve({ errors: ['a record Pagefind could not read'] })
          : new Promise((_, reject) => pending.push(reject)),
    };
    service.close = () => {
      for (const reject of pending) reject(new Error('Pagefind backend closed'));
    };
    const records = Array.from({ length: 150 }, (_, i) => ({ url: `/m${i}.html`, content: '<p>x</p>', language: 'da' }));
    try {
      const error = await searchIndexes([{ folder: 'pagefind/x', records: () => records }], () => undefined).catch((e: unknown) => e);
      expect(String(error)).toContain('a record Pagefind could not read');
      // The rejections of the answers not awaited come after: vitest fails the run on any left unhandled.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pending.length).toBeGreaterThan(0);
    } finally {
      service.index = undefined;
      service.close = () => undefined;
    }
  });
});
