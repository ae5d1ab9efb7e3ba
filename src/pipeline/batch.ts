import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Audience } from '../model/meeting.js';
import { findBrowser, startBrowser, type BrowserSession } from '../pdf/browser.js';
import { Printer } from '../pdf/printer.js';
import { eachAtOnce } from '../shared/each-at-once.js';
import { UsageError, type Finding } from '../shared/errors.js';
import { growHeapSlowly } from '../shared/heap.js';
import type { LeftoverPdf } from './leftover-pdfs.js';
import type { DocumentResult } from './meeting-builder.js';
import type { RenamedPdf } from './renamed-pdfs.js';
import type { Output } from './output.js';
import { refuseTargets } from './targets.js';
import type { HeadingPages } from '../shared/printable.js';

export type { DocumentResult };

export interface BatchRequest {
  /** One committee's folder, named directly; without it, the committee `udvalg` names, or every committee of the repository here. */
  dir?: string;
  udvalg?: string;
  /** Meeting dates or ranges (2023-01-01..2023-06-30), as `selectTargets` reads them; with `all`, none. */
  dates: string[];
  all?: boolean;
  /** The versions to make of each meeting (default: the members'). */
  audiences?: Audience[];
  /** Where the PDF of a single document goes (default: its `defaultPdfPath` in `outDir`). */
  out?: string;
  /** The folder of the PDFs named by `defaultPdfPath` (default: out, under the working folder). */
  outDir?: string;
  /** Also write the printed HTML of a single document here. */
  html?: string;
  /** The browser to print with (default: found as `findBrowser` does). */
  browser?: string;
  timeoutMs?: number;
  /** Documents printed at once (default: one per core, at most four). */
  jobs?: number;
  /** The combined documents (samlet dokument): each agenda with its attachment files after it. */
  samlet?: boolean;
  /** In the combined documents, each item's attachments right after its pages (`--bilag-efter-punkt`). */
  bilagEfterPunkt?: boolean;
  /** Print every document, though its PDF there was made from the same inputs (`--force`). */
  force?: boolean;
  /** The LibreOffice to convert office attachments with (default: found as `findOfficeConverter` does). */
  libreoffice?: string;
}

/** What a batch tells as it goes: warnings of files read, and each document done. */
export type BatchEvent =
  { type: 'warnings'; findings: Finding[] } | { type: 'document'; result: DocumentResult; done: number; total: number };

export interface BatchResult {
  /** In the order of the dates, each meeting's versions in the order asked for. */
  documents: DocumentResult[];
  warnings: Finding[];
  seconds: number;
  /** With `all`: the PDFs of out/ whose meeting file is gone (leftover-pdfs.ts). */
  leftovers: LeftoverPdf[];
  /** With `all`: the PDFs of out/ under a name no longer made, of a meeting still built (renamed-pdfs.ts). */
  renamed: RenamedPdf[];
}

/**
 * Many documents on one browser, several pages at once. The checks of `agenda check` run first for
 * each meeting: an error stops that meeting's documents, not the others (it is in their results).
 * A mistake in the request (UsageError) or the browser not starting ends the batch.
 */
export async function buildBatch(request: BatchRequest, onEvent: (event: BatchEvent) => void = () => undefined): Promise<BatchResult> {
  if (request.bilagEfterPunkt && !request.samlet)
    throw new UsageError('--bilag-efter-punkt places the attachments of the combined document: give it with --samlet');
  const timeoutMs = request.timeoutMs ?? 60_000;
  // The browser starts when the first document is to be printed, not before: where every PDF is
  // kept, none starts. Starting it takes longest, so the meetings after it are read meanwhile.
  const session = browserOnFirstUse(request.browser, timeoutMs);
  const started = performance.now();
  try {
    const { selectTargets } = await import('./select.js');
    const { chooseCommittees } = await import('../input/repository.js');
    const folders = await chooseCommittees({ meetings: request.dir, udvalg: request.udvalg });
    const dates = await selectTargets(folders, request.dates, request.all ?? false);
    const audiences = request.audiences ?? ['medlemmer'];
    const total = dates.length * audiences.length;
    if (total > 1) growHeapSlowly();
    if (total > 1 && (request.out || request.html))
      throw new UsageError('--out and --html name one file: build one document at a time with them');
    await refuseTargets({ out: request.out, html: request.html, outDir: request.outDir, folders });
    const { meetingBuilder } = await import('./meeting-builder.js');
    let done = 0;
    const build = meetingBuilder(
      request,
      audiences,
      (findings) => findings.length > 0 && onEvent({ type: 'warnings', findings }),
      (result) => {
        onEvent({ type: 'document', result, done: ++done, total });
        return result;
      },
    );
    const printer = () => new Printer(session, { timeoutMs });
    const documents = (await eachAtOnce(dates, request.jobs ?? defaultJobs(dates.length), printer, build.meeting)).flat();
    await build.save();
    // Judged only against the repository's own committees, whose out/ it is: a folder named (--meetings), a copy or a
    // draft of them, has not the meetings out/ was made from.
    const ownCommittees = request.all && request.dir === undefined;
    const leftovers = ownCommittees ? await (await import('./leftover-pdfs.js')).leftoverPdfs(folders, request.outDir) : [];
    const renamed = ownCommittees ? await (await import('./renamed-pdfs.js')).renamedPdfs(folders, request.outDir) : [];
    return { documents, warnings: build.warnings, seconds: (performance.now() - started) / 1000, leftovers, renamed };
  } finally {
    await session.close();
  }
}

/**
 * A browser session that looks for its browser and starts it when first used, and closes only one
 * that started: a build or publication that prints nothing needs no browser, not even one installed.
 */
function browserOnFirstUse(explicit: string | undefined, timeoutMs: number): BrowserSession {
  let session: BrowserSession | undefined;
  return {
    use: (work) => (session ??= startBrowser(findBrowser({ explicit }), timeoutMs)).use(work),
    close: async () => session?.close(),
  };
}

/** A document to print: the output, and its committee's folder, which the attachment files of a combined document are in. */
export interface PrintJob {
  output: Output;
  dir: string;
}

/**
 * A browser, started when the first document is to be printed (a publication that keeps every PDF
 * starts none), to print public or members' meetings, several pages at once. Each group (a meeting's
 * documents) prints on one page in turn, each document guessing its headings where the one before had
 * them (the first, from its layout): a meeting's combined document, whose agenda pages fall as its
 * PDF's, then needs one print. Each group's PDFs are handed to `keep` as soon as they are printed (publish
 * writes them to its staging folder, so an archive's PDFs are never all in memory); what it gives, in the groups' order.
 */
export function startPrinting(options: { browser?: string; timeoutMs?: number; jobs?: number; libreoffice?: string }): {
  print: <J extends PrintJob, R>(groups: J[][], keep: (pdfs: Uint8Array[], group: J[]) => R) => Promise<R[]>;
  close: () => Promise<void>;
} {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const session = browserOnFirstUse(options.browser, timeoutMs);
  const print = async <J extends PrintJob, R>(groups: J[][], keep: (pdfs: Uint8Array[], group: J[]) => R) => {
    if (groups.length > 1) growHeapSlowly();
    const { printMeeting } = await import('./document.js');
    const { attachmentsOf } = await import('./output.js');
    const printer = () => new Printer(session, { timeoutMs });
    // Attachments are opened when their document prints, so a year of them is never all in memory.
    return eachAtOnce(groups, options.jobs ?? defaultJobs(groups.length), printer, (group, own) =>
      own.run(async (page) => {
        const pdfs: Uint8Array[] = [];
        let guess: HeadingPages | undefined;
        for (const { output, dir } of group) {
          const attachments = await attachmentsOf(output, dir, { libreoffice: options.libreoffice });
          const printed = await printMeeting(page, output.document, undefined, undefined, attachments, guess);
          pdfs.push(printed.pdf);
          guess = printed.headings;
        }
        return keep(pdfs, group);
      }),
    );
  };
  return { print, close: () => session.close() };
}

/**
 * Pages printed at once: one per core. On two cores (npm run bench, 52 meetings) one page took 13.2 s,
 * two 9.1 s, three 9.0 s, four 9.0 s: past one a core, more pages only cost memory.
 */
export function defaultJobs(documents: number): number {
  return Math.max(1, Math.min(documents, availableParallelism(), 4));
}
