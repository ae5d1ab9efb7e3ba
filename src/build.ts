import type { Browser } from 'puppeteer';
import { loadMeeting } from './check/check.js';
import type { Finding } from './errors.js';
import { buildMeeting } from './model/merge.js';
import type { Meeting } from './model/meeting.js';
import { headingTexts } from './pdf/headings.js';
import { printWithContents } from './pdf/paginate.js';
import { finishPdf } from './pdf/postprocess.js';
import type { PrintOptions } from './pdf/print.js';
import { documentSubject, documentTitle, renderHtml } from './render/html.js';

/** Load, check and merge a meeting and its shared files: everything that needs no browser. */
export async function readMeeting(dir: string, date: string): Promise<{ meeting: Meeting; warnings: Finding[] }> {
  const { sources, warnings } = await loadMeeting(dir, date);
  return { meeting: buildMeeting(sources), warnings };
}

export interface PrintedDocument {
  /** The HTML of the final print, with the real page numbers. */
  html: string;
  pdf: Uint8Array;
}

/** Render and print a meeting, with its contents' page numbers, metadata and outline made right. */
export async function printMeeting(browser: Browser, meeting: Meeting, options: PrintOptions): Promise<PrintedDocument> {
  let html = '';
  const printed = await printWithContents(browser, (headings) => (html = renderHtml(meeting, headings)), options);
  const metadata = { title: documentTitle(meeting), author: meeting.authority, subject: documentSubject(meeting), language: 'da' };
  return { html, pdf: await finishPdf(printed, metadata, headingTexts(html)) };
}
