import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { PageSource } from '../../src/pdf/browser.js';
import { PrintPage } from '../../src/pdf/print.js';

describe('a page asked of a browser that goes away meanwhile (pdf/print.ts)', () => {
  it(
    'fails as soon as the browser disconnects, not when Puppeteer stops waiting for the new tab (30 s later)',
    { timeout: 10_000 },
    async () => {
      // A command's context in a running browser, whose newPage does as Puppeteer's does where the browser is killed
      // just after it made the tab (tried with Chromium: a rejection 30 s later): it waits for the tab's target,
      // blind to the end of the connection, which comes meanwhile.
      const browser = Object.assign(new EventEmitter(), { connected: true });
      const context = {
        pages: () => Promise.resolve([]),
        newPage: () => {
          setImmediate(() => {
            browser.connected = false;
            browser.emit('disconnected');
          });
          return new Promise(() => undefined);
        },
        browser: () => browser,
      };
      await expect(PrintPage.create(context as unknown as PageSource, { timeoutMs: 60_000 })).rejects.toThrow(/the browser disconnected/);
    },
  );
});
