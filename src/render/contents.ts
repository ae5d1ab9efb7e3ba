/** The page count of each attachment that follows the agenda in a combined document, by its anchor, in their order. */
export type AttachmentPages = Map<string, number>;
