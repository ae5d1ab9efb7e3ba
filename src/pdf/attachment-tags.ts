import type { PDFDict, PDFDocument, PDFObject, PDFOperator, PDFPage, PDFRef } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

type Lib = typeof import('@cantoo/pdf-lib');

/**
 * What opens the one tagged thing on a sheet of an attachment: the attachment's page, drawn whole, as
 * marked content 0 of a Figure. Its stamps are artifacts (stamp.ts); nothing else is painted there.
 */
export async function beginAttachmentPage(): Promise<PDFOperator> {
  const { PDFName, PDFOperator, PDFOperatorNames } = await pdfLib();
  // pdf-lib writes a string operand as it is: the property list, which its operands cannot be.
  return PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Figure'), '<< /MCID 0 >>']);
}

/**
 * pdf-lib draws an attachment's page as a form, which keeps none of the file's own tags: for a screen
 * reader, each attachment is one section titled with its label, holding a Figure per page described
 * by `alt(n)` ("Bilag 3.1: ..., side 2 af 4"). The section goes into the agenda's structure tree where
 * its pages are in the document: at the end, or, placed between an agenda's pages, after the element
 * whose content ends before them. Each sheet's Figure is entered in the parent tree, so that a reader
 * finds it from the sheet's marked content. Nothing is tagged in a document without a structure tree.
 */
export async function tagAttachment(doc: PDFDocument, sheets: PDFPage[], title: string, alt: (n: number) => string): Promise<void> {
  const lib = await pdfLib();
  const { PDFDict, PDFHexString, PDFName, PDFNumber } = lib;
  const rootRef = doc.catalog.get(PDFName.of('StructTreeRoot'));
  const root = doc.context.lookup(rootRef);
  const [first] = sheets;
  // root is what rootRef refers to: where root is a dictionary, rootRef is there too.
  if (!(root instanceof PDFDict) || !rootRef || !first) return;
  const { parent, index } = placeFor(lib, doc, rootRef, first);
  const sect = doc.context.register(doc.context.obj({ Type: 'StructElem', S: 'Sect', P: parent, T: PDFHexString.fromText(title), K: [] }));
  const figures = sheets.map((sheet, i) => {
    const figure = doc.context.register(
      doc.context.obj({ Type: 'StructElem', S: 'Figure', P: sect, Pg: sheet.ref, K: 0, Alt: PDFHexString.fromText(alt(i + 1)) }),
    );
    const key = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? afterParentTree(lib, doc, root);
    sheet.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    addToParentTree(lib, doc, root, key, doc.context.register(doc.context.obj([figure])));
    root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(key + 1));
    return figure;
  });
  doc.context.lookup(sect, PDFDict).set(PDFName.of('K'), doc.context.obj(figures));
  const kids = kidList(lib, doc, doc.context.lookup(parent, PDFDict));
  kids.splice(index, 0, sect);
  doc.context.lookup(parent, PDFDict).set(PDFName.of('K'), doc.context.obj(kids));
}

/** Appends `key` → `value` to the parent tree (a number tree, whose keys only grow: Chromium writes it as one node). */
function addToParentTree(lib: Lib, doc: PDFDocument, root: PDFDict, key: number, value: PDFRef): void {
  const { PDFArray, PDFDict, PDFName, PDFNumber } = lib;
  let tree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  if (!tree) root.set(PDFName.of('ParentTree'), doc.context.register((tree = doc.context.obj({ Nums: [] }))));
  // A tree of several nodes gets a last leaf of its own: its keys come after all the others'.
  const kids = tree.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) kids.push(doc.context.register(doc.context.obj({ Limits: [key, key], Nums: [key, value] })));
  else {
    // A tree with neither Kids nor Nums is empty: it gets the Nums the Figure goes in, which is
    // otherwise lost while its sheet's StructParents already names it.
    let nums = tree.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (!nums) tree.set(PDFName.of('Nums'), (nums = doc.context.obj([])));
    nums.push(PDFNumber.of(key));
    nums.push(value);
  }
}

/**
 * The key after the highest in the parent tree (0 for none), for a document without
 * /ParentTreeNextKey: starting again at 0 would give a sheet a key a page already has, and a reader
 * would find the other page's elements from it.
 */
function afterParentTree(lib: Lib, doc: PDFDocument, root: PDFDict): number {
  const { PDFArray, PDFDict, PDFName, PDFNumber } = lib;
  const seen = new Set<PDFDict>();
  const highest = (node: PDFDict | undefined): number => {
    if (!node || seen.has(node)) return -1; // a cycle adds no key
    seen.add(node);
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)?.asArray() ?? [];
    const keys = nums.filter((_, i) => i % 2 === 0).map((k) => doc.context.lookup(k));
    const own = keys.map((k) => (k instanceof PDFNumber ? k.asNumber() : -1));
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [];
    const below = kids.map((kid) => {
      const looked = doc.context.lookup(kid);
      return highest(looked instanceof PDFDict ? looked : undefined);
    });
    return Math.max(-1, ...own, ...below);
  };
  return highest(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict)) + 1;
}

/**
 * Where in the structure tree a section whose pages begin at `sheet` goes: among the kids of the
 * innermost element whose content lies on both sides of the sheet, before the first kid whose content
 * comes after it (the end, when none does).
 */
function placeFor(lib: Lib, doc: PDFDocument, rootRef: PDFObject, sheet: PDFPage): { parent: PDFObject; index: number } {
  const { PDFDict, PDFName, PDFRef } = lib;
  const sheets = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const at = sheets.get(sheet.ref.toString());
  if (at === undefined)
    throw new Error('an attachment page to tag is not a page of the document: placeAttachments adds each sheet to it first');
  const range = pageRange(lib, doc, sheets);
  let parent = rootRef;
  // The tree root holds the document's element: the section goes inside it.
  const top = kidList(lib, doc, doc.context.lookup(rootRef, PDFDict));
  if (top.length === 1 && top[0] instanceof PDFRef) parent = top[0];
  for (;;) {
    const element = doc.context.lookup(parent, PDFDict);
    const kids = kidList(lib, doc, element);
    const of = (kid: PDFObject) => range(kid, element.get(PDFName.of('Pg')));
    const spans = kids.find((kid) => kid instanceof PDFRef && of(kid).first < at && of(kid).last > at);
    if (spans && doc.context.lookup(spans, PDFDict).get(PDFName.of('S'))) {
      parent = spans;
      continue;
    }
    const after = kids.findIndex((kid) => of(kid).first > at);
    return { parent, index: after < 0 ? kids.length : after };
  }
}

/** An element's kids (/K) as a list. */
export function kidList(lib: Lib, doc: PDFDocument, element: PDFDict): PDFObject[] {
  const { PDFArray, PDFName } = lib;
  const value = element.get(PDFName.of('K'));
  const looked = doc.context.lookup(value);
  return looked instanceof PDFArray ? looked.asArray() : value ? [value] : [];
}

/**
 * The first and last sheet (by index) that a kid of the structure tree has content on: a structure
 * element's kids, marked content on its page (/Pg, else `page`, its element's), an object's page.
 * Infinity and -Infinity for a kid with none.
 */
function pageRange(
  lib: Lib,
  doc: PDFDocument,
  sheets: Map<string, number>,
): (kid: PDFObject, page: PDFObject | undefined) => { first: number; last: number } {
  const { PDFDict, PDFName, PDFNumber, PDFRef } = lib;
  const none = { first: Infinity, last: -Infinity };
  const known = new Map<PDFDict, { first: number; last: number }>();
  const on = (page: PDFObject | undefined) => {
    const i = page instanceof PDFRef ? sheets.get(page.toString()) : undefined;
    return i === undefined ? none : { first: i, last: i };
  };
  const range = (kid: PDFObject, page: PDFObject | undefined): { first: number; last: number } => {
    if (kid instanceof PDFNumber) return on(page);
    const dict = doc.context.lookup(kid);
    if (!(dict instanceof PDFDict)) return none;
    const own = dict.get(PDFName.of('Pg')) ?? page;
    // Marked content or an object, on its page.
    if (!dict.get(PDFName.of('S'))) return on(own);
    const seen = known.get(dict);
    if (seen) return seen;
    known.set(dict, none); // a cycle reaches no page
    const kids = kidList(lib, doc, dict).map((k) => range(k, own));
    const spanned = kids.reduce((a, b) => ({ first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) }), none);
    known.set(dict, spanned);
    return spanned;
  };
  return range;
}
