/// <reference lib="dom" />
// The functions below marked "in the page" run in the browser (page.evaluate sends their source), so
// they use the DOM's types. A lib reference is global to the program: the DOM's names type-check in
// node's files too, so only the files with functions in the page may use them (this one, print.ts).
import type { Page } from 'puppeteer-core';
import { subItemAnchorPrefix, type HeadingPages } from '../shared/printable.js';

/** The default page's size and margins as its `@page` rules write them: CSS text, empty where unset. */
export interface PageRule {
  size: string;
  margins: [top: string, right: string, bottom: string, left: string];
}

/**
 * Where the headings of the document the page holds would land if it were printed, without printing
 * it: the document laid out in columns as large as a page's content box, which Chromium breaks as it
 * breaks pages (one fragmentation engine, the same rules of avoiding and forcing breaks), so column n
 * holds what sheet n would. It is a guess, which printWithContents checks against the print it makes
 * (a page size it cannot read, or first-page margins, give a wrong or no guess, and cost the print
 * the guess would have saved). None where the page's size cannot be read.
 */
export async function guessHeadings(page: Page): Promise<HeadingPages | undefined> {
  const box = contentBox(await page.evaluate(readPageRule));
  return box && page.evaluate(layOutInColumns, box.width, box.height, subItemAnchorPrefix);
}

/** In the page: the size and margins of the last `@page` rules without a name or a pseudo-class that set them. */
function readPageRule(): PageRule {
  const rule: PageRule = { size: '', margins: ['', '', '', ''] };
  const sides = ['top', 'right', 'bottom', 'left'] as const;
  for (const sheet of Array.from(document.styleSheets)) {
    for (const r of Array.from(sheet.cssRules)) {
      if (!(r instanceof CSSPageRule) || r.selectorText !== '') continue;
      rule.size = r.style.getPropertyValue('size') || rule.size;
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- margins has a value for each of the four sides
      sides.forEach((side, i) => (rule.margins[i] = r.style.getPropertyValue(`margin-${side}`) || rule.margins[i]!));
    }
  }
  return rule;
}

/** Millimetres, as CSS `size` names them (CSS Paged Media 3). */
const pageSizes: Record<string, [number, number]> = {
  a5: [148, 210],
  a4: [210, 297],
  a3: [297, 420],
  b5: [176, 250],
  b4: [250, 353],
  'jis-b5': [182, 257],
  'jis-b4': [257, 364],
  letter: [215.9, 279.4],
  legal: [215.9, 355.6],
  ledger: [279.4, 431.8],
};
/** CSS pixels in one of each absolute unit. */
const units: Record<string, number> = { px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, pt: 96 / 72, pc: 16 };

/** A length in CSS pixels; undefined for what is not an absolute length (a percentage, `auto`). */
export function cssPixels(length: string): number | undefined {
  const m = /^(-?\d*\.?\d+)([a-z]*)$/i.exec(length.trim());
  if (!m) return undefined;
  const factor = m[2] ? units[m[2].toLowerCase()] : Number(m[1]) === 0 ? 1 : undefined;
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

/** The width and height of a page's content box in CSS pixels, from its `@page` rule; undefined where it cannot be known. */
export function contentBox({ size, margins }: PageRule): { width: number; height: number } | undefined {
  const page = pageSize(size);
  const [top, right, bottom, left] = margins.map((m) => (m === '' ? 0 : cssPixels(m)));
  if (!page || top === undefined || right === undefined || bottom === undefined || left === undefined) return undefined;
  const box = { width: page[0] - left - right, height: page[1] - top - bottom };
  return box.width > 0 && box.height > 0 ? box : undefined;
}

/** A page size (`A4`, `A4 landscape`, `210mm 297mm`) in CSS pixels; undefined for `auto` or an unset one (the printer's default). */
function pageSize(size: string): [number, number] | undefined {
  const words = size.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const landscape = words.includes('landscape');
  const rest = words.filter((w) => w !== 'landscape' && w !== 'portrait');
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one word, checked on the line
  const named = rest.length === 1 ? pageSizes[rest[0]!] : undefined;
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- mm is one of units' keys
  const lengths = named ? named.map((mm) => mm * units.mm!) : rest.map(cssPixels);
  if (named === undefined && rest.length === 1 && lengths[0] !== undefined) lengths.push(lengths[0]); // a square page
  if (lengths.length !== 2 || lengths.some((l) => l === undefined || l <= 0)) return undefined;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- two lengths, none undefined: checked just above
  const [w, h] = lengths as [number, number];
  return landscape ? [Math.max(w, h), Math.min(w, h)] : [w, h];
}

/**
 * In the page: lays the document out in columns of `width` by `height`, reads the column each h1 and
 * the last box fall in, and puts the document back as it was. Every break a print forces becomes a
 * column break: `break-before`/`-after: page` (or left, right, recto, verso), and a change of named
 * page between siblings.
 */
function layOutInColumns(width: number, height: number, subItemPrefix: string): HeadingPages {
  const forced = /^(page|left|right|recto|verso)$/;
  const attr = 'data-agenda-column-break';
  // An element's page name, or its nearest ancestor's: each element's once, as it is asked for again as the next one's sibling.
  const names = new Map<Element, string>();
  const usedPage = (el: Element | null): string => {
    if (!el) return 'auto';
    let name = names.get(el);
    if (name === undefined) {
      const own = getComputedStyle(el).page;
      name = own && own !== 'auto' ? own : usedPage(el.parentElement);
      names.set(el, name);
    }
    return name;
  };
  const marked: Element[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const style = getComputedStyle(el);
    if (style.display === 'none') continue;
    let prev = el.previousElementSibling;
    while (prev && getComputedStyle(prev).display === 'none') prev = prev.previousElementSibling;
    const breaks = [
      forced.test(style.breakBefore) || (prev !== null && usedPage(prev) !== usedPage(el)) ? 'before' : '',
      forced.test(style.breakAfter) ? 'after' : '',
    ]
      .join(' ')
      .trim();
    if (breaks) {
      el.setAttribute(attr, breaks);
      marked.push(el);
    }
  }
  const css = document.createElement('style');
  css.textContent = `html { columns: ${width}px !important; column-gap: 0 !important; column-fill: auto !important; width: ${width}px !important; height: ${height}px !important; margin: 0 !important; padding: 0 !important; }
    [${attr}~=before] { break-before: column !important; } [${attr}~=after] { break-after: column !important; }`;
  document.head.append(css);
  try {
    const origin = document.documentElement.getBoundingClientRect().left;
    const column = (left: number) => Math.max(0, Math.floor((left - origin + 0.5) / width));
    const pages = Array.from(document.querySelectorAll('h1')).flatMap((h) => {
      const first = h.getClientRects()[0];
      return first ? [column(first.left)] : [];
    });
    let last = 0;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      for (const r of Array.from(el.getClientRects())) last = Math.max(last, column(r.left));
    }
    // The sub-item headings the contents list, by their ids (see headingPages).
    const anchors = Array.from(document.querySelectorAll(`[id^="${subItemPrefix}"]`)).flatMap((h) => {
      const first = h.getClientRects()[0];
      return first ? [[h.id, column(first.left)] as const] : [];
    });
    return { pages, sheets: last + 1, ...(anchors.length > 0 ? { anchors: Object.fromEntries(anchors) } : {}) };
  } finally {
    css.remove();
    for (const el of marked) el.removeAttribute(attr);
  }
}
