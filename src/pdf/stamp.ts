import type { PDFDict, PDFDocument, PDFEmbeddedPage, PDFPage, PDFRef } from '@cantoo/pdf-lib';
import { a4 } from './a4.js';
import { beginAttachmentPage, tagAttachment } from './attachment-tags.js';
import type { OpenedAttachment } from './attachments.js';
import { pdfLib } from './pdf-lib.js';
import { joined, type Run, StampFonts } from './stamp-font.js';

/** One attachment as it goes into the combined document. */
export interface PlacedPages {
  opened: OpenedAttachment;
  /** The stamp in the top margin of each of its pages, and its bookmark: "Bilag 2.1: Notat ..., 116728/23". */
  label: string;
  /** The named destination the agenda's links to this attachment go to. */
  anchor: string;
  /** The top-level bookmark (0-based) it goes under: its item's. */
  parent: number;
  /** The sheet (0-based) its first page becomes in the combined document, and that page's number there. */
  sheet: number;
  firstNumber: number;
}

const mm = 72 / 25.4;
/** The bands the stamps stand in, kept clear of the attachment's own content. */
const band = { top: 14 * mm, bottom: 13 * mm, side: 12 * mm };
const stampSize = 8.5;

/**
 * Puts each attachment's pages into the agenda's own document, at its `sheet` (in order, each after
 * the ones placed before it; after the agenda's pages or between them): the agenda keeps its tags,
 * structure tree and outline (copyPages would drop them from a copied agenda). Each page is the
 * attachment's page drawn whole, scaled into the sheet between the stamp bands, on an A4 sheet turned
 * the way the page is: the stamps can never cover what the page shows, and its text stays text.
 * `pageLabel` gives a combined page number's stamp ("Side 35 af 120"), `pageAlt` what a screen reader
 * reads for the attachment's page n of m (tagAttachment).
 */
export async function placeAttachments(
  doc: PDFDocument,
  placed: PlacedPages[],
  pageLabel: (n: number) => string,
  pageAlt: (label: string, n: number, m: number) => string,
): Promise<void> {
  const fonts = await StampFonts.load(
    doc,
    placed.map((p) => p.label),
  );
  const parents = await topLevelEntries(doc);
  for (const p of placed) {
    const embedded = await doc.embedPages(p.opened.doc.getPages());
    const sheets: PDFPage[] = [];
    for (const [i, source] of p.opened.doc.getPages().entries()) {
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one embedded page for each page of the attachment
      const sheet = await placePage(doc, source, embedded[i]!, p.sheet + i);
      await stamp(sheet, fonts, p.label, pageLabel(p.firstNumber + i));
      sheets.push(sheet);
    }
    await tagAttachment(doc, sheets, p.label, (n) => pageAlt(p.label, n, sheets.length));
    const [first] = sheets;
    const parent = parents[p.parent];
    if (!first) throw new Error(`${p.label}: no page (openAttachment refuses a file without pages)`);
    if (!parent)
      throw new Error(`${p.label}: the agenda's outline has no top-level entry ${p.parent} (one for the contents, then one per item)`);
    await addOutlineEntry(doc, parent, p.label, first.ref);
    await setNamedDestination(doc, p.anchor, first.ref);
  }
  // pdf-lib writes embedded pages and fonts at saving, under the numbers it gave them now: written
  // now, they are objects like the others when the document's objects are numbered anew.
  await doc.flush();
}

/** A new sheet at `index` with `source` drawn on it, upright as a reader shows it (its /Rotate applied), as the sheet's tagged content. */
async function placePage(doc: PDFDocument, source: PDFPage, embedded: PDFEmbeddedPage, index: number): Promise<PDFPage> {
  const { degrees, endMarkedContent } = await pdfLib();
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- PDF allows only multiples of 90 in /Rotate, which pdf-lib reads as a number
  const rotation = (((source.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const turned = rotation === 90 || rotation === 270;
  const [w, h] = [embedded.width, embedded.height];
  const [shownW, shownH] = turned ? [h, w] : [w, h];
  const [sheetW, sheetH] = shownW > shownH ? [a4.height, a4.width] : [a4.width, a4.height];
  const box = { x: band.side, y: band.bottom, width: sheetW - 2 * band.side, height: sheetH - band.top - band.bottom };
  const scale = Math.min(1, box.width / shownW, box.height / shownH);
  const x0 = box.x + (box.width - shownW * scale) / 2;
  const y0 = box.y + (box.height - shownH * scale) / 2;
  // drawPage turns about the drawn page's lower left corner, counter-clockwise: move that corner so
  // the turned page lands on the box.
  const origins: Record<typeof rotation, [number, number]> = {
    0: [x0, y0],
    90: [x0, y0 + shownH * scale],
    180: [x0 + shownW * scale, y0 + shownH * scale],
    270: [x0 + shownW * scale, y0],
  };
  const [x, y] = origins[rotation];
  const sheet = doc.insertPage(index, [sheetW, sheetH]);
  sheet.pushOperators(await beginAttachmentPage());
  sheet.drawPage(embedded, { x, y, xScale: scale, yScale: scale, rotate: degrees(-rotation) });
  sheet.pushOperators(endMarkedContent());
  return sheet;
}

/**
 * The attachment's label at the top of the sheet and its page number at the bottom, marked as
 * artifacts: page furniture, which a screen reader passes over (the bookmark names the attachment).
 */
async function stamp(sheet: PDFPage, fonts: StampFonts, label: string, pageNumber: string): Promise<void> {
  const { beginMarkedContent, endMarkedContent } = await pdfLib();
  const { width, height } = sheet.getSize();
  const top = fitted(await fonts.runs(label.replace(/\s+/g, ' ')), await fonts.runs('…'), width - 2 * band.side);
  const bottom = await fonts.runs(pageNumber);
  sheet.pushOperators(beginMarkedContent('Artifact'));
  drawRuns(sheet, top, band.side, height - band.top + 5 * mm);
  drawRuns(sheet, bottom, width - band.side - widthOf(bottom), 5 * mm);
  sheet.pushOperators(endMarkedContent());
}

function drawRuns(sheet: PDFPage, runs: Run[], x: number, y: number): void {
  for (const { text, font } of runs) {
    sheet.drawText(text, { x, y, size: stampSize, font });
    x += font.widthOfTextAtSize(text, stampSize);
  }
}

function widthOf(runs: Run[]): number {
  return runs.reduce((sum, { text, font }) => sum + font.widthOfTextAtSize(text, stampSize), 0);
}

/** Cut with an ellipsis to `room` points. */
function fitted(runs: Run[], ellipsis: Run[], room: number): Run[] {
  if (widthOf(runs) <= room) return runs;
  const chars = runs.flatMap(({ text, font }) => [...text].map((c) => ({ text: c, font })));
  let shown: Run[];
  let n = chars.length;
  do {
    const kept = chars.slice(0, --n);
    while (kept.at(-1)?.text === ' ') kept.pop();
    shown = joined([...kept, ...ellipsis]);
  } while (n > 1 && widthOf(shown) > room);
  return shown;
}

/** The outline's top-level entries, by reference. */
async function topLevelEntries(doc: PDFDocument): Promise<PDFRef[]> {
  const { PDFDict, PDFName, PDFRef } = await pdfLib();
  const refs: PDFRef[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  for (let ref = root?.get(PDFName.of('First')); ref instanceof PDFRef; ref = doc.context.lookup(ref, PDFDict).get(PDFName.of('Next')))
    refs.push(ref);
  return refs;
}

/** A bookmark under `parentRef`, after its others, to the page `page`; the open entries' counts kept right. */
async function addOutlineEntry(doc: PDFDocument, parentRef: PDFRef, title: string, page: PDFRef): Promise<void> {
  const { PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef } = await pdfLib();
  const name = PDFName.of;
  const parent = doc.context.lookup(parentRef, PDFDict);
  const last = parent.get(name('Last'));
  const entry = doc.context.register(
    doc.context.obj({
      Title: PDFHexString.fromText(title),
      Parent: parentRef,
      Dest: [page, 'Fit'],
      ...(last instanceof PDFRef ? { Prev: last } : {}),
    }),
  );
  if (last instanceof PDFRef) doc.context.lookup(last, PDFDict).set(name('Next'), entry);
  else parent.set(name('First'), entry);
  parent.set(name('Last'), entry);
  const count = (dict: PDFDict) => dict.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0;
  const open = count(parent) >= 0;
  parent.set(name('Count'), PDFNumber.of(open ? count(parent) + 1 : count(parent) - 1));
  const root = doc.catalog.lookup(name('Outlines'), PDFDict);
  if (open) root.set(name('Count'), PDFNumber.of(count(root) + 1));
}

/**
 * Whether a document holds attachments' pages as placeAttachments puts them: its named destinations name one
 * of their first pages, to be shown whole (/Fit; Chromium's own destinations go to a point, /XYZ).
 */
export async function holdsAttachmentPages(doc: PDFDocument): Promise<boolean> {
  const { PDFArray, PDFDict, PDFName } = await pdfLib();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const fit = PDFName.of('Fit');
  return [...(dests?.entries() ?? [])].some(([, value]) => {
    const target = doc.context.lookup(value);
    return target instanceof PDFArray && target.size() === 2 && target.get(1) === fit;
  });
}

/** Points the agenda's links to `anchor` (Chromium's named destination of the Bilagsoversigt entry) at `page`. */
async function setNamedDestination(doc: PDFDocument, anchor: string, page: PDFRef): Promise<void> {
  const { PDFDict, PDFName } = await pdfLib();
  let dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) {
    dests = doc.context.obj({});
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(dests));
  }
  dests.set(PDFName.of(anchor), doc.context.obj([page, 'Fit']));
}
