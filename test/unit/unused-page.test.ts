import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { PageSource } from '../../src/pdf/browser.js';
import { unusedPage } from '../../src/pdf/print.js';

/**
 * A browser as Puppeteer's is seen by unusedPage: its blank tab at start, and a tab it makes listed among its
 * pages at once, though newPage answers only when `answer` says (as Chromium's does a moment later, or never).
 */
function browser(blankTabs: number, answer: (made: Page, call: number) => Promise<Page>) {
  const tab = () => ({ url: () => 'about:blank' }) as unknown as Page;
  const tabs = Array.from({ length: blankTabs }, tab);
  let calls = 0;
  const fake = {
    browserContexts: () => [],
    connected: true,
    once: () => fake,
    off: () => fake,
    pages: () => Promise.resolve([...tabs]),
    newPage: () => {
      const made = tab();
      tabs.push(made);
      return answer(made, calls++);
    },
  };
  return { source: fake as unknown as PageSource, calls: () => calls };
}

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a page to print in', () => {
  it.each([0, 1])('is no other printer’s, when printers ask at once (%i blank tabs at start)', async (blankTabs) => {
    const { source } = browser(blankTabs, (made) => after(20).then(() => made));
    // Each asks a moment after the one before, while its tab is being made.
    const pages = await Promise.all([0, 5, 10, 15].map((ms) => after(ms).then(() => unusedPage(source))));
    expect(new Set(pages).size).toBe(4);
  });

  it('is asked of the browser by each printer at once, not one after another’s answer', async () => {
    // A browser that never answers: each printer waits its own timeout, not the others' too.
    const { source, calls } = browser(0, () => new Promise<Page>(() => undefined));
    for (let printer = 0; printer < 4; printer++) void unusedPage(source);
    await after(10);
    expect(calls()).toBe(4);
  });

  it('is still given after another printer’s tab could not be made', async () => {
    const { source } = browser(0, (made, call) => (call === 0 ? Promise.reject(new Error('no tab')) : Promise.resolve(made)));
    await expect(unusedPage(source)).rejects.toThrow('no tab');
    await expect(unusedPage(source)).resolves.toBeDefined();
  });
});
