import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

/**
 * Chromium tags a list item as LI holding its label (Lbl) and then its content directly; PDF 1.7
 * (14.8.4.3.3) wants the content in a list body, LBody, which a screen reader reads as the item's text.
 * Each list item's elements after its label are moved into an LBody of their own. An item whose content
 * is not all elements (marked content referred to directly) is left as it is: moving that would mean
 * renumbering the parent tree.
 */
export async function addListBodies(doc: PDFDocument): Promise<void> {
  const { PDFDict, PDFName } = await pdfLib();
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (root) await visit(doc, root, new Set());
}

async function visit(doc: PDFDocument, element: PDFDict, seen: Set<PDFDict>): Promise<void> {
  const { PDFName } = await pdfLib();
  if (seen.has(element)) return;
  seen.add(element);
  const kids = await elementKids(doc, element.get(PDFName.of('K')));
  const elements = kids.flatMap((kid) => (kid.dict ? [{ value: kid.value, dict: kid.dict }] : []));
  if (element.get(PDFName.of('S')) === PDFName.of('LI') && elements.length === kids.length) await addBody(doc, element, elements);
  for (const kid of elements) await visit(doc, kid.dict, seen);
}

interface Kid {
  value: PDFObject;
  /** Its dictionary, when it is a structure element (not marked content or an object referred to). */
  dict?: PDFDict;
}

/** The kids of an element. */
async function elementKids(doc: PDFDocument, value: PDFObject | undefined): Promise<Kid[]> {
  const { PDFArray, PDFDict, PDFName } = await pdfLib();
  const looked = doc.context.lookup(value);
  const values = looked instanceof PDFArray ? looked.asArray() : value ? [value] : [];
  return values.map((v) => {
    const dict = doc.context.lookup(v);
    return dict instanceof PDFDict && dict.get(PDFName.of('S')) instanceof PDFName ? { value: v, dict } : { value: v };
  });
}

async function addBody(doc: PDFDocument, item: PDFDict, kids: Array<Required<Kid>>): Promise<void> {
  const { PDFName, PDFRef } = await pdfLib();
  const isLabel = (kid: Required<Kid>) => kid.dict.get(PDFName.of('S')) === PDFName.of('Lbl');
  const content = kids.filter((kid) => !isLabel(kid));
  // The item's reference, as its elements name their parent.
  const itemRef = content[0]?.dict.get(PDFName.of('P'));
  const hasBody = content.some((kid) => kid.dict.get(PDFName.of('S')) === PDFName.of('LBody'));
  if (!(itemRef instanceof PDFRef) || hasBody) return;
  const body = doc.context.register(doc.context.obj({ Type: 'StructElem', S: 'LBody', P: itemRef, K: content.map((kid) => kid.value) }));
  for (const kid of content) kid.dict.set(PDFName.of('P'), body);
  item.set(PDFName.of('K'), doc.context.obj([...kids.filter(isLabel).map((kid) => kid.value), body]));
}
