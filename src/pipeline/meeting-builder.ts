import { checkShared, type CheckedShared } from '../check/check.js';
import type { CommitteeFolder } from '../input/repository.js';
import type { Target } from './select.js';
import type { Audience } from '../model/meeting.js';
import type { Printer } from '../pdf/printer.js';
import { renderDocument } from '../render/html.js';
import { AgendaError, UsageError, type Finding } from '../shared/errors.js';
import { writeAllAtomically } from '../shared/files.js';
import { historyPartOnce, inputsFingerprint, packageInputs } from './fingerprint.js';
import { historyOnce, meetingTakesUpCases } from './case-history.js';
import { openAttachments, withAttachments } from './combine.js';
import { keptAsMade } from './earlier-pdf.js';
import { checkAddenda } from './addenda.js';
import { documentsOf } from '../model/addenda.js';
import { combinedPdfPath, defaultPdfPath, printMeeting, readMeeting, versionFor } from './document.js';

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
  /** The package's part of every document's fingerprint, read once for the batch; the case history's once for each committee, and the history itself. */
  let packagePart: Promise<string> | undefined;
  const history = historyOnce();
  const historyPart = historyPartOnce();
  /** A committee's shared files, checked once; their errors come with each meeting's (it cannot be built), their warnings once. */
  const sharedOf = (folder: CommitteeFolder) => {
    if (!checked.has(folder.dir)) {
      checked.set(
        folder.dir,
        checkShared(folder).then((shared) => {
          const own = shared.findings.filter((f) => f.warning);
          warnings.push(...own);
          warn(own);
          return shared;
        }),
      );
    }
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- set just above when missing
    return checked.get(folder.dir)!;
  };
  const meeting = async ({ folder, date }: Target, printer: Printer): Promise<DocumentResult[]> => {
    const udvalg = folder.named ? folder.id : undefined;
    const read = await readMeeting(folder, date, await sharedOf(folder), history)
      .then(async (r) => (await checkAddenda(r.sources, r.meeting), r))
      .catch(failed);
    if (read instanceof AgendaError) return audiences.map((audience) => done({ udvalg, date, audience, error: read }));
    warnings.push(...read.warnings);
    warn(read.warnings);
    const results: DocumentResult[] = [];
    // Each version's documents: the agenda and its addenda (tillægsdagsordener), or the minutes.
    const documents = audiences.flatMap((a) => documentsOf(versionFor(read.meeting, a)).map((d) => [a, d] as const));
    if (documents.length > 1 && (request.out || request.html))
      throw new UsageError(
        `--out and --html name one file, and ${date} is an agenda with its tillægsdagsorden: build without them, into out/`,
      );
    for (const [audience, version] of documents) {
      const pdf = request.out ?? (request.samlet ? combinedPdfPath(version, request.outDir) : defaultPdfPath(version, request.outDir));
      // Its files are opened first: a bad one stops this document before anything is printed.
      const attachments = request.samlet
        ? await openAttachments(folder.dir, version, { afterItem: request.bilagEfterPunkt, libreoffice: request.libreoffice }).catch(failed)
        : undefined;
      if (attachments instanceof AgendaError) {
        results.push(done({ udvalg, date, audience, error: attachments }));
        continue;
      }
      // A PDF made from the same inputs is kept: a build where nothing changed prints nothing.
      const inputs = withAttachments(
        await inputsFingerprint(
          folder.dir,
          date,
          audience,
          meetingTakesUpCases(read.meeting),
          (packagePart ??= packageInputs()),
          historyPart,
        ),
        attachments,
      );
      if (await keeps(request, pdf, inputs)) {
        results.push(done({ udvalg, date, audience, pdf, kept: true }));
        continue;
      }
      // Rendered before the page is free, so the first rendering runs while the browser starts. Each
      // version guesses its headings from its own layout: where closed text is left out of the public
      // version, its headings fall elsewhere than the members'.
      const first = renderDocument(version, undefined, attachments?.pages);
      const printing = printer.run(async (page) => {
        const printed = await printMeeting(page, version, first, inputs, attachments);
        await writeAllAtomically([
          { file: pdf, data: printed.pdf },
          ...(request.html ? [{ file: request.html, data: printed.html() }] : []),
        ]);
      });
      const error = await printing.then(() => undefined, failed);
      results.push(done(error ? { udvalg, date, audience, error } : { udvalg, date, audience, pdf }));
    }
    return results;
  };
  return { meeting, warnings };
}

/** Whether the PDF there stays as it is: made from these inputs and unchanged since, where no print was asked for (--force, --html). */
async function keeps(request: Destination, pdf: string, inputs: string): Promise<boolean> {
  if (request.force || request.html) return false;
  return keptAsMade(pdf, inputs);
}

/** A document's own failure, kept to report with the others; anything else ends the batch. */
function failed(error: unknown): AgendaError {
  if (error instanceof AgendaError && !(error instanceof UsageError)) return error;
  throw error;
}
