import type { PDFDocument } from '@cantoo/pdf-lib';
import { pageNumbers } from '../shared/printable.js';
import { headingPages } from './outline.js';
import { pdfLib } from './pdf-lib.js';

/**
 * How a PDF viewer shows the document: with its bookmarks open, and with page labels, so that the
 * page a reader types or sees in the viewer is the one printed "Side N". The front page and the
 * contents are not numbered in print; they are labelled "Forside" and "Indhold" (with a number
 * where the contents take more than one sheet). A house that numbers its pages from the front page
 * (`fromFrontPage`) has every sheet labelled with its number, the front page 1.
 */
export async function forTheViewer(doc: PDFDocument, fromFrontPage = false): Promise<void> {
  const { PDFName } = await pdfLib();
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  await labelPages(doc, fromFrontPage);
}

async function labelPages(doc: PDFDocument, fromFrontPage: boolean): Promise<void> {
  const { PDFName, PDFHexString } = await pdfLib();
  const { context } = doc;
  if (fromFrontPage) {
    doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: [0, context.obj({ S: PDFName.of('D'), St: 1 })] }));
    return;
  }
  const headings = await headingPages(doc);
  const firstBody = headings.sheets - pageNumbers(headings).total;
  if (firstBody < 1 || firstBody >= headings.sheets) return;
  const ranges = [0, context.obj({ P: PDFHexString.fromText('Forside') })];
  if (firstBody === 2) ranges.push(1, context.obj({ P: PDFHexString.fromText('Indhold') }));
  if (firstBody > 2) ranges.push(1, context.obj({ P: PDFHexString.fromText('Indhold '), S: PDFName.of('D') }));
  ranges.push(firstBody, context.obj({ S: PDFName.of('D'), St: 1 }));
  doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: ranges }));
}
