import path from 'node:path';
import { loadMeeting, type CheckedShared } from '../check/check.js';
import type { CommitteeFolder } from '../input/repository.js';
import { repositoryMeetings, takesUpCases, type HistoryReader } from './case-history.js';
import type { MeetingSources } from '../input/sources.js';
import { buildMeeting } from '../model/merge.js';
import type { Audience, DocumentKind, Meeting } from '../model/meeting.js';
import { publicVersion } from '../model/public.js';
import { documentsOf } from '../model/addenda.js';
import { headingTexts } from '../pdf/headings.js';
import { printWithContents } from '../pdf/paginate.js';
import { finishPdf } from '../pdf/postprocess.js';
import { withBrowser } from '../pdf/browser.js';
import { PrintPage } from '../pdf/print.js';
import { documentSubject, documentTitle, renderDocument } from '../render/html.js';
import type { Finding } from '../shared/errors.js';
import { writeAtomically } from '../shared/files.js';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { combine, type Attachments } from './combine.js';
import { houseFault, proveContents } from './contents-proof.js';

/**
 * A meeting's sources read, checked and merged into the model: everything that needs no browser.
 * Given the shared files already checked (for many meetings), their warnings are left to the caller;
 * many meetings read the repository's for their cases' history once, with a run's `historyOnce`.
 */
export async function readMeeting(
  committee: string | CommitteeFolder,
  date: string,
  shared?: CheckedShared,
  readHistory: HistoryReader = repositoryMeetings,
): Promise<{ meeting: Meeting; sources: MeetingSources; warnings: Finding[] }> {
  const { sources, warnings } = await loadMeeting(committee, date, shared);
  const history = takesUpCases(sources) ? await readHistory(sources.folder.root, sources.folder) : [];
  return { meeting: buildMeeting(sources, history), sources, warnings };
}

/** Checked sources merged into the meeting, as the audience may see it; a case's earlier decisions read from the repository. */
export async function meetingFor(sources: MeetingSources, audience: Audience): Promise<Meeting> {
  const history = takesUpCases(sources) ? await repositoryMeetings(sources.folder.root, sources.folder) : [];
  return versionFor(buildMeeting(sources, history), audience);
}

/** The documents the audience's version of the meeting is made into: the agenda and its addenda, or the minutes. */
export async function documentsFor(sources: MeetingSources, audience: Audience): Promise<Meeting[]> {
  return documentsOf(await meetingFor(sources, audience));
}

/** The meeting as the audience may see it: the members' version holds everything, the public one nothing closed. */
export function versionFor(meeting: Meeting, audience: Audience): Meeting {
  return audience === 'offentlig' ? publicVersion(meeting) : meeting;
}

/**
 * `out/2023-11-22-dagsorden.pdf`, or `-referat.pdf` once the meeting holds decisions, an addendum
 * `-tillaegsdagsorden.pdf`; the public
 * version ends in `-offentlig.pdf`, so the two cannot be mistaken for each other. In a repository of
 * several committees the name begins with the committee's (`out/ØK-2023-11-22-dagsorden.pdf`), so
 * two committees meeting on the same day never overwrite each other.
 */
export function defaultPdfPath(meeting: Pick<Meeting, 'audience' | 'committeeId' | 'date' | 'kind' | 'addendum'>, outDir = 'out'): string {
  const audience = meeting.audience === 'offentlig' ? '-offentlig' : '';
  const committee = meeting.committeeId ? `${meeting.committeeId}-` : '';
  return path.join(outDir, `${committee}${meeting.date}-${kindInFileName(meeting)}${audience}.pdf`);
}

/** `dagsorden`, `referat`, `tillaegsdagsorden` (the second and later `tillaegsdagsorden-2`): letters any file system and mail program keep. */
function kindInFileName(meeting: Pick<Meeting, 'kind' | 'addendum'>): string {
  if (meeting.kind !== 'tillægsdagsorden') return meeting.kind;
  return `tillaegsdagsorden${(meeting.addendum ?? 1) > 1 ? `-${meeting.addendum}` : ''}`;
}

const documentKinds: DocumentKind[] = ['dagsorden', 'referat'];

/**
 * Where `defaultPdfPath` puts a meeting's document before the meeting is read: its kind (agenda or
 * minutes) is known only from its items, so under either name.
 */
export function pdfPathsBeforeReading(folder: CommitteeFolder, date: string, audience: Audience, outDir?: string): string[] {
  const committeeId = folder.named ? folder.id : undefined;
  return documentKinds.map((kind) => defaultPdfPath({ audience, committeeId, date, kind }, outDir));
}

/** The combined document (samlet dokument) beside it: `out/2023-11-22-dagsorden-samlet.pdf`, `-offentlig-samlet.pdf`. */
export function combinedPdfPath(meeting: Meeting, outDir?: string): string {
  return defaultPdfPath(meeting, outDir).replace(/\.pdf$/, '-samlet.pdf');
}

export interface PrintedDocument {
  /** The HTML of the final print, with the real page numbers, made when asked for. */
  html: () => string;
  pdf: Uint8Array;
  /** Where its headings are: a guess that saves a print of the next version of the same document. */
  headings: HeadingPages;
}

/**
 * Render and print a meeting in `page`, with its contents' page numbers, metadata and outline made
 * right, and the fingerprint of its `inputs` recorded; given its `attachments`, the combined document
 * with them after the agenda. `guess`, where an earlier version's headings were (see
 * printWithContents), may save a print; `first`, its rendering with that guess (or without page
 * numbers), may be made beforehand, while the browser starts.
 */
export async function printMeeting(
  page: PrintPage,
  meeting: Meeting,
  first?: RenderedDocument,
  inputs?: string,
  attachments?: Attachments,
  guess?: HeadingPages,
): Promise<PrintedDocument> {
  const render = (headings?: HeadingPages) => renderDocument(meeting, headings, attachments?.pages);
  const { doc, bytes, rendered, headings } = await printWithContents(page, render, first ?? render(guess), guess).catch((err: unknown) => {
    throw houseFault(meeting, err);
  });
  // A combined document's numbers count its attachments, which are not in this print.
  if (!attachments) await proveContents(meeting, bytes, rendered, headings);
  const fromFrontPage = meeting.style.sidetal_fra === 'forside';
  const metadata = {
    title: documentTitle(meeting),
    author: meeting.authority,
    subject: documentSubject(meeting),
    language: 'da',
    inputs,
    pageLabels: { fromFrontPage, frontPage: meeting.style.ord.forside, contents: meeting.style.ord.indhold },
  };
  const withAttachments = attachments && ((d: PDFDocument) => combine(d, attachments, meeting.style.ord, fromFrontPage));
  const pdf = await finishPdf({ doc, bytes }, metadata, headingTexts(rendered.body), withAttachments).catch((err: unknown) => {
    throw houseFault(meeting, err);
  });
  return { html: rendered.html, pdf, headings };
}

/** One document to `file` on a browser of its own (a command that builds only now and then). */
export async function buildPdf(
  meeting: Meeting,
  file: string,
  browser: { executablePath: string; timeoutMs: number },
  inputs: string,
  attachments?: Attachments,
): Promise<void> {
  await withBrowser(browser.executablePath, browser.timeoutMs, async (chromium) => {
    // The page goes when withBrowser kills the browser: closing it first would only wait, the longest on a hung one.
    const page = await PrintPage.create(chromium, { timeoutMs: browser.timeoutMs });
    await writeAtomically(file, (await printMeeting(page, meeting, undefined, inputs, attachments)).pdf);
  });
}

/** Documents made from now on read the templates and the stylesheet anew (a process that outlives an edit of them). */
export { reloadTemplates } from '../render/html.js';
