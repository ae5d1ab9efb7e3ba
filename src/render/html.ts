import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { pageNumbers } from './contents.js';
import { existsSync, readFileSync } from 'node:fs';
import { kindWord, styledDate } from './wording.js';
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

/** A renderer for each folder of template overrides (and one for the package's templates alone). */
const renderers = new Map<string, Renderer>();

/** Reads the templates and the stylesheet anew at the next rendering: for a process that outlives an edit of them. */
export function reloadTemplates(): void {
  renderers.clear();
}

/**
 * The package's templates with a repository's overrides (husstil/): its partials replace the
 * package's of the same name, and its style.css comes after the package's, so its rules win.
 */
function prepare(overrides: string | undefined): Renderer {
  const hbs = createTemplates(overrides);
  const own = (file: string) => (overrides && existsSync(path.join(overrides, file)) ? readFileSync(path.join(overrides, file), 'utf8') : undefined);
  const source = (file: string) => own(path.join('partials', file)) ?? readTemplate(path.join('partials', file));
  const css = [readTemplate('style.css'), own('style.css') ?? ''].join('\n');
  return {
    document: hbs.compile(readTemplate('document.hbs')),
    style: hbs.compile(readTemplate('head.hbs'))({ css, fontFaces: fontFaceCss() }),
    body: hbs.compile(readTemplate('body.hbs')),
    numbered: [
      { selector: '#indholdsfortegnelse', template: hbs.compile(source('indhold.hbs')) },
      { selector: '#sidetal', template: hbs.compile(source('sidetal.hbs')) },
    ],
  };
}

function rendererFor(meeting: Meeting): Renderer {
  const key = meeting.style.templates ?? '';
  let renderer = renderers.get(key);
  if (!renderer) renderers.set(key, (renderer = prepare(meeting.style.templates)));
  return renderer;
}

/** "Direktionen - Dagsorden 22. november 2023": the PDF's title, in the house's words and date. */
export function documentTitle(meeting: Meeting): string {
  return `${meeting.committee} - ${kindWord(meeting)} ${styledDate(meeting.style, 'titel', meeting.date)}`;
}

/** "Dagsorden for Direktionens møde den 22. november 2023": the PDF's subject. */
export function documentSubject(meeting: Meeting): string {
  return `${kindWord(meeting)} for ${meeting.committee}s møde den ${styledDate(meeting.style, 'titel', meeting.date)}`;
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
  return { meeting, items: meeting.items, contents, bilagsoversigt, pages, attendance };
}
