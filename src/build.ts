import type { Browser } from 'puppeteer';
import { loadMeeting } from './input/load.js';
import { buildMeeting } from './model/merge.js';
import type { Meeting } from './model/meeting.js';
import { setMetadata } from './pdf/metadata.js';
import { printWithContents } from './pdf/paginate.js';
import type { PrintOptions } from './pdf/print.js';
import { documentSubject, documentTitle, renderHtml } from './render/html.js';

export interface BuiltDocument {
  meeting: Meeting;
  /** The HTML of the final print, with the real page numbers. */
  html: string;
  pdf: Uint8Array;
}

/** The whole flow for one meeting: load and validate, merge, render, print with contents, set metadata. */
export async function buildDocument(browser: Browser, dir: string, date: string, options: PrintOptions): Promise<BuiltDocument> {
  const meeting = buildMeeting(await loadMeeting(dir, date));
  let html = '';
  const printed = await printWithContents(
    browser,
    (headings) => (html = renderHtml(meeting, headings)),
    options,
  );
  const pdf = await setMetadata(printed, {
    title: documentTitle(meeting),
    author: meeting.authority,
    subject: documentSubject(meeting),
    language: 'da',
  });
  return { meeting, html, pdf };
}
