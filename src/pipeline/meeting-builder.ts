import { approvalLogFile } from '../approval/approval-log.js';
import { checkShared, type CheckedShared } from '../check/check.js';
import { committeeInNames, type CommitteeFolder } from '../input/repository.js';
import type { Target } from './select.js';
import type { Audience, Meeting } from '../model/meeting.js';
import type { Printer } from '../pdf/printer.js';
import { renderDocument } from '../render/html.js';
import { AgendaError, InputError, isError, UsageError, type Finding } from '../shared/errors.js';
import { writeAllAtomically } from '../shared/files.js';
import { caseHistoryDigest, fingerprintsOnce, once, type Fingerprints } from './fingerprint.js';
import { misnamedMeetingFiles } from '../input/meeting-names.js';
import { historyOnce } from './case-history.js';
import { keptPdfs, type KeptPdfs } from './kept-pdfs.js';
import { folderListings, type Listed } from '../input/folder-listing.js';
import { checkAddenda } from './addenda.js';
import { closedElsewhereOnce } from './closed-elsewhere.js';
import { openAttachments } from './combine.js';
import { withCorrection } from './correction.js';
import { printMeeting, readMeeting } from './document.js';
import { approvalsOf } from './approval.js';
import {
  attachmentsOf,
  filesBeforeReading,
  inputsOf,
  outputFile,
  outputsOf,
  versionFor,
  type Output,
  type OutputRequest,
} from './output.js';
import { sendLogFile } from '../send/send-log.js';

export interface DocumentResult {
  /** The committee's id, where the repository has several. */
  udvalg?: string;
  date: string;
  audience: Audience;
  /** Where the PDF was written, or is as it was; absent when the document failed. */
  pdf?: string;
  /** The PDF there was kept: it records being made from these very inputs and is as the tool made it. */
  kept?: boolean;
  error?: AgendaError;
}

/** Where a batch reads its meetings and writes its documents. */
interface Destination {
  dir?: string;
  out?: string;
  outDir?: string;
  html?: string;
  samlet?: boolean;
  /** In the combined document, each item's attachments right after its pages. */
  bilagEfterPunkt?: boolean;
  /** Print every document, though the PDF there was made from the same inputs. */
  force?: boolean;
  /** The LibreOffice to convert office attachments with (default: found as `findOfficeConverter` does). */
  libreoffice?: string;
  /** Every meeting file of the folders (--all), where a file of a date not in the calendar stops each meeting. */
  all?: boolean;
}

/**
 * The work of a batch for one meeting: read and checked once, then each version asked for printed.
 * The shared files are checked once for all; their warnings are told at once, each meeting's as it is read.
 */
export function meetingBuilder(
  request: Destination,
  audiences: Audience[],
  warn: (findings: Finding[]) => void,
  done: (result: DocumentResult) => DocumentResult,
) {
  const warnings: Finding[] = [];
  const checked = new Map<string, Promise<CheckedShared>>();
  /** The documents' fingerprints, each file read once for the batch; the case history read once too. */
  const listed = folderListings();
  const fingerprints = fingerprintsOnce(listed);
  /** The PDFs found sealed, recorded so that the next run need not read them (kept-pdfs.ts). */
  const pdfs = keptPdfs(listed);
  const history = historyOnce();
  /** A committee's shared files, checked once; their errors come with each meeting's (it cannot be built), their warnings once. */
  // Checked alone, untold: the look at what the archive's committees close (closed-elsewhere.ts) reads
  // committees this build does not build, whose warnings are not its own.
  const checkedOf = (folder: CommitteeFolder) => once(checked, folder.dir, () => checkShared(folder));
  const warned = new Set<string>();
  const sharedOf = async (folder: CommitteeFolder) => {
    const shared = await checkedOf(folder);
    if (!warned.has(folder.dir)) {
      warned.add(folder.dir);
      const own = shared.findings.filter((f) => f.warning);
      warnings.push(...own);
      warn(own);
    }
    return shared;
  };
  /** The files of a committee's folder that a date names but no meeting is read from: warned of once, an error stops each of its meetings. */
  const misnamed = new Map<string, Promise<Finding[]>>();
  const misnamedIn = (folder: CommitteeFolder) =>
    once(misnamed, folder.dir, async () => {
      const found = await misnamedMeetingFiles(folder.dir, request.all ?? false, listed);
      const own = found.filter((f) => f.warning);
      warnings.push(...own);
      warn(own);
      return found.filter(isError);
    });
  /** What the committee's other meetings close, which a public document must not name open (closed-elsewhere.ts). */
  const elsewhere = closedElsewhereOnce(fingerprints, checkedOf, { fresh: request.force ?? false });
  const meeting = async ({ folder, date }: Target, printer: Printer): Promise<DocumentResult[]> => {
    const udvalg = committeeInNames(folder);
    // Before a kept PDF is taken: a file its fingerprint does not count (a new one, misnamed) is told by every build;
    // and, for the public, a file another meeting closes (since), which no public PDF's fingerprint counts.
    const wrongNames = await misnamedIn(folder);
    const closedElsewhere = audiences.includes('offentlig') && wrongNames.length === 0 ? await elsewhere.of(folder, date) : [];
    const stops = [...wrongNames, ...closedElsewhere];
    if (stops.length > 0) return audiences.map((audience) => done({ udvalg, date, audience, error: new InputError(stops) }));
    const kept = await keptUnread(request, { folder, date, audiences }, { fingerprints, listed, pdfs });
    if (kept) return kept.map(({ audience, pdf }) => done({ udvalg, date, audience, pdf, kept: true }));
    const read = await readMeeting(folder, date, await sharedOf(folder), history)
      .then(async (r) => {
        await checkAddenda(r.sources, r.meeting);
        return { ...r, meeting: await withCorrection(folder.dir, r.meeting) };
      })
      .catch(failed);
    if (read instanceof AgendaError) return audiences.map((audience) => done({ udvalg, date, audience, error: read }));
    warnings.push(...read.warnings);
    warn(read.warnings);
    /** check's opening of the attachment files, once a meeting, where something is to be printed: a build that keeps every PDF opens none. */
    let attachmentsChecked: Promise<void> | undefined;
    const checkOnce = () => (attachmentsChecked ??= checkAttachments(audiences, folder.dir, read.meeting, request));
    /** One document: kept where its PDF records these very inputs (a build where nothing changed prints nothing), else printed. */
    const print = async (output: Output): Promise<Omit<DocumentResult, 'date' | 'audience'>> => {
      const { document: version } = output;
      const pdf = outputFile(output, request);
      // Its files are opened first: a bad one stops this document before anything is printed.
      const attachments = await attachmentsOf(output, folder.dir, request).catch(failed);
      if (attachments instanceof AgendaError) return { error: attachments };
      const own = await fingerprints(folder.dir, date, version.audience, caseHistoryDigest(version));
      const inputs = inputsOf(output, own, attachments);
      if (await keeps(request, pdfs, pdf, inputs)) return { pdf, kept: true };
      // A combined document opened its files just above; any other opens check's before it is printed.
      const refused = attachments ? undefined : await checkOnce().then(() => undefined, failed);
      if (refused) return { error: refused };
      // Rendered before the page is free, so the first rendering runs while the browser starts. Each
      // version guesses its headings from its own layout: where closed text is left out of the public
      // version, its headings fall elsewhere than the members'.
      const first = renderDocument(version, undefined, attachments?.pages);
      const printing = printer.run(async (page) => {
        const printed = await printMeeting(page, version, first, { inputs, dir: folder.dir }, attachments);
        await writeAllAtomically([
          { file: pdf, data: printed.pdf },
          ...(request.html ? [{ file: request.html, data: printed.html() }] : []),
        ]);
        await pdfs.written(pdf);
      });
      const error = await printing.then(() => undefined, failed);
      return error ? { error } : { pdf };
    };
    const log = await approvalsOf(folder.dir, read).catch(failed);
    if (log instanceof AgendaError) return audiences.map((audience) => done({ udvalg, date, audience, error: log }));
    // Each version's documents: the agenda and its addenda (tillægsdagsordener), or the minutes with their approvals.
    const outputs = outputsOf(read.meeting, outputRequest(request, audiences), log);
    // An approved version is written beside the file named (its -godkendt.pdf); an addendum has no name of its own to go by.
    if (outputs.filter((o) => !o.approved).length > audiences.length && (request.out || request.html))
      throw new UsageError(
        `--out and --html name one file, and ${date} is an agenda with its tillægsdagsorden: build without them, into out/`,
      );
    const results: DocumentResult[] = [];
    for (const output of outputs) results.push(done({ udvalg, date, audience: output.document.audience, ...(await print(output)) }));
    return results;
  };
  return { meeting, warnings, save: pdfs.save };
}

/**
 * The attachment files opened as `agenda check` opens them (an office file converted), so that build
 * refuses what check refuses, though a PDF without its attachments needs none of them: a bad file is an
 * InputError at its `fil:`; no LibreOffice, the one line of a combined document's build. A build of the
 * public version alone opens the public version's, as every public output does: a closed file is never
 * opened for one (`agenda check` and a members' build open it).
 */
async function checkAttachments(audiences: Audience[], dir: string, meeting: Meeting, office: Destination): Promise<void> {
  await openAttachments(dir, versionFor(meeting, audiences.includes('medlemmer') ? 'medlemmer' : 'offentlig'), office);
}

/** The outputs a build makes of each meeting: the audiences' documents, alone or (--samlet) combined. */
function outputRequest(request: Destination, audiences: Audience[]): OutputRequest {
  return { audiences, combined: request.samlet ? 'instead' : undefined, afterItem: request.bilagEfterPunkt };
}

/** Whether the PDF there stays as it is: made from these inputs and unchanged since, where no print was asked for (--force, --html). */
async function keeps(request: Destination, pdfs: KeptPdfs, pdf: string, inputs: string): Promise<boolean> {
  if (request.force || request.html) return false;
  return pdfs.keptAsMade(pdf, inputs);
}

/** A document's own failure, kept to report with the others; anything else ends the batch. */
function failed(error: unknown): AgendaError {
  if (error instanceof AgendaError && !(error instanceof UsageError)) return error;
  throw error;
}

/**
 * Where every output asked for of a meeting (an agenda without addenda, or minutes) is kept, their PDFs, told before the meeting is read:
 * reading and checking it is most of a build that prints nothing (some 30 ms a meeting, minutes for
 * an archive). Its fingerprint is the same as when its PDF was made, so it would read as it did then
 * (its checks passed, and its warnings were told). A meeting that takes up a case is read: its
 * fingerprint holds the case's steps as its document shows them (caseHistoryDigest), known only from
 * the meeting merged, so a PDF of one is never sealed over the fingerprint made here. Not for the combined
 * document, whose fingerprint counts its attachment files, opened with the meeting.
 */
async function keptUnread(
  request: Destination,
  { folder, date, audiences }: { folder: CommitteeFolder; date: string; audiences: Audience[] },
  { fingerprints, listed, pdfs }: { fingerprints: Fingerprints; listed: Listed; pdfs: KeptPdfs },
): Promise<Array<{ audience: Audience; pdf: string }> | undefined> {
  if (request.force || request.html || request.samlet) return undefined;
  // Approvals make a -godkendt.pdf beside the minutes from the approval log, which is no input of the minutes' own fingerprint.
  if (await listed.existsFollowing(approvalLogFile(folder.dir, date))) return undefined;
  const kept: Array<{ audience: Audience; pdf: string }> = [];
  for (const audience of audiences) {
    const candidates = filesBeforeReading(folder, date, audience, request);
    const pdf = await pdfs.firstKeptAsMade(candidates, () => fingerprints(folder.dir, date, audience));
    // An agenda sent is read: it may have been corrected since by a file its fingerprint does not count (Rettet
    // dagsorden), and only once it went out may it have addenda (tillægsdagsordener), outputs of the same fingerprint
    // that the list of its outputs names once it is read; an agenda never sent has none (checkAddenda refuses them).
    if (!pdf || (pdf === candidates[0] && (await listed.existsFollowing(sendLogFile(folder.dir, date))))) return undefined;
    kept.push({ audience, pdf });
  }
  return kept;
}
