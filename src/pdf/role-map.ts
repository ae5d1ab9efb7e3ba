import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), the version Chromium writes. */
const standard = new Set([
  ...['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private'],
  ...['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot'],
  ...['Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP'],
  ...['Figure', 'Formula', 'Form'],
]);

/** PDF 2.0's types Chromium writes (<strong> is Strong), as the PDF 1.7 types nearest them. */
const nearest: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Aside: 'Note',
  FENote: 'Note',
  Title: 'P',
  DocumentFragment: 'Part',
};

/**
 * A reader of PDF 1.7 knows only its standard structure types; any other must be mapped to one in
 * the structure tree's role map, or the element is an error (poppler: "StructElem object is wrong
 * type") and its text is read without its role. Every type in the tree that is not standard is mapped:
 * to its nearest, or else to NonStruct, which groups without meaning.
 */
export async function mapRoles(doc: PDFDocument): Promise<void> {
  const { PDFDict, PDFName } = await pdfLib();
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const types = new Set<string>();
  await collectTypes(doc, root.get(PDFName.of('K')), types, new Set());
  const other = [...types].filter((t) => !standard.has(t)).sort();
  if (other.length === 0) return;
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const type of other) roleMap.set(PDFName.of(type), PDFName.of(nearest[type] ?? 'NonStruct'));
  root.set(PDFName.of('RoleMap'), roleMap);
}

/** The structure types (/S) of the elements under `value`. */
async function collectTypes(doc: PDFDocument, value: PDFObject | undefined, types: Set<string>, seen: Set<PDFDict>): Promise<void> {
  const { PDFArray, PDFDict, PDFName } = await pdfLib();
  const object = doc.context.lookup(value);
  if (object instanceof PDFArray) {
    for (const kid of object.asArray()) await collectTypes(doc, kid, types, seen);
  } else if (object instanceof PDFDict && !seen.has(object)) {
    seen.add(object);
    const type = object.get(PDFName.of('S'));
    if (type instanceof PDFName) types.add(type.decodeText());
    await collectTypes(doc, object.get(PDFName.of('K')), types, seen);
  }
}
