import type { PDFDocument } from '@cantoo/pdf-lib';
import { InputError, messageOf } from '../shared/errors.js';
import { attachmentError, type AttachmentBytes } from '../shared/attachment-file.js';
import { dropActiveContent } from './active-content.js';
import { canonicalize } from './canonical.js';
import { imagePage } from './image-page.js';
import { pdfLib } from './pdf-lib.js';

/** An attachment file opened as a PDF: its own pages, or an image on an A4 page. */
export interface OpenedAttachment {
  file: AttachmentBytes;
  doc: PDFDocument;
  pages: number;
}

/**
 * Opens an attachment so that its pages can go into the combined document whole: a PDF encrypted with
 * only an owner password is decrypted (any reader opens it), form fields are drawn into their pages,
 * an image is put on an A4 page. A PDF keeps only what a reader needs (dropActiveContent): its links
 * to the web and to e-mail addresses only with `webLinks`. What cannot be opened is one located error
 * at its `fil:` line.
 */
export async function openAttachment(file: AttachmentBytes, webLinks: boolean): Promise<OpenedAttachment> {
  try {
    const doc = file.kind === 'pdf' ? await openPdf(file.bytes, webLinks) : await imagePage(file);
    const pages = doc.getPageCount();
    if (pages === 0) throw attachmentError(file.ref, 'the PDF has no pages');
    return { file, doc, pages };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw attachmentError(file.ref, reason(err, file));
  }
}

/**
 * An attachment as a PDF of its own, for the published site: the document openAttachment opened
 * (decrypted, its form fields drawn into their pages, an image on an A4 page, nothing active left in
 * it), with its own tags, bookmarks, text and links kept, and only the objects its catalog reaches:
 * what an earlier version left in the file through an incremental save is not published with it. The
 * same file gives the same bytes.
 */
export async function attachmentPdf(opened: OpenedAttachment): Promise<Uint8Array> {
  await canonicalize(opened.doc);
  return opened.doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

async function openPdf(bytes: Uint8Array, webLinks: boolean): Promise<PDFDocument> {
  const { PDFDocument, ParseSpeeds } = await pdfLib();
  const doc = await PDFDocument.load(bytes, {
    password: '',
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
    warnOnInvalidObjects: false,
  });
  await wholePages(doc);
  // Widgets are annotations, which an embedded page leaves behind: their appearance goes into the page.
  const form = doc.getForm();
  if (form.getFields().length > 0) form.flatten();
  await dropActiveContent(doc, webLinks);
  return doc;
}

/**
 * pdf-lib reads on past damage, rebuilding what it can find: a file cut off short would go in with
 * pages missing their content. Each page's content must be there, whole, or the file is refused.
 */
async function wholePages(doc: PDFDocument): Promise<void> {
  const { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef } = await pdfLib();
  const declared = doc.catalog.Pages().lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber();
  if (declared !== undefined && declared !== doc.getPageCount()) throw new Error(`${doc.getPageCount()} of its ${declared} pages are left`);
  for (const [i, page] of doc.getPages().entries()) {
    page.getSize();
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(stream instanceof PDFRawStream) || stream.getContents().length === 0) throw new Error(`page ${i + 1} has lost its content`);
    }
  }
}

/** What the clerk can do about a file that would not open. */
function reason(err: unknown, file: AttachmentBytes): string {
  const message = messageOf(err);
  if (/needs password|password|encrypt/i.test(message))
    return 'the PDF is protected by a password: save a copy without one (print it to PDF) and name that';
  if (file.kind !== 'pdf')
    return `the file is not a readable ${file.kind.toUpperCase()} image (${message.split('\n')[0]}); save it again, or as PDF`;
  return `the PDF is damaged and cannot be read (${message.split('\n')[0]}); save it again from the program that made it`;
}
