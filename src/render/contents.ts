import type { HeadingPages } from '../shared/printable.js';

/** The page count of each attachment that follows the agenda in a combined document, by its anchor, in their order. */
export type AttachmentPages = Map<string, number>;

/** The page numbers the document prints: its body counts from 1 at the first heading after the contents. */
export interface PageNumbers {
  /** The printed number of each h1 after the contents heading, in document order. */
  body: number[];
  /** How many numbered pages the body has. */
  total: number;
}

/** Our templates put the contents heading first, then the body; the front matter before the body is not numbered. */
export function pageNumbers(headings: HeadingPages): PageNumbers {
  const [, firstBody, ...rest] = headings.pages;
  if (firstBody === undefined) return { body: [], total: 0 };
  return { body: [firstBody, ...rest].map((p) => p - firstBody + 1), total: headings.sheets - firstBody };
}
