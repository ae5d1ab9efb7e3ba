import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentPdf, openAttachment } from '../../src/pdf/attachments.js';
import { orientation, withoutMetadata } from '../../src/pdf/jpeg-metadata.js';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { pdfBytes } from '../support/attachments.js';
import { tempDir } from '../support/cli.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms, pdfImages } from '../support/pdf.js';

/** A PDF's first page as poppler renders it to an image file (pdftoppm's `format`: -jpeg, -png). */
function rendered(pdf: Uint8Array, format: string, options: string[] = []): Buffer {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'side.pdf'), pdf);
  execFileSync('pdftoppm', [format, ...options, '-singlefile', path.join(dir, 'side.pdf'), path.join(dir, 'billede')]);
  return readFileSync(path.join(dir, format === '-jpeg' ? 'billede.jpg' : 'billede.png'));
}

/** A real photo's JPEG as poppler writes one (JFIF, no metadata), baseline or progressive. */
async function jpeg(progressive: boolean): Promise<Buffer> {
  return rendered(await pdfBytes({ text: 'FOTO af byggepladsen' }), '-jpeg', [
    '-r',
    '40',
    ...(progressive ? ['-jpegopt', 'progressive=y'] : []),
  ]);
}

/** An attachment's file as `fil:` at `line`:`col` names it. */
const attachment = (kind: 'jpeg' | 'png', bytes: Uint8Array, line = 1, col = 1) => ({
  ref: { path: `bilag/foto.${kind}`, at: { file: 'møde.yaml', line, col, path: 'punkter[0].bilag[0].fil' } },
  kind,
  bytes,
  sha256: '',
});

/** The attachment's file as publish writes it; checked whole by qpdf. */
async function published(kind: 'jpeg' | 'png', bytes: Uint8Array): Promise<string> {
  const file = path.join(tempDir(), 'published.pdf');
  writeFileSync(file, await attachmentPdf(await openAttachment(attachment(kind, bytes), true)));
  expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors found/);
  return file;
}

const segment = (code: number, body: string | Buffer) => {
  const data = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  return Buffer.concat([Buffer.from([0xff, code, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
};

/** What cameras, phones and editors write beside the picture, each with a marker to search for. */
const written = {
  exif: segment(0xe1, 'Exif\x00\x00MM\x00*\x00\x00\x00\x08GPSMARK01 56.4460N 10.9188E'),
  xmp: segment(0xe1, 'http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>XMPMARK02 forfatter</x:xmpmeta>'),
  iptc: segment(0xed, 'Photoshop 3.0\x008BIM\x04\x04IPTCMARK03'),
  comment: segment(0xfe, 'COMMARK04 taget af Jens'),
  thumbnail: segment(
    0xe0,
    Buffer.concat([Buffer.from('JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x01\x01', 'latin1'), Buffer.from('THUMBMARK05', 'latin1')]),
  ),
  multiPicture: segment(0xe2, 'MPF\x00MPFMARK06'),
  trailing: Buffer.from('SECONDIMAGE07 dybdekort', 'latin1'),
};
const marks = ['GPSMARK01', 'XMPMARK02', 'IPTCMARK03', 'COMMARK04', 'THUMBMARK05', 'MPFMARK06', 'SECONDIMAGE07'];

/** The JPEG with all of that added: after its start, between its scans, and after its end. */
function withMetadata(clean: Buffer): Buffer {
  const secondScan = clean.indexOf(Buffer.from([0xff, 0xda]), clean.indexOf(Buffer.from([0xff, 0xda])) + 2);
  const between = secondScan > 0 ? secondScan : clean.length - 2;
  return Buffer.concat([
    clean.subarray(0, 2),
    written.thumbnail,
    written.exif,
    written.xmp,
    written.iptc,
    written.multiPicture,
    clean.subarray(2, between),
    written.comment,
    clean.subarray(between),
    written.trailing,
  ]);
}

describe("a photo or scan as an attachment: what was written beside a JPEG's picture", () => {
  it.each([false, true])('is left out, and the picture kept byte for byte (progressive: %s)', async (progressive) => {
    const clean = await jpeg(progressive);
    const damaged = withMetadata(clean);
    for (const m of marks) expect(damaged.toString('latin1'), m).toContain(m);
    expect(Buffer.from(withoutMetadata(damaged))).toEqual(clean);
    // A JPEG with nothing beside its picture goes through unchanged, a marker without a length (TEM) too.
    expect(Buffer.from(withoutMetadata(clean))).toEqual(clean);
    const withTem = Buffer.concat([clean.subarray(0, 2), Buffer.from([0xff, 0x01]), clean.subarray(2)]);
    expect(Buffer.from(withoutMetadata(withTem))).toEqual(withTem);
  });

  it('is in no byte of the attachment as published, which shows the photo', async () => {
    const file = await published('jpeg', withMetadata(await jpeg(false)));
    for (const bytes of pdfByteForms(file))
      for (const m of marks) for (const s of spellings(m)) expect(bytes.includes(s), `${m} as ${s}`).toBe(false);
    expect(pdfImages(file)).toEqual([{ type: 'image', width: 331, height: 468, color: 'rgb', enc: 'jpeg' }]);
  });

  it('leaves a PNG as published a whole PDF too, the image on its page (qpdf --check, pdfimages)', async () => {
    const file = await published('png', rendered(await pdfBytes({ text: 'SCANNING' }), '-png', ['-r', '40']));
    expect(pdfImages(file).map((i) => [i.type, i.width, i.height, i.color])).toEqual([['image', 331, 468, 'rgb']]);
  });

  it('is no excuse to pass a JPEG that ends inside its picture: a located error, as for any unreadable file', async () => {
    const clean = await jpeg(false);
    expect(() => withoutMetadata(clean.subarray(0, clean.length / 2))).toThrow(/ends inside its picture data/);
    await expect(openAttachment(attachment('jpeg', clean.subarray(0, clean.length / 2), 7, 15), true)).rejects.toThrow(
      /^møde\.yaml:7:15: punkter\[0\]\.bilag\[0\]\.fil: .*not a readable JPEG image \(the JPEG ends inside its picture data\)/,
    );
  });
});

/** A portrait picture (100 × 150 pixels), black in its top-left quarter and white elsewhere, as a JPEG. */
async function cornerJpeg(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 300]).drawRectangle({ x: 0, y: 150, width: 100, height: 150, color: rgb(0, 0, 0) });
  return rendered(await doc.save(), '-jpeg', ['-r', '36']);
}

/** An EXIF segment that holds only an orientation, in either byte order a camera writes. */
function exifOrientationSegment(turn: number, little: boolean): Buffer {
  const tiff = Buffer.alloc(26);
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12); // SHORT
  u32(1, 14);
  u16(turn, 18);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\x00\x00', 'latin1'), tiff]));
}

/** Which quarter of the PDF's page is the dark one, and whether the page is landscape, from a grey rendering. */
function darkQuarter(pdf: string): { quarter: string; landscape: boolean } {
  execFileSync('pdftoppm', ['-gray', '-r', '12', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
  const pgm = readFileSync(pdf.replace(/\.pdf$/, '.pgm'));
  const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 20))!.map(Number) as [number, number, number];
  const pixels = pgm.subarray(pgm.length - width * height);
  const sums = { 'top-left': 0, 'top-right': 0, 'bottom-left': 0, 'bottom-right': 0 };
  pixels.forEach((grey, i) => {
    const [x, y] = [i % width, Math.floor(i / width)];
    sums[`${y < height / 2 ? 'top' : 'bottom'}-${x < width / 2 ? 'left' : 'right'}`] += 255 - grey;
  });
  const quarter = Object.entries(sums).sort((a, b) => b[1] - a[1])[0]![0];
  return { quarter, landscape: width > height };
}

describe('a photo with an EXIF orientation', () => {
  // Where the stored picture's top-left corner is shown, for each of EXIF's eight orientations.
  const shown: Record<number, string> = {
    1: 'top-left',
    2: 'top-right',
    3: 'bottom-right',
    4: 'bottom-left',
    5: 'top-left',
    6: 'top-right',
    7: 'bottom-right',
    8: 'bottom-left',
  };
  it.each(Object.keys(shown).map(Number))(
    '%i is shown turned as a viewer of photos shows it, on a sheet turned the same way',
    async (turn) => {
      const clean = await cornerJpeg();
      const photo = Buffer.concat([clean.subarray(0, 2), exifOrientationSegment(turn, turn % 2 === 0), clean.subarray(2)]);
      expect(orientation(photo)).toBe(turn);
      expect(darkQuarter(await published('jpeg', photo))).toEqual({ quarter: shown[turn], landscape: turn >= 5 });
      expect(orientation(clean)).toBe(1);
    },
  );
});
