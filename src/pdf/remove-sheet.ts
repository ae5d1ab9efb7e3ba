import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { kidList } from './attachment-tags.js';
import { pdfLib } from './pdf-lib.js';

/**
 * Takes the sheet at `index` out of the document, and out of its structure tree: the marked content
 * on it (an empty sheet may still hold the start of the next heading's line) is no longer any element's
 * kid, and the sheet's entry in the parent tree goes. pdf-lib's removePage alone deletes the page while
 * the tree still names it as the page of that content, which a reader then finds on no page.
 */
export async function removeSheet(doc: PDFDocument, index: number): Promise<void> {
  const lib = await pdfLib();
  const { PDFArray, PDFDict, PDFName, PDFNumber } = lib;
  const page = doc.getPage(index).ref;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (root) {
    const seen = new Set<PDFDict>();
    const untag = (element: PDFDict, inherited: PDFObject | undefined) => {
      if (seen.has(element)) return;
      seen.add(element);
      const own = element.get(PDFName.of('Pg')) ?? inherited;
      const onSheet = (kid: PDFObject) => {
        const dict = doc.context.lookup(kid);
        if (kid instanceof PDFNumber) return own === page;
        return dict instanceof PDFDict && !dict.get(PDFName.of('S')) && (dict.get(PDFName.of('Pg')) ?? own) === page;
      };
      const kids = kidList(lib, doc, element);
      const kept = kids.filter((kid) => !onSheet(kid));
      if (kept.length < kids.length) element.set(PDFName.of('K'), doc.context.obj(kept));
      if (element.get(PDFName.of('Pg')) === page) element.delete(PDFName.of('Pg'));
      for (const kid of kept) {
        const dict = doc.context.lookup(kid);
        if (dict instanceof PDFDict && dict.get(PDFName.of('S'))) untag(dict, own);
      }
    };
    for (const kid of kidList(lib, doc, root)) {
      const dict = doc.context.lookup(kid);
      if (dict instanceof PDFDict) untag(dict, undefined);
    }
    const key = doc.getPage(index).node.get(PDFName.of('StructParents'));
    const nums = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict)?.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (key instanceof PDFNumber && nums) {
      const at = nums.asArray().findIndex((n, i) => i % 2 === 0 && n instanceof PDFNumber && n.asNumber() === key.asNumber());
      if (at >= 0) [at, at].forEach((i) => nums.remove(i));
    }
  }
  doc.removePage(index);
}
