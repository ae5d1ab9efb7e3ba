import type { PDFDict, PDFDocument } from '@cantoo/pdf-lib';
import type { HeadingPages } from '../shared/printable.js';
import { subItemHeadingIds } from './headings.js';
import { pdfLib } from './pdf-lib.js';

/** Parsed in one go: pdf-lib otherwise yields to the event loop every hundred objects, which only adds waiting here. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  const { PDFDocument, ParseSpeeds } = await pdfLib();
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** The outline's entries in document order, depth first (Chromium makes one per heading, h1 at the top level). */
export async function outlineEntries(doc: PDFDocument): Promise<Array<{ entry: PDFDict; depth: number }>> {
  const { PDFDict, PDFName } = await pdfLib();
  const entries: Array<{ entry: PDFDict; depth: number }> = [];
  const walk = (parent: PDFDict | undefined, depth: number) => {
    for (let e = parent?.lookupMaybe(PDFName.of('First'), PDFDict); e; e = e.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      entries.push({ entry: e, depth });
      walk(e, depth + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict), 0);
  return entries;
}

/**
 * The sheet (0-based) each top-level heading landed on, and the number of sheets; given the page
 * printed, also the sheet of each sub-item heading the contents list (the outline has an entry for
 * every heading, in the page's order).
 */
export async function headingPages(doc: PDFDocument, body?: string): Promise<HeadingPages> {
  const { PDFArray, PDFDict, PDFName, PDFRef } = await pdfLib();
  // The page an entry points at, whether as a direct destination or through a GoTo action.
  const destination = (item: PDFDict) => {
    const dest =
      item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
    const page = dest?.get(0);
    return page instanceof PDFRef ? page.toString() : '';
  };
  const sheets = doc.getPages().map((p) => p.ref.toString());
  const entries = await outlineEntries(doc);
  const pages = entries.filter((e) => e.depth === 0).map((e) => sheets.indexOf(destination(e.entry)));
  const ids = body === undefined ? new Map<number, string>() : subItemHeadingIds(body);
  if (ids.size === 0) return { pages, sheets: sheets.length };
  const anchors = Object.fromEntries(
    [...ids].flatMap(([i, id]) => {
      const entry = entries[i];
      return entry ? [[id, sheets.indexOf(destination(entry.entry))]] : [];
    }),
  );
  return { pages, sheets: sheets.length, anchors };
}
