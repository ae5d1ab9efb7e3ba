import { PDFDocument } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  language: string;
}

/**
 * Chromium writes the title (from <title>) but no author or subject. Loading and saving the same
 * document with pdf-lib keeps its structure tree and outline (it is copyPages that drops them).
 */
export async function setMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setCreator('agenda');
  return doc.save({ useObjectStreams: false });
}
