import type { PDFDocument } from '@cantoo/pdf-lib';
import type { AttachmentBytes } from '../shared/attachment-file.js';
import { a4 } from './a4.js';
import { orientation, withoutMetadata } from './jpeg-metadata.js';
import { pdfLib } from './pdf-lib.js';

/**
 * A scan or photo as a PDF of one page: fitted to an A4 page turned the way the picture is shown, a
 * JPEG without what was written beside its picture (jpeg-metadata.ts) and turned upright as its
 * EXIF says (a phone stores an upright photo lying on its side). The page is flushed: pdf-lib writes
 * an image and a page's drawing into the document only then, and the published file is saved from
 * the document's objects.
 */
export async function imagePage(file: AttachmentBytes): Promise<PDFDocument> {
  const lib = await pdfLib();
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  const turn = file.kind === 'jpeg' ? orientation(file.bytes) : 1;
  const image = file.kind === 'png' ? await doc.embedPng(file.bytes) : await doc.embedJpg(withoutMetadata(file.bytes));
  const [shownWidth, shownHeight] = turn >= 5 ? [image.height, image.width] : [image.width, image.height];
  const [width, height] = shownWidth > shownHeight ? [a4.height, a4.width] : [a4.width, a4.height];
  const scale = Math.min(width / shownWidth, height / shownHeight);
  const box = {
    x: (width - shownWidth * scale) / 2,
    y: (height - shownHeight * scale) / 2,
    width: shownWidth * scale,
    height: shownHeight * scale,
  };
  const page = doc.addPage([width, height]);
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(
    lib.pushGraphicsState(),
    lib.concatTransformationMatrix(...placement(turn, box)),
    lib.drawObject(name),
    lib.popGraphicsState(),
  );
  await doc.flush();
  return doc;
}

type Matrix = [number, number, number, number, number, number];

/**
 * For each EXIF orientation, the shown position (x, y), as fractions of the picture's box, of the
 * stored picture's point (u, v): x = a·u + b·v + c, y = d·u + e·v + f. 6, for one: the stored top row
 * is shown at the right and its left column at the top.
 */
const shown: Record<number, Matrix> = {
  1: [1, 0, 0, 0, 1, 0],
  2: [-1, 0, 1, 0, 1, 0],
  3: [-1, 0, 1, 0, -1, 1],
  4: [1, 0, 0, 0, -1, 1],
  5: [0, -1, 1, -1, 0, 1],
  6: [0, 1, 0, -1, 0, 1],
  7: [0, 1, 0, 1, 0, 0],
  8: [0, -1, 1, 1, 0, 0],
};

/** The matrix that draws the image's unit square into `box`, turned and mirrored as EXIF orientation `turn` says. */
function placement(turn: number, box: { x: number; y: number; width: number; height: number }): Matrix {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- shown has orientation 1, the upright one, among its eight
  const [a, b, c, d, e, f] = shown[turn] ?? shown[1]!;
  // PDF's cm [a b c d e f] maps (u, v) to (a·u + c·v + e, b·u + d·v + f).
  return [box.width * a, box.height * d, box.width * b, box.height * e, box.x + box.width * c, box.y + box.height * f];
}
