// An attachment's file as the steps hand it on: named in the meeting (input), read (input), printed into the combined document (pdf).
import { InputError, type Location } from './errors.js';

/** A `fil:` as the clerk wrote it (relative to the meetings folder), and where it stands. */
export interface AttachmentFileRef {
  path: string;
  at: Location;
}

/**
 * The kinds of file an attachment may be: a PDF, an image, or an office file (Word, Excel, PowerPoint,
 * OpenDocument, RTF, text) that is converted to PDF before it is opened. Anything else is to be saved as PDF first.
 */
export type AttachmentKind = 'pdf' | 'png' | 'jpeg' | 'office';

/** The office files a `fil:` may name, known by their extension (their bytes are a zip, an OLE file or text). */
export const officeExtensions: readonly string[] = [
  '.docx',
  '.doc',
  '.odt',
  '.rtf',
  '.xlsx',
  '.xls',
  '.ods',
  '.pptx',
  '.ppt',
  '.odp',
  '.txt',
];

export interface AttachmentBytes {
  ref: AttachmentFileRef;
  kind: AttachmentKind;
  bytes: Uint8Array;
  /** Of the file the clerk named (an office file's own, not its PDF's): what `agenda finalize` records. */
  sha256: string;
  /** For an office file's PDF: the converter that made it (its version), which the document's fingerprint counts. */
  convertedBy?: string;
}

/** One located error at the attachment's `fil:` line. */
export function attachmentError(ref: AttachmentFileRef, message: string): InputError {
  return new InputError([{ ...ref.at, message: `${ref.path}: ${message}` }]);
}
