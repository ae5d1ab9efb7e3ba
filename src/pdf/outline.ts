import type { PDFDict, PDFDocument } from '@cantoo/pdf-lib';
import type { HeadingPages } from '../shared/printable.js';
import { headingTexts, subItemHeadingIds } from './headings.js';
import { RenderError } from '../shared/errors.js';
import { pdfLib } from './pdf-lib.js';

/** The print has other headings than the document: a stylesheet that hides some (display: none) makes this. */
export class OutlineMismatch extends RenderError {}

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
 * printed, also the sheet of each sub-item heading the contents list, by its outline entry.
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
  if (body === undefined || ids.size === 0) return { pages, sheets: sheets.length };
  const texts = headingTexts(body);
  const anchors: Record<string, number> = {};
  for (const [i, id] of ids) {
    // The entry taken for the heading must be made from it: a heading Chromium left out of the outline
    // (empty, hidden) before it would otherwise give it a later heading's page.
    const entry = entries[i];
    const text = texts[i] ?? '';
    if (!entry || !(await entryTitle(entry.entry)).includes(text)) throw unmatchedHeading(id, text);
    anchors[id] = sheets.indexOf(destination(entry.entry));
  }
  return { pages, sheets: sheets.length, anchors };
}

async function entryTitle(entry: PDFDict): Promise<string> {
  const { PDFHexString, PDFName, PDFString } = await pdfLib();
  const title = entry.lookup(PDFName.of('Title'));
  const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A sub-item's heading whose place in the outline another heading has: its page cannot be told, so no
 * contents page is guessed. An OutlineMismatch, which names the house's templates where it has them.
 */
function unmatchedHeading(id: string, text: string): OutlineMismatch {
  return new OutlineMismatch(
    `the sub-item heading "${text}" (${id}) is not the PDF outline's entry in its place (a heading before it left out of the print?), so the contents cannot give its page: ` +
      "its template (partials/punkt.hbs, or the house's husstil/partials/punkt.hbs) must print it as a visible heading with text",
  );
}
