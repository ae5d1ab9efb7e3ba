import type { AttachmentSize } from '../shared/printable.js';

/**
 * The attachments of a combined document: each one's item and page count, by its anchor, in the
 * Bilagsoversigt's order; and whether they follow each item (`--bilag-efter-punkt`) or the agenda.
 */
export interface AttachmentPages {
  sizes: Map<string, AttachmentSize>;
  afterItem: boolean;
}
