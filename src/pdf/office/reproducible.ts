import { canonicalize } from '../canonical.js';
import { pdfLib } from '../pdf-lib.js';

/**
 * LibreOffice's PDF, the same bytes for the same file on any day: without the dates, the producer and
 * creator, the XMP metadata (which repeats them) and the file identifier it makes of the time, and
 * without the title, author, subject and keywords it copies from the file's properties (a
 * caseworker's name, "Udkast – fortroligt", a template's title): they are not the document's text,
 * the clerk never sees them, and the PDF is published as it is. Its objects are numbered by
 * canonicalize as the project's own PDFs are. What is left (its text, fonts, tags, page sizes)
 * follows the document alone.
 */
export async function reproducible(pdf: Uint8Array): Promise<Uint8Array> {
  const { PDFDict, PDFDocument, PDFName } = await pdfLib();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info instanceof PDFDict)
    for (const key of ['CreationDate', 'ModDate', 'Producer', 'Creator', 'Title', 'Author', 'Subject', 'Keywords'])
      info.delete(PDFName.of(key));
  doc.catalog.delete(PDFName.of('Metadata'));
  doc.context.trailerInfo.ID = undefined;
  await canonicalize(doc);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false });
}
