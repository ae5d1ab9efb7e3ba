import type { PDFDocument } from '@cantoo/pdf-lib';
import { RenderError } from '../shared/errors.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { fromContents } from './headings.js';
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
 * repeat until the headings stay where the numbers say. `first` may be rendered with `guess`, where
 * the headings landed in an earlier print of much the same document (the preview's last); without
 * one, the page guesses where they will land from a layout in columns. Where they land as guessed,
 * one print is enough. Returns the last print, parsed and as bytes, the rendering it was printed
 * from, and where its headings are.
 */
export async function printWithContents(
  page: PrintPage,
  render: RenderPass,
  first = render(),
  guess?: HeadingPages,
): Promise<{ doc: PDFDocument; bytes: Uint8Array; rendered: RenderedDocument; headings: HeadingPages }> {
  void pdfLib(); // to read the first print with, loaded while the browser lays it out
  await page.load(first);
  let rendered = first;
  // Without a guess from an earlier print, one from laying the document out in columns: right, it saves a print.
  const guessed = guess ? undefined : await page.guessHeadings();
  const laidOut = guessed && fromContents(guessed, first.body);
  let numbers = guess ?? laidOut;
  for (let print = 1; print <= maxPrints; print++) {
    if (print > 1 || laidOut) {
      rendered = render(numbers);
      for (const part of rendered.numberedParts) await page.replace(part.selector, part.html);
    }
    const { doc, bytes } = await page.print();
    const landed = fromContents(await headingPages(doc, rendered.body), rendered.body);
    if (numbers && samePages(landed, numbers)) {
      page.collectGarbage();
      return { doc, bytes, rendered, headings: landed };
    }
    numbers = landed;
  }
  throw new RenderError(`the contents' page numbers did not settle after ${maxPrints} prints`);
}

function samePages(a: HeadingPages, b: HeadingPages): boolean {
  const sameAnchors = JSON.stringify(a.anchors ?? {}) === JSON.stringify(b.anchors ?? {});
  return sameAnchors && a.sheets === b.sheets && a.pages.length === b.pages.length && a.pages.every((p, i) => p === b.pages[i]);
}
