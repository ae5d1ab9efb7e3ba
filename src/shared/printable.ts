// The printable document: what the renderer hands the printer, and what the printer tells it back.

/** A fragment of the page to put in place of the element `selector` matches. */
export interface PagePart {
  selector: string;
  html: string;
}

export interface RenderedDocument {
  /** The whole page, made when asked for: a page that printed a document before takes only the parts that differ. */
  html: () => string;
  /** The head's CSS and fonts: one string, the same for every document. */
  style: string;
  /** The body element. */
  body: string;
  /** The parts of it that hold page numbers: a printer can put these into a page it has already laid out. */
  numberedParts: PagePart[];
  /** The headings its contents list, in their order, as the contents and the headings print them. */
  contents: string[];
}

/** Where each top-level heading (h1) of the printed document landed: 0-based sheet indices, in document order. */
export interface HeadingPages {
  pages: number[];
  sheets: number;
  /** The sheet (0-based) of each sub-item's heading the contents list, by its id (underpunkt-2a); none where they list none. */
  anchors?: Record<string, number>;
}

/** The id of a sub-item's heading where the contents list it, as the print's headings and the layout guess read it. */
export const subItemAnchor = (item: number, letter: string): string => `underpunkt-${item}${letter}`;
export const subItemAnchorPrefix = 'underpunkt-';

/** The page numbers the document prints: its body counts from 1 at the first heading after the contents. */
export interface PageNumbers {
  /** The printed number of each h1 after the contents heading, in document order. */
  body: number[];
  /** How many numbered pages the body has. */
  total: number;
}

/**
 * Our templates put the contents heading first, then the body. By default the front matter before the
 * body is not numbered; `fromFrontPage` (the house's `sidetal_fra: forside`), every sheet is, the front page Side 1.
 */
export function pageNumbers(headings: HeadingPages, fromFrontPage = false): PageNumbers {
  const [, firstBody, ...rest] = headings.pages;
  if (firstBody === undefined) return { body: [], total: 0 };
  const first = fromFrontPage ? 0 : firstBody;
  return { body: [firstBody, ...rest].map((p) => p - first + 1), total: headings.sheets - first };
}

/** One attachment of a combined document, in the Bilagsoversigt's order: its item (0-based) and its number of pages. */
export interface AttachmentSize {
  item: number;
  pages: number;
}

/**
 * Where each attachment starts in a combined document's numbering (the agenda's body counts from 1,
 * as printed), the number of each heading there, and how many pages the combined document numbers.
 * After the agenda (the default) the numbering goes on from the agenda's last page; `afterItem`, each
 * item's attachments follow its own pages, so they and everything after them move on by the
 * attachment pages placed before them.
 */
export function attachmentStarts(
  agenda: PageNumbers,
  attachments: AttachmentSize[],
  afterItem: boolean,
): { starts: number[]; body: number[]; total: number } {
  let placed = 0;
  const starts = attachments.map((a) => {
    // The item's last page: the page before the next heading (the next item, the Bilagsoversigt, ...), or the agenda's last.
    const after = afterItem ? (agenda.body[a.item + 1] ?? agenda.total + 1) - 1 : agenda.total;
    const start = after + placed + 1;
    placed += a.pages;
    return start;
  });
  const before = (heading: number) => (afterItem ? attachments.filter((a) => a.item < heading).reduce((sum, a) => sum + a.pages, 0) : 0);
  return { starts, body: agenda.body.map((n, heading) => n + before(heading)), total: agenda.total + placed };
}

/**
 * The items whose attachments follow them (`afterItem`): each gets one empty sheet after its pages in
 * the agenda's print (the bilag-plads partial), whose page number counts the attachments' pages, so
 * the agenda's own pages print the combined numbering and the combining puts the attachments in its
 * place. Each item's number of attachment pages, by its index; none for an item without.
 */
export function attachmentPlaces(attachments: AttachmentSize[]): Map<number, number> {
  const places = new Map<number, number>();
  for (const a of attachments) if (a.pages > 0) places.set(a.item, (places.get(a.item) ?? 0) + a.pages);
  return places;
}

/** The sheets (0-based) of those empty sheets in a print: each is the one before the next heading (the next item's, the Bilagsoversigt's). */
function placeSheets(headings: HeadingPages, places: Map<number, number>): number[] {
  // headings.pages[0] is the contents; item i's heading is pages[i + 1], the next one pages[i + 2].
  return [...places.keys()].map((item) => (headings.pages[item + 2] ?? headings.sheets) - 1);
}

/**
 * The agenda's own page numbers from a print, as if the empty sheets its attachments take the place
 * of were not there, and those sheets (0-based; none unless `afterItem`); numbered as pageNumbers.
 */
export function agendaLayout(
  headings: HeadingPages,
  attachments: AttachmentSize[],
  afterItem: boolean,
  fromFrontPage = false,
): { agenda: PageNumbers; places: number[] } {
  const places = afterItem ? placeSheets(headings, attachmentPlaces(attachments)) : [];
  const without = { pages: headings.pages.map((p) => p - places.filter((s) => s < p).length), sheets: headings.sheets - places.length };
  return { agenda: pageNumbers(without, fromFrontPage), places };
}
