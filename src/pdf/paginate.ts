import type { PDFDocument } from '@cantoo/pdf-lib';
import { RenderError } from '../shared/errors.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { headingPages } from './outline.js';
import { pdfLib } from './pdf-lib.js';
import type { PrintPage } from './print.js';

/** Renders the document; given where its headings landed, with the real page numbers. */
export type RenderPass = (headings?: HeadingPages) => RenderedDocument;

/** A layout that has not settled after this many prints has a contents that keeps moving its own pages. */
const maxPrints = 4;

/**
 * Chromium has no target-counter(), so the contents' page numbers come from a print: print, read from
 * the outline where each heading landed, put the numbers into the laid-out page, print again, and
 * repeat until the headings stay where the numbers say. Returns the last print, parsed, and the
 * rendering it was printed from.
 */
export async function printWithContents(page: PrintPage, render: RenderPass, first = render()): Promise<{ doc: PDFDocument; rendered: RenderedDocument }> {
  void pdfLib(); // to read the first print with, loaded while the browser lays it out
  await page.load(first);
  let headings = await headingPages(await page.print());
  for (let print = 2; print <= maxPrints; print++) {
    const rendered = render(headings);
    for (const part of rendered.numberedParts) await page.replace(part.selector, part.html);
    const doc = await page.print();
    const landed = await headingPages(doc);
    if (samePages(landed, headings)) {
      page.collectGarbage();
      return { doc, rendered };
    }
    headings = landed;
  }
  throw new RenderError(`the contents' page numbers did not settle after ${maxPrints} prints`);
}

function samePages(a: HeadingPages, b: HeadingPages): boolean {
  return a.sheets === b.sheets && a.pages.length === b.pages.length && a.pages.every((p, i) => p === b.pages[i]);
}
