import { createRequire } from 'node:module';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { CadesSigner } from './cades.js';
import type { Credential } from './certificate.js';

const require = createRequire(import.meta.url);

/**
 * @signpdf's placeholder for pdf-lib, and the pdf-lib it builds its objects with. package.json's
 * overrides make that pdf-lib our @cantoo/pdf-lib (the upstream one saves no incremental update);
 * it is loaded from beside the placeholder so the document and the objects added to it are of one
 * copy of the library (pdf-lib tells its objects apart by class).
 */
function signingLibraries() {
  const from = createRequire(require.resolve('@signpdf/placeholder-pdf-lib'));
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; these are the packages' own typed modules
  const placeholder = from('@signpdf/placeholder-pdf-lib') as typeof import('@signpdf/placeholder-pdf-lib');
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- as above
  const pdfLib = from('pdf-lib') as typeof import('pdf-lib');
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- as above
  const signpdf = (require('@signpdf/signpdf') as typeof import('@signpdf/signpdf')).default;
  return { ...placeholder, pdfLib, signpdf };
}

/**
 * A finished PDF signed with `credential`: the signature is an incremental update appended to the
 * bytes as they were, so the document signed is still there, byte for byte, before it (`signedRevision`),
 * and the signature covers the whole file. The same bytes, credential and `time` give the same file:
 * the time is the signature's /M, nothing else in the update depends on when it is made.
 */
export async function signPdf(bytes: Uint8Array, credential: Credential, time: Date): Promise<Uint8Array> {
  const { pdflibAddPlaceholder, pdfLib, signpdf } = signingLibraries();
  // updateMetadata false: pdf-lib would otherwise set the modification date to now.
  const doc = await pdfLib.PDFDocument.load(bytes, { forIncrementalUpdate: true, updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: '',
    contactInfo: '',
    location: '',
    name: credential.name,
    signingTime: time,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Room for the CMS as hex (two digits a byte): the certificates it carries, the signature and its attributes.
    signatureLength: 2 * ([credential.certificate, ...credential.chain].reduce((sum, der) => sum + der.length, 0) + 2048),
  });
  // Without object streams, so the signature's /ByteRange and /Contents stand in plain text, where @signpdf finds them.
  const prepared = await doc.commit({ useObjectStreams: false });
  return signpdf.sign(Buffer.from(prepared), new CadesSigner(credential), time);
}

/**
 * The document as it was before its last signature was appended: the bytes up to the `%%EOF` of the
 * revision the signature's update follows. Whether the line end after it was the document's last
 * byte or the update's first, the bytes cannot tell, so both readings are given, the shorter first.
 * None for a file with no signature.
 */
export function signedRevisions(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const eof = text.lastIndexOf('%%EOF', text.lastIndexOf('/ByteRange'));
  if (eof < 0 || !text.includes('/ByteRange')) return [];
  const end = eof + '%%EOF'.length;
  const lineEnd = /^(\r\n|\r|\n)?/.exec(text.slice(end, end + 2))?.[0].length ?? 0;
  return [...new Set([end, end + lineEnd])].map((length) => bytes.subarray(0, length));
}
