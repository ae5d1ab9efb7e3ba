import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import { Handlebars } from '../bundled.js';
import type { Item, Meeting, Section } from '../model/meeting.js';
import { templatesDir } from '../paths.js';
import { pageNumbers, type HeadingPages } from './contents.js';
import { politicalMeetingMinute, politicalMeetingName, rulLine, shortDate } from './danish.js';
import { fontFaceCss } from './fonts.js';
import { markdownInlineToHtml, markdownToHtml } from './markdown.js';
import { absentLine, decisionHeading, kindWord, listed, marginContent, memberLine, notTakingPartLine, personName, protocolLine, styledDate, substituteLine, voteLines } from './wording.js';

/** Templates, helpers, CSS and fonts, prepared once per process and shared by every document. */
interface Renderer {
  document: TemplateDelegate;
  body: TemplateDelegate;
  /** The head's CSS and fonts, the same for every document: made once, one string all documents share. */
  style: string;
  /** The parts of the page that change with the page numbers, each its own partial. */
  numbered: Array<{ selector: string; template: TemplateDelegate }>;
}

/** A renderer for each folder of template overrides (and one for the package's own templates alone). */
const renderers = new Map<string, Renderer>();

function helpers(hbs: typeof Handlebars) {
  const hasText = (s: Section) => Boolean(s.før ?? s.tekst ?? s.efter);
  const safe = (html: string) => new hbs.SafeString(html);
  return {
    md: (source: unknown) => safe(typeof source === 'string' ? markdownToHtml(source) : ''),
    mdInline: (source: unknown) => safe(typeof source === 'string' ? markdownInlineToHtml(source) : ''),
    upper: (s: string) => s.toLocaleUpperCase('da'),
    hasText,
    /** The main section shows the timetable, the plan's awaiting points and the political meetings too. */
    hasMainText: (item: Item) =>
      item.sections.some((s) => s.main && hasText(s)) || item.tidsplan.length > 0 || (item.forwardPlan?.awaiting.length ?? 0) > 0 || item.politicalReview !== undefined,
    /** In minutes, the item that reviews the political meetings always has a decision: what was held. */
    hasBeslutning: (item: Item, meeting: Meeting) =>
      item.beslutning !== undefined || item.vote !== undefined || item.notTakingPart.length > 0 || item.dissent.length > 0 || (meeting.kind === 'referat' && item.politicalReview !== undefined),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    politicalMeetingName,
    politicalMeetingMinute,
    rulLine,
    shortDate,
    styledDate,
    decisionHeading,
    personName,
    memberLine,
    absentLine,
    substituteLine,
    notTakingPartLine,
    voteLines,
    protocolLine,
    listed,
    marginContent,
  };
}

/**
 * The package's templates, with the repository's overrides where it has them (`husstil/`): a partial
 * there replaces the package's of the same name, and its style.css comes after the package's, so its
 * rules win.
 */
function prepare(overrides: string | undefined): Renderer {
  const hbs = Handlebars.create();
  hbs.registerHelper(helpers(hbs));
  const partials = new Map<string, string>();
  for (const dir of [path.join(templatesDir, 'partials'), ...(overrides ? [path.join(overrides, 'partials')] : [])]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) partials.set(path.basename(file, '.hbs'), readFileSync(path.join(dir, file), 'utf8'));
  }
  for (const [name, source] of partials) hbs.registerPartial(name, source);
  const ownCss = overrides && path.join(overrides, 'style.css');
  const css = [readFileSync(path.join(templatesDir, 'style.css'), 'utf8'), ...(ownCss && existsSync(ownCss) ? [readFileSync(ownCss, 'utf8')] : [])].join('\n');
  return {
    document: hbs.compile(readFileSync(path.join(templatesDir, 'document.hbs'), 'utf8')),
    style: hbs.compile(readFileSync(path.join(templatesDir, 'head.hbs'), 'utf8'))({ css, fontFaces: fontFaceCss() }),
    body: hbs.compile(readFileSync(path.join(templatesDir, 'body.hbs'), 'utf8')),
    numbered: [
      { selector: '#indholdsfortegnelse', template: hbs.compile(partials.get('indhold')!) },
      { selector: '#sidetal', template: hbs.compile(partials.get('sidetal')!) },
    ],
  };
}

function rendererFor(meeting: Meeting): Renderer {
  const key = meeting.style.templates ?? '';
  let renderer = renderers.get(key);
  if (!renderer) renderers.set(key, (renderer = prepare(meeting.style.templates)));
  return renderer;
}

/** "Direktionen - Dagsorden 22. november 2023": the PDF's title. */
export function documentTitle(meeting: Meeting): string {
  return `${meeting.committee} - ${kindWord(meeting)} ${styledDate(meeting.style, 'titel', meeting.date)}`;
}

/** "Dagsorden for Direktionens møde den 22. november 2023": the PDF's subject. */
export function documentSubject(meeting: Meeting): string {
  return `${kindWord(meeting)} for ${meeting.committee}s møde den ${styledDate(meeting.style, 'titel', meeting.date)}`;
}

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
}

/**
 * The meeting as one self-contained HTML page. Without `headings` the contents show placeholders;
 * given where the headings landed in a first print, they show the real page numbers.
 */
export function renderDocument(meeting: Meeting, headings?: HeadingPages): RenderedDocument {
  const renderer = rendererFor(meeting);
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
    ...(bilagsoversigt.length ? [{ label: meeting.style.ord.bilagsoversigt, anchor: 'bilagsoversigt', page: pageOf(meeting.items.length) }] : []),
  ];
  // Each member with the absence, if any, that the Underskriftsside prints in the member's place.
  const attendance = meeting.members.map((person) => ({ person, absence: meeting.absent.find((a) => a.member.name === person.name) }));
  return { meeting, items: meeting.items, contents, bilagsoversigt, pages, attendance, words: meeting.style.ord, houseStyle: meeting.style };
}
