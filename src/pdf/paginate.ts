import type { Browser } from 'puppeteer';
import { RenderError } from '../errors.js';
import type { HeadingPages } from '../render/contents.js';
import { readHeadingPages } from './outline.js';
import { printPdf, type PrintOptions } from './print.js';

/** Renders the document's HTML; given where its headings landed, with the real page numbers. */
export type RenderPass = (headings?: HeadingPages) => string;

/** A layout that has not settled after this many prints has a contents that keeps moving its own pages. */
const maxPrints = 4;

/**
 * Chromium has no target-counter(), so the contents' page numbers come from a print: print, read from
 * the outline where each heading landed, render with those numbers, print again, and repeat until
 * the headings stay where the numbers say.
 */
export async function printWithContents(browser: Browser, render: RenderPass, options: PrintOptions): Promise<Uint8Array> {
  let headings = await readHeadingPages(await printPdf(browser, render(), options));
  for (let print = 2; print <= maxPrints; print++) {
    const pdf = await printPdf(browser, render(headings), options);
    const landed = await readHeadingPages(pdf);
    if (samePages(landed, headings)) return pdf;
    headings = landed;
  }
  throw new RenderError(`the contents' page numbers did not settle after ${maxPrints} prints`);
}

function samePages(a: HeadingPages, b: HeadingPages): boolean {
  return a.sheets === b.sheets && a.pages.length === b.pages.length && a.pages.every((p, i) => p === b.pages[i]);
}
