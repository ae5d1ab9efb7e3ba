import type { PDFDict, PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import type { PDFPageProxy } from 'pdfjs-dist';
import type { StructTreeNode } from 'pdfjs-dist/types/src/display/api.js';
import type { PdfText } from './page-text.js';
import { pdfLib } from './pdf-lib.js';

/** How pdf.js names an object in a page's structure tree ("12R"); an annotation it knows as one has a prefix before that. */
const objectId = (ref: PDFRef) => `${ref.objectNumber}R${ref.generationNumber === 0 ? '' : ref.generationNumber}`;
const annotationPrefix = 'pdfjs_internal_id_';

/**
 * Chromium tags each link as a Link element holding the link's text and an object reference to its
 * annotation, but gives the annotation no /Contents, the description a screen reader reads for it as
 * it tabs from link to link (PDF/UA-1, 7.18.5). Each link annotation without one gets the text of its
 * Link element, read with pdf.js from `print` (the print `doc` was loaded from), on the pages that
 * have links only; a web link whose element has no text is described by its address.
 */
export async function describeLinks(doc: PDFDocument, print: PdfText): Promise<void> {
  const { PDFHexString, PDFName } = await pdfLib();
  const pages = await undescribedLinks(doc);
  if (pages.size === 0) return;
  const pdf = await print.document();
  const texts = new Map<string, string>();
  for (const index of pages.keys()) for (const [id, text] of await linkTexts(await pdf.getPage(index + 1))) texts.set(id, text);
  for (const links of pages.values()) {
    for (const { ref, annot } of links) {
      const text = texts.get(objectId(ref)) || (await webAddress(annot));
      if (text) annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  }
}

/** The link annotations without a description, by the index of their page. */
async function undescribedLinks(doc: PDFDocument): Promise<Map<number, Array<{ ref: PDFRef; annot: PDFDict }>>> {
  const { PDFArray, PDFDict, PDFName, PDFRef } = await pdfLib();
  const pages = new Map<number, Array<{ ref: PDFRef; annot: PDFDict }>>();
  doc.getPages().forEach((page, index) => {
    for (const ref of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      const isLink = annot instanceof PDFDict && annot.get(PDFName.of('Subtype')) === PDFName.of('Link');
      if (!(ref instanceof PDFRef) || !isLink || annot.has(PDFName.of('Contents'))) continue;
      pages.set(index, [...(pages.get(index) ?? []), { ref, annot }]);
    }
  });
  return pages;
}

/** The text of each Link element on the page, by the pdf.js id of each object (annotation) it refers to. */
async function linkTexts(page: PDFPageProxy): Promise<Map<string, string>> {
  // pdf.js types it as a node, but gives null for a page without a structure tree.
  const tree: StructTreeNode | null = await page.getStructTree();
  const marked = await markedTexts(page);
  const texts = new Map<string, string>();
  const visit = (node: StructTreeNode, link: { text: string[]; annots: string[] } | undefined) => {
    const own = node.role === 'Link' ? { text: [], annots: [] } : link;
    for (const kid of node.children) {
      if ('role' in kid) visit(kid, own);
      else if (kid.type === 'content') own?.text.push(marked.get(kid.id) ?? '');
      else if (kid.type === 'object' || kid.type === 'annotation') own?.annots.push(kid.id.replace(annotationPrefix, ''));
    }
    if (own && own !== link) for (const id of own.annots) texts.set(id, own.text.join('').replace(/\s+/g, ' ').trim());
  };
  if (tree) visit(tree, undefined);
  return texts;
}

/** The text inside each marked-content sequence with an MCID on the page, by its pdf.js id. */
async function markedTexts(page: PDFPageProxy): Promise<Map<string, string>> {
  const { items } = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map<string, string>();
  const open: Array<string | null> = [];
  for (const item of items) {
    if ('str' in item) {
      for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
    } else if (item.type === 'endMarkedContent') open.pop();
    else open.push(item.type === 'beginMarkedContentProps' ? item.id : null);
  }
  return texts;
}

/** The address a web link goes to. */
async function webAddress(annot: PDFDict): Promise<string | undefined> {
  const { PDFDict, PDFName, PDFString, PDFHexString } = await pdfLib();
  const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
  return uri?.decodeText();
}
