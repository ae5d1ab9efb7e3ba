import type { PDFArray, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { RenderError } from '../shared/errors.js';
import { outlineEntries } from './outline.js';
import { pdfLib } from './pdf-lib.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  language: string;
}

/**
 * What Chromium leaves undone: it writes no author or subject, and its outline titles can be wrong
 * (a heading at a forced page break comes out with its text twice, one that wraps loses a space).
 * Loading and saving the same document with pdf-lib keeps its structure tree and outline; it is
 * copyPages that drops them. `extend` adds to the finished document before it is saved (the attachments
 * of a combined document).
 */
export async function finishPdf(doc: PDFDocument, meta: PdfMetadata, headings: string[], extend?: (doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setCreator('agenda');
  await withoutDates(doc);
  await renumberStructureIds(doc);
  await retitleOutline(doc, headings);
  await extend?.(doc);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

/**
 * Chromium stamps the time of printing; without it the same meeting gives the same bytes, so a
 * document that was sent can be rebuilt exactly and compared by its SHA-256.
 */
async function withoutDates(doc: PDFDocument): Promise<void> {
  const { PDFDict, PDFName } = await pdfLib();
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.delete(PDFName.of('CreationDate'));
  info.delete(PDFName.of('ModDate'));
}

/**
 * Chromium names the tagged structure's elements after the renderer's DOM node ids ("node00000023"),
 * which depend on what the renderer made before (under load they come out differently). Renumbered
 * in their order, which keeps the id tree sorted, the same meeting always gives the same bytes.
 */
async function renumberStructureIds(doc: PDFDocument): Promise<void> {
  const { PDFArray, PDFDict, PDFString } = await pdfLib();
  const found: Array<{ parent: PDFDict | PDFArray; key: PDFName | number; id: number }> = [];
  const visit = (value: unknown, parent: PDFDict | PDFArray, key: PDFName | number) => {
    if (value instanceof PDFString) {
      const id = /^node(\d+)$/.exec(value.asString())?.[1];
      if (id) found.push({ parent, key, id: Number(id) });
    } else if (value instanceof PDFDict) {
      for (const [k, v] of value.entries()) visit(v, value, k);
    } else if (value instanceof PDFArray) {
      value.asArray().forEach((v, i) => visit(v, value, i));
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict || object instanceof PDFArray) visit(object, object, -1);
  }
  const order = [...new Set(found.map((f) => f.id))].sort((a, b) => a - b);
  const renamed = new Map(order.map((id, i) => [id, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]));
  for (const { parent, key, id } of found) {
    if (parent instanceof PDFArray) parent.set(key as number, renamed.get(id)!);
    else parent.set(key as PDFName, renamed.get(id)!);
  }
}

/** Gives each outline entry, in document order, the text of the heading it was made from. */
async function retitleOutline(doc: PDFDocument, headings: string[]): Promise<void> {
  const { PDFHexString, PDFName } = await pdfLib();
  const entries = await outlineEntries(doc);
  if (entries.length !== headings.length) {
    throw new RenderError(`the PDF outline has ${entries.length} entries for the document's ${headings.length} headings`);
  }
  entries.forEach(({ entry }, i) => entry.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
}
