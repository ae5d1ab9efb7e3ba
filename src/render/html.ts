import type { TemplateDelegate } from 'handlebars';
import type { ApprovalRow, Item, Meeting } from '../model/meeting.js';
import { participants } from '../model/seats.js';
import type { HouseTemplates } from '../shared/house-templates.js';
import { subItemAnchor, type HeadingPages, type RenderedDocument } from '../shared/printable.js';
import { meetingHoldsClosed } from '../model/closed.js';
import type { AttachmentPages } from './contents.js';
import { agendaLayout, attachmentPlaces, attachmentStarts, type PageNumbers } from '../shared/printable.js';
import { attachmentAnchor } from '../model/attachments.js';
import { bilagOf, documentName, kindWord, styledDate, subItemHeading } from './wording.js';
import { fontFaceCss } from './fonts.js';
import { createTemplates, partialTemplate, readTemplate } from './templates.js';
import { compileTemplate } from '../shared/precompiled-templates.js';

/** Templates, helpers, CSS and fonts, prepared once per process and shared by every document. */
interface Renderer {
  document: TemplateDelegate;
  body: TemplateDelegate;
  /** The head's CSS and fonts, the same for every document: made once, one string all documents share. */
  style: string;
  /** The parts of the page that change with the page numbers, each its own partial. */
  numbered: Array<{ selector: string; template: TemplateDelegate }>;
  /** In a combined document also each item's Bilag table and the Bilagsoversigt, which give the attachments' pages. */
  bilagTable: TemplateDelegate;
  bilagsoversigt: TemplateDelegate;
}

/** A renderer for each set of template overrides, by its key (and one for the package's templates alone). */
const renderers = new Map<string, Renderer>();

/** Reads the templates and the stylesheet anew at the next rendering: for a process that outlives an edit of them. */
export function reloadTemplates(): void {
  renderers.clear();
}

/**
 * The package's templates with a repository's overrides (husstil/): its partials replace the
 * package's of the same name, and its style.css comes after the package's, so its rules win.
 */
function prepare(overrides: HouseTemplates | undefined): Renderer {
  const hbs = createTemplates(overrides);
  const partial = (name: string) => partialTemplate(hbs, overrides, name);
  const css = [readTemplate('style.css'), overrides?.css ?? ''].join('\n');
  return {
    document: compileTemplate(hbs, readTemplate('document.hbs')),
    style: compileTemplate(hbs, readTemplate('head.hbs'))({ css, fontFaces: fontFaceCss() }),
    body: compileTemplate(hbs, readTemplate('body.hbs')),
    numbered: [
      { selector: '#indholdsfortegnelse', template: partial('indhold') },
      { selector: '#sidetal', template: partial('sidetal') },
    ],
    bilagTable: partial('bilagtabel'),
    bilagsoversigt: partial('bilagsoversigt'),
  };
}

function rendererFor(meeting: Meeting): Renderer {
  const key = meeting.style.templates?.key ?? '';
  let renderer = renderers.get(key);
  if (!renderer) renderers.set(key, (renderer = prepare(meeting.style.templates)));
  return renderer;
}

let documentMark: string | undefined;

/**
 * What the head of every document agenda prints holds and no other page it makes: head.hbs's Content-Security-Policy
 * (a site's pages have side.hbs's, a house's too; no house replaces head.hbs). By it the HTML of a document, as
 * build's and diff's --html write it, is known wherever it is put.
 */
export function documentHtmlMark(): string {
  documentMark ??= /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(readTemplate('head.hbs'))?.[0];
  if (documentMark === undefined) throw new Error('head.hbs has no Content-Security-Policy');
  return documentMark;
}

/** "Direktionen - Dagsorden 22. november 2023": the PDF's title, in the house's words and date. */
export function documentTitle(meeting: Meeting): string {
  return `${meeting.committee} - ${kindWord(meeting)} ${styledDate(meeting.style, 'titel', meeting.date)}`;
}

/**
 * Whether `title` (a PDF's) is documentTitle's of the meeting's documents, of whatever kind: its committee's and its
 * day's (an agenda's, minutes' or addendum's, made before or after the meeting was held).
 */
export function titlesMeeting(title: string, meeting: Meeting): boolean {
  return title.startsWith(`${meeting.committee} - `) && title.endsWith(` ${styledDate(meeting.style, 'titel', meeting.date)}`);
}

/** "Dagsorden for Direktionens møde den 22. november 2023": the PDF's subject, with the house's warning where it holds closed content. */
export function documentSubject(meeting: Meeting): string {
  const subject = documentName(meeting);
  return meetingHoldsClosed(meeting) ? `${subject}. ${meeting.style.ord.lukket_advarsel}` : subject;
}

/**
 * The meeting as one self-contained HTML page. Without `headings` the contents show placeholders;
 * given where the headings landed in a first print, they show the real page numbers. Given
 * `attachments`, the page count of each attachment of a combined document (by anchor, in their
 * order) and where they go, the Bilag tables and the Bilagsoversigt link to each and give its page.
 */
export function renderDocument(meeting: Meeting, headings?: HeadingPages, attachments?: AttachmentPages): RenderedDocument {
  const renderer = rendererFor(meeting);
  const { document, style } = renderer;
  const context = viewOf(meeting, headings, attachments);
  const body = renderer.body(context);
  const parts = [...renderer.numbered.map(({ selector, template }) => ({ selector, html: template(context) }))];
  if (attachments) {
    // One Bilag table for the item's own attachments and one for each sub-item's.
    for (const item of context.items.filter((i) => i.bilag.some((b) => 'anchor' in b))) {
      for (const letter of new Set(item.bilag.map((b) => b.subItem))) {
        const table = { item: bilagOf(item, letter), letter, combined: true, meeting };
        parts.push({ selector: `#bilag-tabel-${item.number}${letter ?? ''}`, html: renderer.bilagTable(table) });
      }
    }
    if (context.bilagsoversigt.length) parts.push({ selector: '#bilagsoversigt', html: renderer.bilagsoversigt(context) });
  }
  return {
    html: () => document({ ...context, title: documentTitle(meeting), style, body }),
    style,
    body,
    numberedParts: parts,
    contents: context.contents.map((entry) => entry.label),
  };
}

function viewOf(meeting: Meeting, headings?: HeadingPages, attachments?: AttachmentPages) {
  // With the attachments after each item, the print holds an empty sheet where each item's go.
  const sizes = attachments ? [...attachments.sizes.values()] : [];
  const places = attachments?.afterItem ? attachmentPlaces(sizes) : new Map<number, number>();
  const fromFrontPage = meeting.style.sidetal_fra === 'forside';
  const agendaPages = headings && agendaLayout(headings, sizes, attachments?.afterItem ?? false, fromFrontPage).agenda;
  const combined = attachments ? combinedPages(agendaPages, attachments) : undefined;
  const pages = combined && agendaPages ? { body: combined.body, total: combined.total } : agendaPages;
  const pageOf = (i: number) => (pages ? String(pages.body[i] ?? '') : '00');
  // A sub-item's page: its item's, and on by the sheets between their headings (within one item's pages).
  const subPageOf = (i: number, anchor: string) => {
    const [first, item, sheet] = [pages?.body[i], headings?.pages[i + 1], headings?.anchors?.[anchor]];
    return first === undefined || item === undefined || sheet === undefined ? '00' : String(first + sheet - item);
  };
  const items = combined ? meeting.items.map((item) => withAttachmentPages(item, combined.starts)) : meeting.items;
  const bilagsoversigt = items.filter((i) => i.bilag.length > 0);
  const delOverskrifter = partHeadings(meeting.style.ord, items);
  const contents = [
    ...items.flatMap((item, i) => {
      const anchor = `punkt-${item.number}`;
      const part = delOverskrifter[i];
      const entry = { label: `${item.number}. ${item.title}`, anchor, page: pageOf(i) };
      const subs = meeting.style.underpunkter_i_indhold ? subItemEntries(meeting, item, (anchor) => subPageOf(i, anchor)) : [];
      return [...(part === undefined ? [] : [{ label: part, anchor, page: pageOf(i), part: true }]), entry, ...subs];
    }),
    ...(bilagsoversigt.length ? [{ label: meeting.style.ord.bilagsoversigt, anchor: 'bilagsoversigt', page: pageOf(items.length) }] : []),
  ];
  const closed = meetingHoldsClosed(meeting) ? meeting.style.ord.lukket_advarsel : undefined;
  // The pages that show closed content carry the marker: the contents where it names a closed item,
  // or a closed sub-item where the house lists them (its members' title).
  const listsClosed = (item: Item) => item.lukket || (meeting.style.underpunkter_i_indhold && item.subItems.some((s) => s.lukket));
  const closedContents = closed !== undefined && meeting.items.some(listsClosed);
  const closedBilag = closed !== undefined && bilagsoversigt.some((item) => item.bilag.some((b) => b.lukket));
  const approvalRows = approvalPage(meeting) ? (meeting.approval?.rows ?? notYetApproved(meeting)) : undefined;
  // Each member with the absence, if any, that the Underskriftsside prints in the member's place.
  const attendance = meeting.members.map((person) => ({ person, absence: meeting.absent.find((a) => a.member.name === person.name) }));
  // The empty sheet after an item, by the item's place in the list: its number of attachment pages.
  const bilagPladser = meeting.items.map((_, i) => places.get(i));
  return {
    meeting,
    items,
    contents,
    bilagsoversigt,
    bilagPladser,
    delOverskrifter,
    pages,
    combined: Boolean(combined),
    closed,
    closedPageMarker: meeting.style.ord.lukket_indhold,
    closedContents,
    closedBilag,
    attendance,
    approvalRows,
    // What the page says of the SHA-256 is for the members' version, which alone prints it.
    approvalExplained: meeting.audience === 'medlemmer',
  };
}

/** An item's sub-items as lines of the contents (ord.underpunkt), each by its heading's id, with its page. */
function subItemEntries(meeting: Meeting, item: Item, pageOf: (anchor: string) => string) {
  return item.subItems.map((sub) => {
    const anchor = subItemAnchor(item.number, sub.letter);
    return { label: subItemHeading(meeting.style.ord, item, sub), anchor, page: pageOf(anchor), sub: true };
  });
}

/**
 * Whether the minutes end with the Godkendelsesside rather than the Underskriftsside: the house's
 * choice; the public version has it only where the house shows the public the approvals (navne).
 */
function approvalPage(meeting: Meeting): boolean {
  const { side, offentlig } = meeting.style.godkendelse;
  return meeting.kind === 'referat' && side === 'godkendelsesside' && (meeting.audience === 'medlemmer' || offentlig === 'navne');
}

/** The page of the version the members approve: everyone who took part, none approved yet. */
function notYetApproved(meeting: Meeting): ApprovalRow[] {
  return participants(meeting).map((person) => ({ person, atMeeting: false, earlier: false }));
}

/**
 * The name of the part each item begins, where it begins one: the house that names its open and closed
 * parts (ord.åben_del, ord.lukket_del) prints the name over the part's first item and in the contents.
 */
function partHeadings(words: Meeting['style']['ord'], items: Item[]): Array<string | undefined> {
  return items.map((item, i) => {
    if (i > 0 && items[i - 1]?.lukket === item.lukket) return undefined;
    return item.lukket ? words.lukket_del : words.åben_del;
  });
}

/** Where each attachment starts, in the combined numbering (see attachmentStarts), and the combined document's number of pages. */
function combinedPages(
  agenda: PageNumbers | undefined,
  attachments: AttachmentPages,
): { starts: Map<string, string>; body: number[]; total: number } {
  const anchors = [...attachments.sizes.keys()];
  const laid = attachmentStarts(agenda ?? { body: [], total: 0 }, [...attachments.sizes.values()], attachments.afterItem);
  const starts = new Map(anchors.map((anchor, i) => [anchor, agenda ? String(laid.starts[i]) : '00']));
  return { starts, body: laid.body, total: laid.total };
}

function withAttachmentPages(item: Item, starts: Map<string, string>): Item {
  return {
    ...item,
    bilag: item.bilag.map((b, i) => {
      const anchor = attachmentAnchor(item, i);
      const page = starts.get(anchor);
      return page === undefined ? b : { ...b, anchor, page };
    }),
  };
}
