import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { PageSource } from '../../src/pdf/browser.js';
import { unusedPage } from '../../src/pdf/print.js';

/**
 * A browser as Puppeteer's is seen by unusedPage: its blank tab at start, and a tab it makes listed among its
 * pages at once, though newPage answers only a moment later (as Chromium's does).
 */
function browser(blankTabs: number): PageSource {
  const tab = () => ({ url: () => 'about:blank' }) as unknown as Page;
  const tabs = Array.from({ length: blankTabs }, tab);
  const fake = {
    browserContexts: () => [],
    connected: true,
    once: () => fake,
    off: () => fake,
    pages: () => Promise.resolve([...tabs]),
    newPage: () => {
      const made = tab();
      tabs.push(made);
      return new Promise<Page>((resolve) => setTimeout(() => resolve(made), 20));
    },
  };
  return fake as unknown as PageSource;
}

describe('a page to print in', () => {
  it.each([0, 1])('is no other printer’s, when printers ask at once (%i blank tabs at start)', async (blankTabs) => {
    const source = browser(blankTabs);
    // Each asks a moment after the one before, while its tab is being made.
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => unusedPage(source));
    const pages = await Promise.all([0, 5, 10, 15].map(later));
    expect(new Set(pages).size).toBe(4);
  });
});
