import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { HeadingPages } from '../render/contents.js';

export interface OutlineEntry {
  title: string;
  /** 0-based index of the sheet the entry points at. */
  page: number;
}

/** The top-level entries of a PDF's outline (Chromium makes one per h1), with the sheet each points at. */
export async function readOutline(pdf: Uint8Array): Promise<{ entries: OutlineEntry[]; sheets: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const sheets = doc.getPages().map((p) => p.ref.toString());
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const entries: OutlineEntry[] = [];
  for (let item = root?.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
    entries.push({ title: titleOf(item), page: sheets.indexOf(destinationOf(item)?.toString() ?? '') });
  }
  return { entries, sheets: sheets.length };
}

export async function readHeadingPages(pdf: Uint8Array): Promise<HeadingPages> {
  const { entries, sheets } = await readOutline(pdf);
  return { pages: entries.map((e) => e.page), sheets };
}

function titleOf(item: PDFDict): string {
  const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
  return title?.decodeText() ?? '';
}

/** The page an entry points at, whether as a direct destination or through a GoTo action. */
function destinationOf(item: PDFDict): PDFRef | undefined {
  const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
  const page = dest?.get(0);
  return page instanceof PDFRef ? page : undefined;
}
