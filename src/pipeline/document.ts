import path from 'node:path';
import { loadMeeting, type CheckedShared } from '../check/check.js';
import type { CommitteeFolder } from '../input/repository.js';
import { meetingFile } from '../input/load.js';
import { repositoryMeetings, takesUpCases, type HistoryReader } from './case-history.js';
import type { MeetingSources } from '../input/sources.js';
import { buildMeeting } from '../model/merge.js';
import type { Audience, Meeting } from '../model/meeting.js';
import { headingTexts } from '../pdf/headings.js';
import { printWithContents } from '../pdf/paginate.js';
import { PdfText } from '../pdf/page-text.js';
import { finishPdf } from '../pdf/postprocess.js';
import { withBrowser } from '../pdf/browser.js';
import { PrintPage } from '../pdf/print.js';
import { documentSubject, documentTitle, renderDocument } from '../render/html.js';
import type { Finding } from '../shared/errors.js';
import { writeAtomically } from '../shared/files.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { refuseClosedFiles } from './closed-files.js';
import { combine, type Attachments } from './combine.js';
import { houseFault, proveContents } from './contents-proof.js';
import { outputsOf, versionFor, type Output } from './output.js';

/**
 * A meeting's sources read, checked and merged into the model: everything that needs no browser.
 * Given the shared files already checked (for many meetings), their warnings are left to the caller;
 * many meetings read the repository's for their cases' history once, with a run's `historyOnce`.
 * A closed attachment's file named again by an open one is refused here, for build and publish alike (closed-files.ts).
 */
export async function readMeeting(
  committee: string | CommitteeFolder,
  date: string,
  shared?: CheckedShared,
  readHistory: HistoryReader = repositoryMeetings,
): Promise<{ meeting: Meeting; sources: MeetingSources; warnings: Finding[] }> {
  const { sources, warnings } = await loadMeeting(committee, date, shared);
  const history = takesUpCases(sources) ? await readHistory(sources.folder.root, sources.folder) : [];
  const meeting = buildMeeting(sources, history);
  await refuseClosedFiles(sources.folder.dir, meeting);
  return { meeting, sources, warnings };
}

/** Checked sources merged into the meeting, as the audience may see it; a case's earlier decisions read from the repository. */
export async function meetingFor(sources: MeetingSources, audience: Audience): Promise<Meeting> {
  const history = takesUpCases(sources) ? await repositoryMeetings(sources.folder.root, sources.folder) : [];
  return versionFor(buildMeeting(sources, history), audience);
}

/** What the preview shows of the audience's version: the agenda and its addenda, or the minutes, as a build makes them alone. */
export async function outputsFor(sources: MeetingSources, audience: Audience): Promise<Output[]> {
  return outputsOf(await meetingFor(sources, 'medlemmer'), { audiences: [audience] });
}

export interface PrintedDocument {
  /** The HTML of the final print, with the real page numbers, made when asked for. */
  html: () => string;
  pdf: Uint8Array;
  /** Where its headings are: a guess that saves a print of the next version of the same document. */
  headings: HeadingPages;
}

/** What a document records being made from: the fingerprint of its inputs (inputsFingerprint), and its committee's folder. */
export interface MadeFrom {
  inputs: string;
  dir: string;
}

/**
 * The meeting file a document of `dir`'s meeting on `date` records (PdfMetadata.meetingFile): the committee folder's
 * name and the file's, which leftover-pdfs.ts compares; not the folder's whole path, which differs from one clone to
 * the next, where the same inputs give the same bytes.
 */
export function meetingFileRecord(dir: string, date: string): string {
  return `${path.basename(path.resolve(dir))}/${path.basename(meetingFile(dir, date))}`;
}

/**
 * Render and print a meeting in `page`, with its contents' page numbers, metadata and outline made
 * right, and what it was `made` from recorded; given its `attachments`, the combined document
 * with them after the agenda. `guess`, where an earlier version's headings were (see
 * printWithContents), may save a print; `first`, its rendering with that guess (or without page
 * numbers), may be made beforehand, while the browser starts.
 */
export async function printMeeting(
  page: PrintPage,
  meeting: Meeting,
  first?: RenderedDocument,
  made?: MadeFrom,
  attachments?: Attachments,
  guess?: HeadingPages,
): Promise<PrintedDocument> {
  const render = (headings?: HeadingPages) => renderDocument(meeting, headings, attachments?.pages);
  const { doc, bytes, rendered, headings } = await printWithContents(page, render, first ?? render(guess), guess).catch((err: unknown) => {
    throw houseFault(meeting, err);
  });
  // Read with pdf.js once, for the proof and the links' descriptions both.
  const text = new PdfText(bytes);
  try {
    // A combined document's numbers count its attachments, which are not in this print.
    if (!attachments) await proveContents(meeting, text, rendered, headings);
    return { html: rendered.html, pdf: await finish(meeting, { doc, bytes, text }, rendered, made, attachments), headings };
  } finally {
    await text.close();
  }
}

/** The print finished (finishPdf) with the meeting's metadata, outline titles and page labels; given attachments, combined. */
async function finish(
  meeting: Meeting,
  print: { doc: PDFDocument; bytes: Uint8Array; text: PdfText },
  rendered: RenderedDocument,
  made?: MadeFrom,
  attachments?: Attachments,
): Promise<Uint8Array> {
  const fromFrontPage = meeting.style.sidetal_fra === 'forside';
  const metadata = {
    title: documentTitle(meeting),
    author: meeting.authority,
    subject: documentSubject(meeting),
    language: 'da',
    inputs: made?.inputs,
    audience: meeting.audience,
    committee: meeting.committee,
    meetingFile: made && meetingFileRecord(made.dir, meeting.date),
    pageLabels: { fromFrontPage, frontPage: meeting.style.ord.forside, contents: meeting.style.ord.indhold },
  };
  const withAttachments = attachments && ((d: PDFDocument) => combine(d, attachments, meeting.style.ord, fromFrontPage));
  return finishPdf(print, metadata, headingTexts(rendered.body), withAttachments).catch((err: unknown) => {
    throw houseFault(meeting, err);
  });
}

/** One document to `file` on a browser of its own (a command that builds only now and then). */
export async function buildPdf(
  meeting: Meeting,
  file: string,
  browser: { executablePath: string; timeoutMs: number },
  made: MadeFrom,
  attachments?: Attachments,
): Promise<void> {
  await withBrowser(browser.executablePath, browser.timeoutMs, async (chromium) => {
    // The page goes when withBrowser kills the browser: closing it first would only wait, the longest on a hung one.
    const page = await PrintPage.create(chromium, { timeoutMs: browser.timeoutMs });
    await writeAtomically(file, (await printMeeting(page, meeting, undefined, made, attachments)).pdf);
  });
}

/** Documents made from now on read the templates and the stylesheet anew (a process that outlives an edit of them). */
export { reloadTemplates } from '../render/html.js';
