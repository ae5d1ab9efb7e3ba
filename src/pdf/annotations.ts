import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

/** The annotations a reader sees or follows: not those that carry a file, play sound or video, or run 3D or rich media. */
const readTypes = new Set([
  ...['Link', 'Text', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly'],
  ...['StrikeOut', 'Caret', 'Stamp', 'Ink', 'Popup', 'Widget', 'Watermark'],
]);

type Lib = typeof import('@cantoo/pdf-lib');

/**
 * Takes off every page the annotations of a kind a reader does not read, the links that go nowhere
 * (no destination or action, or none left), and the popups of either; and takes them out of the
 * structure tree, whose link elements would otherwise still reach them.
 */
export async function dropUnreadAnnotations(doc: PDFDocument): Promise<void> {
  const lib = await pdfLib();
  const { PDFArray, PDFName } = lib;
  const dropped = new Set<PDFObject>();
  for (const page of doc.getPages()) {
    const annots = doc.context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    const all = annots.asArray();
    for (const ref of all) if (!isRead(lib, lookupDict(lib, doc, ref))) dropped.add(ref);
    // A popup shows its parent's text, and goes with it.
    for (const ref of all) {
      const parent = lookupDict(lib, doc, ref)?.get(PDFName.of('Parent'));
      if (parent && dropped.has(parent)) dropped.add(ref);
    }
    page.node.set(PDFName.of('Annots'), doc.context.obj(all.filter((ref) => !dropped.has(ref))));
  }
  const root = lookupDict(lib, doc, doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (root && dropped.size > 0) untag(lib, doc, root, dropped);
}

function lookupDict(lib: Lib, doc: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  const object = doc.context.lookup(value);
  return object instanceof lib.PDFDict ? object : undefined;
}

function isRead(lib: Lib, annot: PDFDict | undefined): boolean {
  const { PDFName } = lib;
  if (!annot) return false;
  const type = annot.get(PDFName.of('Subtype'));
  const goesNowhere = type === PDFName.of('Link') && !annot.has(PDFName.of('A')) && !annot.has(PDFName.of('Dest'));
  return type instanceof PDFName && readTypes.has(type.decodeText()) && !goesNowhere;
}

/** The structure tree under `element` without its object references (OBJR) to the `dropped` annotations. */
function untag(lib: Lib, doc: PDFDocument, element: PDFDict, dropped: Set<PDFObject>, seen = new Set<PDFDict>()): void {
  const { PDFArray, PDFName } = lib;
  if (seen.has(element)) return;
  seen.add(element);
  const K = PDFName.of('K');
  const refersToDropped = (kid: PDFDict | undefined) => {
    const annot = kid?.get(PDFName.of('Type')) === PDFName.of('OBJR') ? kid.get(PDFName.of('Obj')) : undefined;
    return annot !== undefined && dropped.has(annot);
  };
  const value = element.get(K);
  const kids = doc.context.lookup(value);
  const list = kids instanceof PDFArray ? kids.asArray() : value ? [value] : [];
  const kept = list.filter((kid) => !refersToDropped(lookupDict(lib, doc, kid)));
  if (kept.length < list.length) element.set(K, doc.context.obj(kept));
  for (const kid of kept) {
    const child = lookupDict(lib, doc, kid);
    if (child) untag(lib, doc, child, dropped, seen);
  }
}
