import type { PDFArray, PDFDict, PDFDocument, PDFName, PDFObject, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

/**
 * The same meeting must give the same bytes, whatever the page printed before and however many pages
 * print at once. Chromium's PDF is the same graph every time, but two things in it follow the
 * renderer's history: the structure elements' ids are the DOM node ids ("node00000023"), handed out
 * as the renderer first touches a node (so an empty table header made before or after its row), and
 * the objects' numbers follow the order Chromium met them. Both are given again here from the
 * document itself: ids in the structure tree's reading order, objects in the order they are reached
 * from the catalog.
 */
export async function canonicalize(doc: PDFDocument): Promise<void> {
  await renumberStructureIds(doc);
  await renumberObjects(doc);
}

/** Each id is renamed by where it is first met reading the structure tree depth first; the id tree is then sorted anew. */
async function renumberStructureIds(doc: PDFDocument): Promise<void> {
  const lib = await pdfLib();
  const { PDFArray, PDFDict, PDFName, PDFString } = lib;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const ids = new Map<string, PDFString>();
  const idOf = (s: PDFString) => {
    const old = s.asString();
    const known = ids.get(old);
    if (known) return known;
    const id = PDFString.of(`node${String(ids.size + 1).padStart(8, '0')}`);
    ids.set(old, id);
    return id;
  };
  const seen = new Set<PDFDict>();
  const element = (value: PDFObject | undefined) => {
    const elem = doc.context.lookup(value);
    if (elem instanceof PDFArray) return elem.asArray().forEach(element);
    if (!(elem instanceof PDFDict) || seen.has(elem)) return;
    seen.add(elem);
    rewriteStrings(lib, elem.get(PDFName.of('ID')), elem, PDFName.of('ID'), idOf);
    rewriteStrings(lib, elem.get(PDFName.of('A')), elem, PDFName.of('A'), idOf);
    element(elem.get(PDFName.of('K')));
  };
  element(root.get(PDFName.of('K')));
  const idTree = root.lookupMaybe(PDFName.of('IDTree'), PDFDict);
  if (idTree) root.set(PDFName.of('IDTree'), sortedIdTree(lib, doc, idTree, ids));
}

type Lib = typeof import('@cantoo/pdf-lib');

/** Replaces, within `value` (a string, or attributes holding strings), every structure id by its new name. */
function rewriteStrings(
  lib: Lib,
  value: PDFObject | undefined,
  parent: PDFDict | PDFArray,
  key: PDFName | number,
  rename: (s: PDFString) => PDFString,
): void {
  const { PDFArray, PDFDict, PDFString } = lib;
  if (value instanceof PDFString && /^node\d+$/.test(value.asString())) {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- an array's values are reached by their index
    if (parent instanceof PDFArray) parent.set(key as number, rename(value));
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a dictionary's values are reached by their name
    else parent.set(key as PDFName, rename(value));
  } else if (value instanceof PDFDict) {
    for (const [k, v] of value.entries()) rewriteStrings(lib, v, value, k, rename);
  } else if (value instanceof PDFArray) {
    value.asArray().forEach((v, i) => rewriteStrings(lib, v, value, i, rename));
  }
}

/** The id tree as one node of names, in the order of the new ids (a name tree is sorted by its keys). */
function sortedIdTree(lib: Lib, doc: PDFDocument, tree: PDFDict, ids: Map<string, PDFString>): PDFRef {
  const { PDFArray, PDFDict, PDFName, PDFString } = lib;
  const entries: Array<[PDFString, PDFObject]> = [];
  const collect = (node: PDFDict) => {
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
    for (let i = 0; i + 1 < names.length; i += 2) {
      const key = names[i];
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i + 1 < names.length, in the loop's condition
      if (key instanceof PDFString) entries.push([ids.get(key.asString()) ?? key, names[i + 1]!]);
    }
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) collect(doc.context.lookup(kid, PDFDict));
  };
  collect(tree);
  entries.sort(([a], [b]) => (a.asString() < b.asString() ? -1 : a.asString() > b.asString() ? 1 : 0));
  return doc.context.register(doc.context.obj({ Names: entries.flat() }));
}

/**
 * Numbers the objects 1, 2, 3 ... in the order they are reached from the trailer, breadth first,
 * each dictionary's keys in their order; objects nothing refers to are left out.
 */
async function renumberObjects(doc: PDFDocument): Promise<void> {
  const { PDFArray, PDFDict, PDFNull, PDFRef, PDFStream } = await pdfLib();
  const { context } = doc;
  const order: PDFRef[] = [];
  const number = new Map<PDFRef, PDFRef>();
  const reach = (value: PDFObject | undefined) => {
    if (value instanceof PDFRef) {
      if (!number.has(value) && context.lookup(value)) {
        number.set(value, PDFRef.of(number.size + 1));
        order.push(value);
      }
    } else if (value instanceof PDFDict) {
      for (const [, v] of value.entries()) reach(v);
    } else if (value instanceof PDFArray) {
      value.asArray().forEach(reach);
    } else if (value instanceof PDFStream) {
      reach(value.dict);
    }
  };
  reach(context.trailerInfo.Root);
  reach(context.trailerInfo.Info);
  for (let i = 0; i < order.length; i++) reach(context.lookup(order[i]));

  // pdf-lib puts one dictionary directly into several objects (an embedded page's form takes the
  // resources its page shares with the file's other pages): each is renamed once, not once per holder.
  const done = new Set<PDFObject>();
  const renamed = (value: PDFObject): PDFObject => {
    // A reference to no object is null (an attachment damaged, or copied by pdf-lib from one): kept, its
    // number would name whatever object is given that number now, another attachment's page as well.
    if (value instanceof PDFRef) return number.get(value) ?? PDFNull;
    if (done.has(value)) return value;
    done.add(value);
    if (value instanceof PDFDict) for (const [k, v] of value.entries()) value.set(k, renamed(v));
    else if (value instanceof PDFArray) value.asArray().forEach((v, i) => value.set(i, renamed(v)));
    else if (value instanceof PDFStream) renamed(value.dict);
    return value;
  };
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- order holds the document's own objects' references
  const objects = order.map((ref) => context.lookup(ref)!);
  for (const [ref] of context.enumerateIndirectObjects()) context.delete(ref);
  objects.forEach((object, i) => context.assign(PDFRef.of(i + 1), renamed(object)));
  context.largestObjectNumber = objects.length;
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- every PDF has a catalog (pdf-lib makes one for a document it loads)
  context.trailerInfo.Root = renamed(context.trailerInfo.Root!);
  if (context.trailerInfo.Info) context.trailerInfo.Info = renamed(context.trailerInfo.Info);
}
