import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { HeadingPages } from '../render/contents.js';

/** Parsed in one go: pdf-lib otherwise yields to the event loop every hundred objects, which only adds waiting here. */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** The outline's entries in document order, depth first (Chromium makes one per heading, h1 at the top level). */
export function outlineEntries(doc: PDFDocument): Array<{ entry: PDFDict; depth: number }> {
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

/** The sheet (0-based) each top-level heading landed on, and the number of sheets. */
export function headingPages(doc: PDFDocument): HeadingPages {
  const sheets = doc.getPages().map((p) => p.ref.toString());
  const pages = outlineEntries(doc)
    .filter((e) => e.depth === 0)
    .map((e) => sheets.indexOf(destinationOf(e.entry)?.toString() ?? ''));
  return { pages, sheets: sheets.length };
}

/** The page an entry points at, whether as a direct destination or through a GoTo action. */
function destinationOf(item: PDFDict): PDFRef | undefined {
  const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
  const page = dest?.get(0);
  return page instanceof PDFRef ? page : undefined;
}
