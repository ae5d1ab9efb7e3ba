import { decodeEntities } from '../shared/html-entities.js';
import { subItemAnchorPrefix, type HeadingPages } from '../shared/printable.js';

/**
 * The text of every h1–h6 in a page we rendered ourselves, in document order. Our templates put plain,
 * escaped text in headings (the clerk's Markdown has headings switched off), so a pattern reads them.
 */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the pattern's second group always takes part in a match
    const inner = m[2]!;
    return decodeEntities(inner.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** Each sub-item heading's id the contents list (underpunkt-2a), by its place among the page's h1–h6. */
export function subItemHeadingIds(html: string): Map<number, string> {
  const ids = new Map<number, string>();
  [...html.matchAll(/<h([1-6])\b([^>]*)>/g)].forEach((m, i) => {
    const id = new RegExp(`\\bid="(${subItemAnchorPrefix}[^"]*)"`).exec(m[2] ?? '')?.[1];
    if (id !== undefined) ids.set(i, id);
  });
  return ids;
}

/**
 * Where the headings from the contents' on landed: the numbers count from the headings after the
 * contents' own (pageNumbers), and a designer's front page (husstil/partials/forside.hbs) may have h1s
 * of its own before it, which the outline and the layout guess list first. `body` is the page rendered.
 */
export function fromContents(headings: HeadingPages, body: string): HeadingPages {
  const at = body.indexOf('id="indholdsfortegnelse"');
  const before = at < 0 ? 0 : [...body.slice(0, at).matchAll(/<h1\b/g)].length;
  return { ...headings, pages: headings.pages.slice(before) };
}
