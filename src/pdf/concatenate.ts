import { pdfLib } from './pdf-lib.js';

/**
 * Several documents one after the other in one PDF, to be read on screen (the preview shows an agenda
 * and its tillægsdagsordener so): their structure trees and outlines are not kept, which copyPages drops.
 */
export async function concatenatePdfs(pdfs: Uint8Array[]): Promise<Uint8Array> {
  const [only] = pdfs;
  if (pdfs.length === 1 && only) return only;
  const { PDFDocument } = await pdfLib();
  const whole = await PDFDocument.create();
  for (const bytes of pdfs) {
    const part = await PDFDocument.load(bytes);
    for (const page of await whole.copyPages(part, part.getPageIndices())) whole.addPage(page);
  }
  return whole.save();
}
