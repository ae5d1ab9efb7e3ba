import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import { Handlebars } from '../shared/bundled.js';
import type { Item, Meeting, Seat, Section } from '../model/meeting.js';
import { templatesDir } from '../shared/paths.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { closedPageMarker, closedWarning, holdsClosed, meetingHoldsClosed } from '../model/closed.js';
import { pageNumbers } from './contents.js';
import { kindName, longDate, numericDate, shortDate, weekdayDate } from '../shared/danish-dates.js';
import { politicalMeetingMinute, politicalMeetingName, rulLine } from './danish.js';
import { fontFaceCss } from './fonts.js';
import { markdownInlineToHtml, markdownToHtml } from './markdown.js';

/** Templates, helpers, CSS and fonts, prepared once per process and shared by every document. */
interface Renderer {
  document: TemplateDelegate;
  body: TemplateDelegate;
  /** The head's CSS and fonts, the same for every document: made once, one string all documents share. */
  style: string;
  /** The parts of the page that change with the page numbers, each its own partial. */
  numbered: Array<{ selector: string; template: TemplateDelegate }>;
}

let renderer: Renderer | undefined;

function prepare(): Renderer {
  const hbs = Handlebars.create();
  const hasText = (s: Section) => Boolean(s.before ?? s.text ?? s.after);
  hbs.registerHelper({
    md: (source: unknown) => new hbs.SafeString(typeof source === 'string' ? markdownToHtml(source) : ''),
    upper: (s: string) => s.toLocaleUpperCase('da'),
    holder: (seat: Seat) => seat.name ?? 'Vakant',
    hasText,
    holdsClosed,
    hasSagsfremstilling: (item: Item) =>
      hasText(item.sagsfremstilling) || item.tidsplan.length > 0 || (item.forwardPlan?.awaiting.length ?? 0) > 0 || item.politicalReview !== undefined,
    /** In minutes, the item that reviews the political meetings always has a decision: what was held. */
    hasBeslutning: (item: Item, meeting: Meeting) => item.beslutning !== undefined || (meeting.kind === 'referat' && item.politicalReview !== undefined),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    mdInline: (source: unknown) => new hbs.SafeString(typeof source === 'string' ? markdownInlineToHtml(source) : ''),
    politicalMeetingName,
    politicalMeetingMinute,
    rulLine,
    weekdayDate,
    numericDate,
    shortDate,
  });
  const partials = path.join(templatesDir, 'partials');
  const source = (file: string) => readFileSync(path.join(partials, file), 'utf8');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) hbs.registerPartial(path.basename(file, '.hbs'), source(file));
  return {
    document: hbs.compile(readFileSync(path.join(templatesDir, 'document.hbs'), 'utf8')),
    style: hbs.compile(readFileSync(path.join(templatesDir, 'head.hbs'), 'utf8'))({ css: readFileSync(path.join(templatesDir, 'style.css'), 'utf8'), fontFaces: fontFaceCss() }),
    body: hbs.compile(readFileSync(path.join(templatesDir, 'body.hbs'), 'utf8')),
    numbered: [
      { selector: '#indholdsfortegnelse', template: hbs.compile(source('indhold.hbs')) },
      { selector: '#sidetal', template: hbs.compile(source('sidetal.hbs')) },
    ],
  };
}

/** "Direktionen - Dagsorden 22. november 2023": the PDF's title. */
export function documentTitle(meeting: Meeting): string {
  return `${meeting.committee} - ${kindName(meeting.kind)} ${longDate(meeting.date)}`;
}

/** "Dagsorden for Direktionens møde den 22. november 2023": the PDF's subject. */
export function documentSubject(meeting: Meeting): string {
  const subject = `${kindName(meeting.kind)} for ${meeting.committee}s møde den ${longDate(meeting.date)}`;
  return meetingHoldsClosed(meeting) ? `${subject}. ${closedWarning}` : subject;
}

/**
 * The meeting as one self-contained HTML page. Without `headings` the contents show placeholders;
 * given where the headings landed in a first print, they show the real page numbers.
 */
export function renderDocument(meeting: Meeting, headings?: HeadingPages): RenderedDocument {
  renderer ??= prepare();
  const { document, style } = renderer;
  const context = viewOf(meeting, headings);
  const body = renderer.body(context);
  return {
    html: () => document({ ...context, title: documentTitle(meeting), style, body }),
    style,
    body,
    numberedParts: renderer.numbered.map(({ selector, template }) => ({ selector, html: template(context) })),
  };
}

function viewOf(meeting: Meeting, headings?: HeadingPages) {
  const pages = headings ? pageNumbers(headings) : undefined;
  const pageOf = (i: number) => (pages ? String(pages.body[i] ?? '') : '00');
  const bilagsoversigt = meeting.items.filter((i) => i.bilag.length > 0);
  const contents = [
    ...meeting.items.map((item, i) => ({ label: `${item.number}. ${item.title}`, anchor: `punkt-${item.number}`, page: pageOf(i) })),
    ...(bilagsoversigt.length ? [{ label: 'Bilagsoversigt', anchor: 'bilagsoversigt', page: pageOf(meeting.items.length) }] : []),
  ];
  const closed = meetingHoldsClosed(meeting) ? closedWarning : undefined;
  // The pages that show closed content carry the marker: the contents where it names a closed item.
  const closedContents = closed !== undefined && meeting.items.some((item) => item.lukket);
  const closedBilag = closed !== undefined && bilagsoversigt.some((item) => item.bilag.some((b) => b.lukket));
  return { meeting, items: meeting.items, contents, bilagsoversigt, pages, closed, closedPageMarker, closedContents, closedBilag };
}
