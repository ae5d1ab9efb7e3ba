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
  if (jpeg[0] !== 0xff || jpeg[1] !== soi) throw new Error('no JPEG start of image');
  const out = [jpeg.subarray(0, 2)];
  let at = 2;
  for (;;) {
    const marker = nextMarker(jpeg, at);
    if (marker.code === eoi) {
      out.push(jpeg.subarray(marker.at, marker.at + 2)); // anything after the image's end is left out
      return Buffer.concat(out);
    }
    if (standalone(marker.code)) {
      out.push(jpeg.subarray(marker.at, marker.at + 2));
      at = marker.at + 2;
      continue;
    }
    const length = (byteAt(jpeg, marker.at + 2) << 8) | byteAt(jpeg, marker.at + 3);
    const end = marker.at + 2 + length;
    if (length < 2 || end > jpeg.length) throw new Error('a JPEG segment runs past the end of the file');
    const segment = jpeg.subarray(marker.at, end);
    if (keeps(marker.code, segment)) out.push(segment);
    at = marker.code === sos ? scanEnd(jpeg, end) : end;
    if (marker.code === sos) out.push(jpeg.subarray(end, at));
  }
}

const soi = 0xd8;
const eoi = 0xd9;
const sos = 0xda;
const com = 0xfe;

/** The markers that stand alone, without a length: TEM and the restart markers. */
function standalone(code: number): boolean {
  return code === 0x01 || (code >= 0xd0 && code <= 0xd7);
}

/** Whether a segment stays: anything but application data and comments, and of those only what the picture needs. */
function keeps(code: number, segment: Uint8Array): boolean {
  if (code === com) return false;
  if (code < 0xe0 || code > 0xef) return true;
  const id = Buffer.from(segment.subarray(4, 16)).toString('latin1');
  if (code === 0xe0) return id.startsWith('JFIF\0') && segment[16] === 0 && segment[17] === 0; // no thumbnail
  if (code === 0xe2) return id.startsWith('ICC_PROFILE\0');
  if (code === 0xee) return id.startsWith('Adobe');
  return false;
}

/** The marker at `at`, past any fill bytes (0xFF) before it. */
function nextMarker(jpeg: Uint8Array, at: number): { code: number; at: number } {
  if (byteAt(jpeg, at) !== 0xff) throw new Error(`no JPEG marker at byte ${at}`);
  while (byteAt(jpeg, at + 1) === 0xff) at++;
  return { code: byteAt(jpeg, at + 1), at };
}

/** Where a scan's coded data ends: at the first marker that is not a stuffed 0xFF or a restart marker. */
function scanEnd(jpeg: Uint8Array, at: number): number {
  for (let i = at; i + 1 < jpeg.length; i++) {
    if (jpeg[i] !== 0xff) continue;
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
