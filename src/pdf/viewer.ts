import type { PDFDocument } from '@cantoo/pdf-lib';
import { pageNumbers } from '../shared/printable.js';
import { headingPages } from './outline.js';
import { pdfLib } from './pdf-lib.js';

/**
 * How a PDF viewer shows the document: with its bookmarks open, and with page labels, so that the
 * page a reader types or sees in the viewer is the one printed "Side N". The front page and the
 * contents are not numbered in print; they are labelled in the house's words, "Forside" and "Indhold"
 * (with a number where the contents take more than one sheet). A house that numbers its pages from the
 * front page (`fromFrontPage`) has every sheet labelled with its number, the front page 1. A document
 * without `labels` (a page of changes) has none.
 */
export async function forTheViewer(doc: PDFDocument, labels?: PageLabels): Promise<void> {
  const { PDFName } = await pdfLib();
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  if (labels) await labelPages(doc, labels);
}

/** How the pages are labelled: numbered from the front page, or the front page and contents by name. */
export interface PageLabels {
  fromFrontPage: boolean;
  /** The house's words for the unnumbered front page and contents (ord.forside, ord.indhold). */
  frontPage: string;
  contents: string;
}

async function labelPages(doc: PDFDocument, { fromFrontPage, frontPage, contents }: PageLabels): Promise<void> {
  const { PDFName, PDFHexString } = await pdfLib();
  const { context } = doc;
  if (fromFrontPage) {
    doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: [0, context.obj({ S: PDFName.of('D'), St: 1 })] }));
    return;
  }
  const headings = await headingPages(doc);
  const firstBody = headings.sheets - pageNumbers(headings).total;
  if (firstBody < 1 || firstBody >= headings.sheets) return;
  const ranges = [0, context.obj({ P: PDFHexString.fromText(frontPage) })];
  if (firstBody === 2) ranges.push(1, context.obj({ P: PDFHexString.fromText(contents) }));
  if (firstBody > 2) ranges.push(1, context.obj({ P: PDFHexString.fromText(`${contents} `), S: PDFName.of('D') }));
  ranges.push(firstBody, context.obj({ S: PDFName.of('D'), St: 1 }));
  doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: ranges }));
}
