/**
 * A JPEG as a PDF can show it, without what a camera or an editor wrote beside the picture: EXIF
 * (where and when a photo was taken, the camera, a thumbnail of the uncropped picture), XMP, IPTC,
 * comments, and what follows the image (a phone's second picture, a depth map). pdf-lib puts a
 * JPEG's bytes into the PDF as they are (DCTDecode), so all of that would go into the combined
 * document and onto the public site. The picture's own data is copied byte for byte: nothing is
 * decoded or encoded again, so it looks exactly as before.
 *
 * Kept: every segment the decoder needs (tables, frame, scans, restart interval), a JFIF header
 * without its thumbnail, the ICC colour profile, and Adobe's segment (it says how CMYK is stored).
 * No library here does this without decoding the picture; the segment syntax is ITU T.81, Annex B.
 */
export function withoutMetadata(jpeg: Uint8Array): Uint8Array {
  const out = [jpeg.subarray(0, 2)];
  for (const segment of segments(jpeg)) {
    if (keeps(segment)) out.push(segment.bytes);
    out.push(segment.scan);
  }
  return Buffer.concat(out);
}

/**
 * How the picture is turned for viewing: EXIF's orientation, 1 to 8 (1: as stored; 6: turned a
 * quarter clockwise, as a phone held upright stores its photos). A PDF viewer does not read EXIF,
 * so the page turns the picture itself (image-page.ts). 1 where no EXIF says otherwise.
 */
export function orientation(jpeg: Uint8Array): number {
  for (const segment of segments(jpeg)) {
    if (segment.code === sos) break; // EXIF stands before the picture
    if (segment.code === 0xe1 && latin1(segment.bytes, 4, 10) === 'Exif\0\0') return exifOrientation(segment.bytes.subarray(10));
  }
  return 1;
}

interface Segment {
  code: number;
  /** The marker and, where it has one, its length and data. */
  bytes: Uint8Array;
  /** After a start of scan, the picture's coded data up to the next marker; empty otherwise. */
  scan: Uint8Array;
}

/** The segments after the start of image, to its end (anything after the end is not the picture's). */
function* segments(jpeg: Uint8Array): Generator<Segment> {
  if (jpeg[0] !== 0xff || jpeg[1] !== soi) throw new Error('no JPEG start of image');
  let at = 2;
  for (;;) {
    const marker = nextMarker(jpeg, at);
    const end = standalone(marker.code) ? marker.at + 2 : segmentEnd(jpeg, marker.at);
    const scanEnd = marker.code === sos ? endOfScan(jpeg, end) : end;
    yield { code: marker.code, bytes: jpeg.subarray(marker.at, end), scan: jpeg.subarray(end, scanEnd) };
    if (marker.code === eoi) return;
    at = scanEnd;
  }
}

const soi = 0xd8;
const eoi = 0xd9;
const sos = 0xda;
const com = 0xfe;

/** The markers that stand alone, without a length: the end of image, TEM and the restart markers. */
function standalone(code: number): boolean {
  return code === eoi || code === 0x01 || (code >= 0xd0 && code <= 0xd7);
}

function segmentEnd(jpeg: Uint8Array, at: number): number {
  const length = (byteAt(jpeg, at + 2) << 8) | byteAt(jpeg, at + 3);
  if (length < 2 || at + 2 + length > jpeg.length) throw new Error('a JPEG segment runs past the end of the file');
  return at + 2 + length;
}

/** Whether a segment stays: anything but application data and comments, and of those only what the picture needs. */
function keeps({ code, bytes }: Segment): boolean {
  if (code === com) return false;
  if (code < 0xe0 || code > 0xef) return true;
  const id = latin1(bytes, 4, 16);
  if (code === 0xe0) return id.startsWith('JFIF\0') && bytes[16] === 0 && bytes[17] === 0; // no thumbnail
  if (code === 0xe2) return id.startsWith('ICC_PROFILE\0');
  if (code === 0xee) return id.startsWith('Adobe');
  return false;
}

/** The orientation tag (0x0112) of a TIFF header's first directory, as EXIF holds it; 1 where it is missing or odd. */
function exifOrientation(tiff: Uint8Array): number {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  try {
    const little = latin1(tiff, 0, 2) === 'II';
    const directory = view.getUint32(4, little);
    if (view.getUint16(2, little) !== 42 || directory < 8) return 1;
    for (let i = 0, count = view.getUint16(directory, little); i < count; i++) {
      const entry = directory + 2 + 12 * i;
      if (view.getUint16(entry, little) !== 0x0112) continue;
      const turn = view.getUint16(entry + 8, little);
      return turn >= 1 && turn <= 8 ? turn : 1;
    }
  } catch (err) {
    if (!(err instanceof RangeError)) throw err; // a directory that runs past the segment
  }
  return 1;
}

/** The marker at `at`, past any fill bytes (0xFF) before it. */
function nextMarker(jpeg: Uint8Array, at: number): { code: number; at: number } {
  if (byteAt(jpeg, at) !== 0xff) throw new Error(`no JPEG marker at byte ${at}`);
  while (byteAt(jpeg, at + 1) === 0xff) at++;
  return { code: byteAt(jpeg, at + 1), at };
}

/** Where a scan's coded data ends: at the first marker that is not a stuffed 0xFF or a restart marker. */
function endOfScan(jpeg: Uint8Array, at: number): number {
  for (let i = at; i + 1 < jpeg.length; i++) {
    if (jpeg[i] !== 0xff) continue;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i + 1 < jpeg.length, in the loop's condition
    const next = jpeg[i + 1]!;
    if (next !== 0 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return i;
  }
  throw new Error('the JPEG ends inside its picture data');
}

function byteAt(jpeg: Uint8Array, at: number): number {
  const byte = jpeg[at];
  if (byte === undefined) throw new Error('the JPEG ends before its end of image');
  return byte;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, to)).toString('latin1');
}
