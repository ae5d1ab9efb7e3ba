/** The texts the margins of the page numbered `page` print that hold its number; none where no margin prints it. */
export type NumberTexts = (page: number) => string[];

/** Text as compared: without its spaces and line breaks, which a print puts where its lines break. */
const squashed = (s: string) => s.replace(/\s+/g, '');

/**
 * Each line of the contents that the print does not bear out, said in a sentence. Everything is read
 * from the print's text, as a reader reads it, so no mark of our templates is needed and a designer's
 * templates cannot lose one: the number each line prints (what stands between its heading's text and
 * the next line's), the heading after the contents, and the number its page prints in its margins
 * (where no margin prints numbers, they are counted from the first line's heading). A contents that
 * prints no numbers claims nothing.
 */
export function contentsMistakes(pages: string[], headings: string[], numberTexts: NumberTexts): string[] {
  // Each page squashed once, and where each sheet starts in `all`: a long document has many headings.
  const sheets = pages.map(squashed);
  const all = sheets.join('\f');
  let next = 0;
  const starts = sheets.map((text) => {
    const start = next;
    next += text.length + 1;
    return start;
  });
  const sheetAt = (at: number) => starts.findLastIndex((start) => start <= at);
  const listed = contentsNumbers(all, headings.map(squashed));
  if (listed.every((n) => n === undefined)) return [];
  let from = listed.end;
  const found = headings.map((label) => {
    const at = all.indexOf(squashed(label), from);
    if (at >= 0) from = at + squashed(label).length;
    return at < 0 ? undefined : sheetAt(at);
  });
  const first = { page: listed[0], sheet: found[0] };
  return headings.flatMap((label, i) => {
    const [n, sheet] = [listed[i], found[i]];
    if (n === undefined) return [`the contents give "${label}" no page number`];
    if (sheet === undefined) return [`the contents list "${label}", but the print has no such heading after them`];
    const texts = numberTexts(n).map(squashed);
    if (texts.length === 0) {
      const counted = first.page === undefined || first.sheet === undefined ? undefined : first.page + sheet - first.sheet;
      return counted === n ? [] : [`the contents put "${label}" on page ${n}, which is page ${counted ?? '?'} counted from the first item`];
    }
    const numbered = sheets.flatMap((text, s) => (texts.some((t) => text.includes(t)) ? [s + 1] : []));
    if (numbered.length === 0) return [`the contents put "${label}" on page ${n}, but no page prints the number ${n}`];
    if (numbered.includes(sheet + 1)) return [];
    return [`the contents put "${label}" on page ${n}, but it is on sheet ${sheet + 1} and page ${n} is sheet ${numbered.join(', ')}`];
  });
}

/** The number the contents print after each heading's text, and where the contents end in `all`. */
function contentsNumbers(all: string, labels: string[]): Array<number | undefined> & { end: number } {
  let from = 0;
  const numbers = labels.map((label, i) => {
    const at = all.indexOf(label, from);
    if (at < 0) return undefined;
    from = at + label.length;
    const next = labels[i + 1] === undefined ? -1 : all.indexOf(labels[i + 1] ?? '', from);
    // Leaders (dots) may stand before the number; up to the next line's heading nothing else may.
    const printed = (next < 0 ? /^[.…]*(\d+)/ : /^[.…]*(\d+)$/).exec(all.slice(from, next < 0 ? undefined : next));
    if (printed) from += printed[0].length;
    return printed ? Number(printed[1]) : undefined;
  });
  return Object.assign(numbers, { end: from });
}
