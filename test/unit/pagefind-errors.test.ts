import { describe, expect, it, vi } from 'vitest';
import { searchIndexes } from '../../src/publish/search.js';
import { EnvironmentError } from '../../src/shared/errors.js';

// Pagefind stood in for: what createIndex throws is set by each test, so the message agenda gives
// for it can be read without breaking the installed package.
const thrown = { error: new Error('set by each test') };
vi.mock('pagefind', () => ({
  createIndex: () => Promise.reject(thrown.error),
  close: () => Promise.resolve(),
}));

describe('Pagefind failing', () => {
  it('calls a missing program for this system not installed, and says how to install it', async () => {
    thrown.error = new Error('Failed to install either of [pagefind_extended, pagefind]. Most likely ...');
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => Promise.resolve([]) }], () => undefined).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(String(error)).toContain('npm install --include=optional');
  });

  it('calls a missing module not installed', async () => {
    thrown.error = Object.assign(new Error("Cannot find package '@pagefind/linux-x64'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => Promise.resolve([]) }], () => undefined).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('npm install --include=optional');
  });

  it('tells any other failure as it is, without sending the user to reinstall', async () => {
    thrown.error = new TypeError('import.meta.resolve is not a function');
    const error = await searchIndexes([{ folder: 'pagefind/x', records: () => Promise.resolve([]) }], () => undefined).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(String(error)).toContain('import.meta.resolve is not a function');
    expect(String(error)).not.toContain('install agenda again');
  });
});
