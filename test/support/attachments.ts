import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { degrees, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, StandardFonts } from '@cantoo/pdf-lib';
import { expect } from 'vitest';
import { closedFixture } from './markers.js';
import { edit } from './edit.js';

// Attachment files of every kind a clerk gets, made here so each test knows what is inside them.

export interface PdfSpec {
  /** Text on every page, with the page's number after it. */
  text: string;
  pages?: number;
  size?: [number, number];
  /** A text field holding this value. */
  form?: string;
  /** A bookmark of the file's own with this title. */
  bookmark?: string;
  rotate?: number;
  /** Text in every corner, to the edge of the page. */
  corners?: boolean;
}

export async function pdfBytes(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(spec.text);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [w, h] = spec.size ?? [595.28, 841.89];
  for (let n = 1; n <= (spec.pages ?? 1); n++) {
    const page = doc.addPage([w, h]);
    page.drawText(`${spec.text} page ${n}`, { x: 40, y: h / 2, size: 14, font });
    if (spec.corners)
      for (const [x, y] of [
        [0, 0],
        [w - 60, 0],
        [0, h - 10],
        [w - 60, h - 10],
      ] as const)
        page.drawText('EDGEWORD', { x, y, size: 10, font });
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
  }
  if (spec.form) {
    const field = doc.getForm().createTextField('navn');
    field.setText(spec.form);
    field.addToPage(doc.getPage(0), { x: 40, y: 100, width: 300, height: 30, font });
  }
  if (spec.bookmark) {
    const outlines = doc.context.nextRef();
    const entry = doc.context.register(
      doc.context.obj({ Title: PDFHexString.fromText(spec.bookmark), Parent: outlines, Dest: [doc.getPage(0).ref, 'Fit'] }),
    );
    doc.context.assign(outlines, doc.context.obj({ Type: 'Outlines', First: entry, Last: entry, Count: 1 }));
    doc.catalog.set(PDFName.of('Outlines'), outlines);
  }
  return doc.save({ useObjectStreams: false });
}

export async function writePdf(file: string, spec: PdfSpec): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await pdfBytes(spec));
}

/** The PDF at `file` encrypted by qpdf with AES-256: with only an owner password (any reader opens it), or with a user password too. */
export function encrypt(file: string, userPassword: string): void {
  const out = `${file}.enc`;
  execFileSync('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', file, out]);
  writeFileSync(file, readFileSync(out));
}

/** A grey PNG of `width` × `height` pixels, as a scanner writes one (A4 at 300 dpi is 2480 × 3508), with dark bands to show. */
export function scanPng(width: number, height: number): Buffer {
  const row = Buffer.alloc(width + 1);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    row.fill(y % 200 < 20 ? 40 : 235, 1);
    rows.push(Buffer.from(row));
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each word on a sheet with its box, as pdftotext -bbox reads it (points, from the top left). */
export function wordBoxes(
  file: string,
  sheet: number,
): Array<{ word: string; xMin: number; yMin: number; xMax: number; yMax: number; width: number; height: number }> {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(sheet), '-l', String(sheet), file, '-'], { encoding: 'utf8' });
  const [, width, height] = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html) ?? [];
  expect(width, `sheet ${sheet} of ${file}`).toBeDefined();
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    word: m[5]!,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    width: Number(width),
    height: Number(height),
  }));
}

/** Where each link on `sheet` (1-based) goes: the 1-based sheet of its destination, named or direct. */
export async function linkTargets(file: string, sheet: number): Promise<number[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const refs = doc.getPages().map((p) => p.ref.toString());
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const annots =
    doc
      .getPage(sheet - 1)
      .node.lookupMaybe(PDFName.of('Annots'), PDFArray)
      ?.asArray() ?? [];
  return annots.flatMap((a) => {
    const annot = doc.context.lookup(a, PDFDict);
    if (annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') return [];
    const dest = annot.get(PDFName.of('Dest'));
    const array = dest instanceof PDFName ? dests?.lookupMaybe(dest, PDFArray) : (dest as PDFArray | undefined);
    const page = array?.get(0);
    return page instanceof PDFRef ? [refs.indexOf(page.toString()) + 1] : [0];
  });
}

/** The markers inside the files of the closed attachments of closedFixtureWithFiles. */
export const closedFileMarkers = ['XQZFILE01', 'XQZFILE02'];

/**
 * fixtures/lukket copied to `meetings`, with a file for an open attachment (its text OPENFILE01), for
 * a closed attachment of an open item (a marker in its text and in a form field) and for an
 * attachment of the closed item (a marker in its text and its bookmark).
 */
export async function closedFixtureWithFiles(meetings: string): Promise<void> {
  cpSync(closedFixture, meetings, { recursive: true });
  const file = path.join(meetings, '2024-03-06.yaml');
  edit(file, '        dokument: 1000/24\n', '        dokument: 1000/24\n        fil: bilag/aabent.pdf\n');
  edit(file, '        dokument: XQZSECRET03\n', '        dokument: XQZSECRET03\n        fil: bilag/lukket.pdf\n');
  edit(file, '        dokument: XQZSECRET10\n', '        dokument: XQZSECRET10\n        fil: bilag/lukket-punkt.pdf\n');
  await writePdf(path.join(meetings, 'bilag', 'aabent.pdf'), { text: 'OPENFILE01 budgettet', pages: 2 });
  await writePdf(path.join(meetings, 'bilag', 'lukket.pdf'), { text: `${closedFileMarkers[0]} tilbud`, pages: 2, form: 'XQZFILE01 felt' });
  await writePdf(path.join(meetings, 'bilag', 'lukket-punkt.pdf'), {
    text: `${closedFileMarkers[1]} personale`,
    bookmark: 'XQZFILE02 mærke',
  });
}
