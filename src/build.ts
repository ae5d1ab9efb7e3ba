import { loadMeeting, type CheckedShared } from './check/check.js';
import type { Finding } from './shared/errors.js';
import { buildMeeting } from './model/merge.js';
import type { Meeting } from './model/meeting.js';
import { headingTexts } from './pdf/headings.js';
import { printWithContents } from './pdf/paginate.js';
import { finishPdf } from './pdf/postprocess.js';
import { withBrowser } from './pdf/browser.js';
import { PrintPage } from './pdf/print.js';
import { writeAtomically } from './shared/files.js';
import { documentSubject, documentTitle, renderDocument } from './render/html.js';

/** Load, check and merge a meeting and its shared files (or those given, checked once for many): everything that needs no browser. */
export async function readMeeting(dir: string, date: string, shared?: CheckedShared): Promise<{ meeting: Meeting; warnings: Finding[] }> {
  const { sources, warnings } = await loadMeeting(dir, date, shared);
  return { meeting: buildMeeting(sources), warnings };
}

export interface PrintedDocument {
  /** The HTML of the final print, with the real page numbers, made when asked for. */
  html: () => string;
  pdf: Uint8Array;
}

/**
 * Render and print a meeting in `page`, with its contents' page numbers, metadata and outline made
 * right, and the fingerprint of its `inputs` recorded. `first`, its rendering without page numbers, may be made beforehand, while the browser starts.
 */
export async function printMeeting(page: PrintPage, meeting: Meeting, first = renderDocument(meeting), inputs?: string): Promise<PrintedDocument> {
  const { doc, rendered } = await printWithContents(page, (headings) => renderDocument(meeting, headings), first);
  const metadata = { title: documentTitle(meeting), author: meeting.authority, subject: documentSubject(meeting), language: 'da', inputs };
  return { html: rendered.html, pdf: await finishPdf(doc, metadata, headingTexts(rendered.body)) };
}

/** One document to `file` on a browser of its own (a command that builds only now and then). */
export async function buildPdf(meeting: Meeting, file: string, browser: { executablePath: string; timeoutMs: number }, inputs: string): Promise<void> {
  await withBrowser(browser.executablePath, browser.timeoutMs, async (chromium) => {
    const page = await PrintPage.create(chromium, { timeoutMs: browser.timeoutMs });
    try {
      await writeAtomically(file, (await printMeeting(page, meeting, undefined, inputs)).pdf);
    } finally {
      await page.close();
    }
  });
}
