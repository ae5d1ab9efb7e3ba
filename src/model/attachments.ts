import type { AttachmentFileRef, Bilag, Item, Meeting } from './meeting.js';

/** An attachment whose file goes into the combined document. */
export interface FiledAttachment {
  item: Item;
  /** The item's place in the meeting (0-based), which is its bookmark's among the top-level ones after the contents. */
  itemIndex: number;
  bilag: Bilag & { file: AttachmentFileRef };
  /** Its place in its item's list (0-based): numbers may repeat, places do not. */
  place: number;
  /** The link target the Bilagsoversigt and the item's Bilag table point at. */
  anchor: string;
}

/**
 * The attachments with a file, in the order of the Bilagsoversigt: item by item, each item's in its
 * list's order. Given the public version, a closed attachment has no file and is not among them.
 */
export function filedAttachments(meeting: Meeting): FiledAttachment[] {
  return meeting.items.flatMap((item, itemIndex) =>
    item.bilag.flatMap((bilag, i) =>
      bilag.file ? [{ item, itemIndex, bilag: { ...bilag, file: bilag.file }, place: i, anchor: attachmentAnchor(item, i) }] : [],
    ),
  );
}

/** `bilag-3-0`: the item's number and the attachment's place in its list (numbers may repeat, places do not). */
export function attachmentAnchor(item: Item, index: number): string {
  return `bilag-${item.number}-${index}`;
}
