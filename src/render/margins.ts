import type { Meeting, PageKind, PageMargin } from '../model/meeting.js';
import { committeeGenitiveOf, cssString, fill, kindWord, styledDate } from './wording.js';

// The page's header and footer (husstil: sidehoved, sidefod) as CSS margin boxes on the pages the
// house wants them, with {side} as the page counter: Chromium prints what these rules say.

/** One margin box: where it stands (`top-left` ...), its lines, and the kinds of page it is on. */
interface MarginBox {
  box: string;
  lines: string[];
  pages: PageKind[];
}

/**
 * The named pages of our stylesheet (templates/style.css): of which kind each is, whether it bears the
 * members' version's mark of closed content, and whether it is the closed part's (for {del}).
 */
const namedPages = [
  { name: 'front', kind: 'forside', marked: false, closedPart: false },
  { name: 'front-lukket', kind: 'forside', marked: true, closedPart: false },
  { name: 'indhold', kind: 'indhold', marked: false, closedPart: false },
  { name: 'indhold-lukket', kind: 'indhold', marked: true, closedPart: false },
  { name: 'body', kind: 'punkter', marked: false, closedPart: false },
  { name: 'lukket', kind: 'punkter', marked: true, closedPart: false },
  { name: 'del-lukket', kind: 'punkter', marked: false, closedPart: true },
  { name: 'del-lukket-markeret', kind: 'punkter', marked: true, closedPart: true },
] as const;

const sides = [
  ['venstre', 'left'],
  ['midte', 'center'],
  ['højre', 'right'],
] as const;

/** The header's and footer's boxes: a phrase alone is one line, the header's at the top left, the footer's at the bottom right. */
function marginBoxes(meeting: Meeting): MarginBox[] {
  const { sidehoved, sidefod } = meeting.style;
  return [...boxesOf(sidehoved, 'top', 'left'), ...boxesOf(sidefod, 'bottom', 'right')];
}

function boxesOf(margin: PageMargin | undefined, edge: 'top' | 'bottom', alone: 'left' | 'right'): MarginBox[] {
  if (margin === undefined) return [];
  if (typeof margin === 'string') return [{ box: `${edge}-${alone}`, lines: [margin], pages: ['punkter'] }];
  const pages = margin.sider ?? ['punkter'];
  return sides.flatMap(([side, css]) => {
    const lines = margin[side];
    return lines === undefined ? [] : [{ box: `${edge}-${css}`, lines: typeof lines === 'string' ? [lines] : lines, pages }];
  });
}

/** Whether the house names the document's parts in its margins: only then do the closed part's pages get pages of their own. */
export function partsInMargins(meeting: Meeting): boolean {
  return marginBoxes(meeting).some((b) => b.lines.some((l) => l.includes('{del}')));
}

/** What a margin's line may name besides the page's number: the part's name is that of the page's part, none on the front matter. */
function marginValues(meeting: Meeting, part: string, pages: number | undefined): Record<string, string> {
  return {
    kommune: meeting.authority,
    udvalg: meeting.committee,
    udvalgs: committeeGenitiveOf(meeting),
    dokument: kindWord(meeting),
    del: part,
    dato: styledDate(meeting.style, 'titel', meeting.date),
    sider: String(pages ?? ''),
  };
}

/** A box's lines as the value of its `content`: words as strings, {side} as the page counter, a line break between lines. */
function content(lines: string[], values: Record<string, string>): string {
  return lines
    .map((line) =>
      line
        .split(/(\{side\})/)
        .filter(Boolean)
        .map((part) => (part === '{side}' ? 'counter(page)' : cssString(fill(part, values))))
        .join(' '),
    )
    .join(' "\\a " ');
}

/** The part's name on a page: the closed part's where the page is the closed part's, the open part's on the items' other pages. */
function partOn(meeting: Meeting, page: (typeof namedPages)[number]): string {
  if (page.kind !== 'punkter') return '';
  return (page.closedPart ? meeting.style.ord.lukket_del : meeting.style.ord.åben_del) ?? '';
}

/**
 * The rules of each named page: its margin boxes (`pages`: how many pages the document numbers, for
 * {sider}), the `marker` of closed content where the document holds any (`closed`), and, where the
 * house numbers from the front page, no restart of the count on the front matter.
 */
export function pageRules(
  meeting: Meeting,
  pages: number | undefined,
  closed: unknown,
  marker: unknown,
): Array<{ name: string; rules: string[] }> {
  const boxes = marginBoxes(meeting);
  const fromFrontPage = meeting.style.sidetal_fra === 'forside';
  return namedPages.map((page) => {
    const values = marginValues(meeting, partOn(meeting, page), pages);
    const here = boxes.filter((b) => b.pages.includes(page.kind));
    // The mark of closed content stands at the top right, over whatever the house puts there.
    const mark = page.marked && closed && typeof marker === 'string' ? marker : undefined;
    const topRight = here.find((b) => b.box === 'top-right');
    const placed =
      mark === undefined
        ? here
        : [...here.filter((b) => b !== topRight), { box: 'top-right', lines: [mark, ...(topRight?.lines ?? [])], pages: [] }];
    const rules = placed.map((b) => `@${b.box} { content: ${content(b.lines, values)};${b.lines.length > 1 ? ' white-space: pre;' : ''} }`);
    if (fromFrontPage && page.kind !== 'punkter') rules.push('counter-reset: none;');
    return { name: page.name, rules };
  });
}

/**
 * The texts of each margin line that prints the page's number on the items' pages (where the headings
 * the contents list stand), as the page numbered `page` of `pages` prints it, in any part.
 */
export function numberTexts(meeting: Meeting, pages: number): (page: number) => string[] {
  const lines = marginBoxes(meeting)
    .filter((b) => b.pages.includes('punkter'))
    .flatMap((b) => b.lines.filter((l) => l.includes('{side}')));
  const parts = [...new Set(['', meeting.style.ord.åben_del ?? '', meeting.style.ord.lukket_del ?? ''])];
  return (page) => lines.flatMap((line) => parts.map((part) => fill(line, { ...marginValues(meeting, part, pages), side: String(page) })));
}
