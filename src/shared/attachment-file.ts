// An attachment's file as the steps hand it on: named in the meeting (input), read (input), printed into the combined document (pdf).
import { InputError, type Location } from './errors.js';

/** A `fil:` as the clerk wrote it (relative to the meetings folder), and where it stands. */
export interface AttachmentFileRef {
  path: string;
  at: Location;
}

/** The kinds of file an attachment may be; anything else is to be saved as PDF first. */
export type AttachmentKind = 'pdf' | 'png' | 'jpeg';

export interface AttachmentBytes {
  ref: AttachmentFileRef;
  kind: AttachmentKind;
  bytes: Uint8Array;
  sha256: string;
}

/** One located error at the attachment's `fil:` line. */
export function attachmentError(ref: AttachmentFileRef, message: string): InputError {
  return new InputError([{ ...ref.at, message: `${ref.path}: ${message}` }]);
}
