import type { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { tagAttachment } from '../../src/pdf/attachment-tags.js';
import { pdfLib } from '../../src/pdf/pdf-lib.js';

// The build of pdf-lib that agenda loads (pdf-lib.ts): its classes are not the package entry's, and
// tagging tells a dictionary or a number by its class.
const { PDFArray, PDFDict, PDFDocument: Doc, PDFName, PDFNumber } = await pdfLib();

/** A tagged document of two pages whose structure root has an empty parent tree and no /ParentTreeNextKey. */
async function tagged(): Promise<PDFDocument> {
  const doc = await Doc.create();
  doc.addPage();
  doc.addPage();
  doc.catalog.set(PDFName.of('StructTreeRoot'), doc.context.register(doc.context.obj({ Type: 'StructTreeRoot', K: [], ParentTree: {} })));
  return doc;
}

/** The keys of a parent tree's Nums, as numbers, read back from the saved document. */
async function savedKeys(doc: PDFDocument): Promise<{ keys: number[]; structParents: number | undefined }> {
  const again = await Doc.load(await doc.save());
  const root = again.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).asArray();
  const keys = nums.filter((_, i) => i % 2 === 0).map((k) => (k instanceof PDFNumber ? k.asNumber() : NaN));
  const structParents = again.getPage(1).node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
  return { keys, structParents };
}

describe('tagging an attachment sheet in a parent tree without /ParentTreeNextKey', () => {
  it('gives the sheet the key after the highest in Nums, not 0 again', async () => {
    const doc = await tagged();
    const figures = doc.context.register(doc.context.obj([]));
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    root.set(PDFName.of('ParentTree'), doc.context.obj({ Nums: [0, figures, 4, figures] }));
    await tagAttachment(doc, [doc.getPage(1)], 'Bilag 1.1', (n) => `side ${n}`);
    expect(await savedKeys(doc)).toEqual({ keys: [0, 4, 5], structParents: 5 });
  });

  it('creates Nums in a parent tree with neither Kids nor Nums, so that the Figure is entered', async () => {
    const doc = await tagged();
    await tagAttachment(doc, [doc.getPage(1)], 'Bilag 1.1', (n) => `side ${n}`);
    expect(await savedKeys(doc)).toEqual({ keys: [0], structParents: 0 });
  });
});
