import { checkShared, loadMeeting, type CheckedShared, type MeetingSources } from './check/check.js';
import { AgendaError, type Finding } from './errors.js';
import { meetingDates } from './input/load.js';
import { findCommittees, type CommitteeFolder } from './input/repository.js';
import { buildMeeting } from './model/merge.js';
import type { Meeting } from './model/meeting.js';
import { headingTexts } from './pdf/headings.js';
import { printWithContents } from './pdf/paginate.js';
import { finishPdf } from './pdf/postprocess.js';
import { withBrowser } from './pdf/browser.js';
import { PrintPage } from './pdf/print.js';
import { writeAtomically } from './output.js';
import { documentSubject, documentTitle, renderDocument } from './render/html.js';

/** Load, check and merge a meeting and its shared files (or those given, checked once for many): everything that needs no browser. */
export async function readMeeting(folder: CommitteeFolder, date: string, shared?: CheckedShared): Promise<{ meeting: Meeting; sources: MeetingSources; warnings: Finding[] }> {
  const { sources, warnings } = await loadMeeting(folder, date, shared);
  const history = takesUpCases(sources) ? await repositoryMeetings(folder.root, folder) : [];
  return { meeting: buildMeeting(sources, history), sources, warnings };
}

function takesUpCases(sources: MeetingSources): boolean {
  return (sources.meeting.punkter ?? []).some((p) => p.sag !== undefined) || sources.standingItems.punkter.some((p) => p.sag !== undefined);
}

/**
 * The meetings of the repository's other committees (all of them but `except`), merged, in date
 * order: where a case's earlier decisions are read from. A meeting that does not pass its checks is
 * left out; its own build tells why.
 */
export async function repositoryMeetings(root: string, except?: CommitteeFolder): Promise<Meeting[]> {
  const meetings: Meeting[] = [];
  for (const folder of await findCommittees(root)) {
    if (except && folder.dir === except.dir) continue;
    const shared = await checkShared(folder);
    for (const date of await meetingDates(folder.dir)) {
      const loaded = await loadMeeting(folder, date, shared).catch((err: unknown) => {
        if (err instanceof AgendaError) return undefined;
        throw err;
      });
      if (loaded) meetings.push(buildMeeting(loaded.sources));
    }
  }
  return meetings.sort((a, b) => a.date.localeCompare(b.date));
}

export interface PrintedDocument {
  /** The HTML of the final print, with the real page numbers, made when asked for. */
  html: () => string;
  pdf: Uint8Array;
}

/**
 * Render and print a meeting in `page`, with its contents' page numbers, metadata and outline made
 * right. `first`, its rendering without page numbers, may be made beforehand, while the browser starts.
 */
export async function printMeeting(page: PrintPage, meeting: Meeting, first = renderDocument(meeting)): Promise<PrintedDocument> {
  const { doc, rendered } = await printWithContents(page, (headings) => renderDocument(meeting, headings), first);
  const metadata = { title: documentTitle(meeting), author: meeting.authority, subject: documentSubject(meeting), language: 'da' };
  return { html: rendered.html, pdf: await finishPdf(doc, metadata, headingTexts(rendered.body)) };
}

/** One document to `file` on a browser of its own (a command that builds only now and then). */
export async function buildPdf(meeting: Meeting, file: string, browser: { executablePath: string; timeoutMs: number }): Promise<void> {
  await withBrowser(browser.executablePath, browser.timeoutMs, async (chromium) => {
    const page = await PrintPage.create(chromium, { timeoutMs: browser.timeoutMs });
    try {
      await writeAtomically(file, (await printMeeting(page, meeting)).pdf);
    } finally {
      await page.close();
    }
  });
}
