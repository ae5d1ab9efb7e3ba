import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { pageNumbers } from './contents.js';
import { kindName, longDate } from '../shared/danish-dates.js';
import { fontFaceCss } from './fonts.js';
import { createTemplates, readTemplate } from './templates.js';

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

/** Reads the templates and the stylesheet anew at the next rendering: for a process that outlives an edit of them. */
export function reloadTemplates(): void {
  renderer = undefined;
}

function prepare(): Renderer {
  const hbs = createTemplates();
  const source = (file: string) => readTemplate(path.join('partials', file));
  return {
    document: hbs.compile(readTemplate('document.hbs')),
    style: hbs.compile(readTemplate('head.hbs'))({ css: readTemplate('style.css'), fontFaces: fontFaceCss() }),
    body: hbs.compile(readTemplate('body.hbs')),
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
  return `${kindName(meeting.kind)} for ${meeting.committee}s møde den ${longDate(meeting.date)}`;
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
  return { meeting, items: meeting.items, contents, bilagsoversigt, pages };
}
