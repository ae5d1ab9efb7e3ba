import type { ContentsEntry } from '../shared/printable.js';

/** The texts the margins of the page numbered `page` print that hold its number; none where no margin prints it. */
export type NumberTexts = (page: number) => string[];

/** Text as compared: without its spaces and line breaks, which a print puts where its lines break. */
const squashed = (s: string) => s.replace(/\s+/g, '');

/**
 * Each line of the contents that the print does not bear out, said in a sentence: the page that
 * prints the number the line gives must hold its heading. The heading is found by its text, as the
 * reader finds it, on the first page after the contents that holds it (on the contents' own page where
 * nothing after does), so no mark of our templates is needed, and a designer's templates cannot lose
 * one. Where no margin prints the numbers, the numbers are counted from the first line's heading.
 */
export function contentsMistakes(pages: string[], contents: ContentsEntry[], numberTexts: NumberTexts): string[] {
  const sheets = pages.map(squashed);
  const headingSheet = (label: string) => {
    const holding = sheets.flatMap((text, sheet) => (text.includes(squashed(label)) ? [sheet] : []));
    return holding[1] ?? holding[0];
  };
  const first = contents[0] && { page: Number(contents[0].page), sheet: headingSheet(contents[0].label) };
  return contents.flatMap(({ label, page }) => {
    const sheet = headingSheet(label);
    const n = Number(page);
    if (!/^\d+$/.test(page)) return [`the contents give "${label}" no page number`];
    if (sheet === undefined) return [`the contents list "${label}", which the print does not hold`];
    const texts = numberTexts(n).map(squashed);
    if (texts.length === 0) {
      const counted = first?.sheet === undefined ? undefined : first.page + sheet - first.sheet;
      return counted === n ? [] : [`the contents put "${label}" on page ${n}, which is page ${counted ?? '?'} counted from the first item`];
    }
    const numbered = sheets.flatMap((text, s) => (texts.some((t) => text.includes(t)) ? [s + 1] : []));
    if (numbered.length === 0) return [`the contents put "${label}" on page ${n}, but no page prints the number ${n}`];
    return numbered.includes(sheet + 1) ? [] : [`the contents put "${label}" on page ${n}, but it is on sheet ${sheet + 1} and page ${n} is sheet ${numbered.join(', ')}`];
  });
}
