import type { PDFDocument } from '@cantoo/pdf-lib';
import { markPageFurniture } from './artifacts.js';
import { describeLinks } from './link-descriptions.js';
import { addListBodies } from './list-bodies.js';
import { canonicalize } from './canonical.js';
import { forTheViewer, type PageLabels } from './viewer.js';
import { loadPdf, OutlineMismatch, outlineEntries } from './outline.js';
import { pdfLib } from './pdf-lib.js';
import { PdfText } from './page-text.js';
import { mapRoles } from './role-map.js';
import { seal, sealHolds, sealKey } from './seal.js';
import { holdsAttachmentPages } from './stamp.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  language: string;
  /** The fingerprint of the inputs (input/fingerprint.ts), kept in the document's information with the document's seal (seal.ts). */
  inputs?: string;
  /** Whom the document is for, in the clerk's word ('medlemmer', 'offentlig'): kept in plain form in the document's information. */
  audience?: string;
  /**
   * The committee's name (udvalg.yaml's navn), kept in plain form: where its meeting file is gone, `build --all` tells
   * by it a PDF of its own committee in out/ from one another committee's folder built there (pipeline/leftover-pdfs.ts).
   */
  committee?: string;
  /**
   * The meeting file it was made from, as its committee folder's name and the file's (`meetings/2023-11-22.yaml`), kept
   * in plain form: `build --all` removes a PDF whose meeting file is gone only where it records being made from that
   * file of that folder (pipeline/leftover-pdfs.ts), not from a file of the same name in a colleague's draft folder.
   */
  meetingFile?: string;
  /** The page labels a viewer shows (the house's sidetal_fra and its words for the front page and contents); none without. */
  pageLabels?: PageLabels;
}

/** The key of the document information that holds the inputs' fingerprint. */
const inputsKey = 'AgendaInputs';
/** The creator every PDF agenda finishes names (Chromium's own is replaced). */
const creator = 'agenda';

/**
 * The key of the document information that holds the audience in plain form. The fingerprint counts the
 * audience too, but hashed: only the members' document, at hand, tells it apart, and not one made from
 * other inputs (an earlier build's). A file named as the sealed public minutes is asked this instead
 * (pipeline/sealed-public.ts).
 */
const audienceKey = 'AgendaAudience';

/** The key of the document information that holds the committee's name (PdfMetadata.committee), as text of any language. */
const committeeKey = 'AgendaUdvalg';

/** The key of the document information that holds the meeting file it was made from (PdfMetadata.meetingFile), as text. */
const meetingFileKey = 'AgendaMoedefil';

/**
 * What Chromium leaves undone: it writes no author or subject, and its outline titles can be wrong
 * (a heading at a forced page break comes out with its text twice, one that wraps loses a space).
 * Loading and saving the same document with pdf-lib keeps its structure tree and outline; it is
 * copyPages that drops them. `print` is the document as Chromium printed it, parsed and as bytes, and
 * read with pdf.js where the caller read it so already (its `text`, which the caller closes). `extend`
 * adds to the finished document before it is saved (the attachments of a combined document).
 */
export async function finishPdf(
  print: { doc: PDFDocument; bytes: Uint8Array; text?: PdfText },
  meta: PdfMetadata,
  headings: string[],
  extend?: (doc: PDFDocument) => Promise<void>,
): Promise<Uint8Array> {
  const text = print.text ?? new PdfText(print.bytes);
  try {
    return await finish(print.doc, text, meta, headings, extend);
  } finally {
    if (!print.text) await text.close();
  }
}

async function finish(
  doc: PDFDocument,
  text: PdfText,
  meta: PdfMetadata,
  headings: string[],
  extend?: (doc: PDFDocument) => Promise<void>,
): Promise<Uint8Array> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setCreator(creator);
  await withoutDates(doc);
  if (meta.inputs) await Promise.all([record(doc, inputsKey, meta.inputs), record(doc, sealKey, meta.inputs)]);
  if (meta.audience) await record(doc, audienceKey, meta.audience);
  if (meta.committee) await recordText(doc, committeeKey, meta.committee);
  if (meta.meetingFile) await recordText(doc, meetingFileKey, meta.meetingFile);
  await retitleOutline(doc, headings);
  await forTheViewer(doc, meta.pageLabels);
  // For a screen reader, before the attachments are placed: they come with no tags of their own.
  await Promise.all([markPageFurniture(doc), mapRoles(doc), addListBodies(doc), describeLinks(doc, text)]);
  await extend?.(doc);
  // Renumbered last, with everything in place: what pdf-lib would embed only on saving is embedded
  // first, so no reference it holds points at a number given to another object.
  await doc.flush();
  await canonicalize(doc);
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  return meta.inputs ? seal(bytes, meta.inputs) : bytes;
}

async function record(doc: PDFDocument, key: string, value: string): Promise<void> {
  const { PDFDict, PDFName, PDFString } = await pdfLib();
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of(key), PDFString.of(value));
}

/** A text as the title is kept (UTF-16 where it is not plain ASCII: "Økonomiudvalget"). */
async function recordText(doc: PDFDocument, key: string, value: string): Promise<void> {
  const { PDFDict, PDFName, PDFHexString } = await pdfLib();
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of(key), PDFHexString.fromText(value));
}

/**
 * Whether a PDF's bytes hold the inputs' entry with this fingerprint, as `finishPdf` writes it into the
 * document information, which is not compressed (seal.ts finds the seal's entry beside it so): a quick
 * no for a PDF made from other inputs, before its seal is hashed.
 */
export function recordsInputs(bytes: Uint8Array, inputs: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(`/${inputsKey} (${inputs})`, 0, 'latin1');
}

/**
 * Every audience a PDF's bytes record in the audience's entry, as `finishPdf` writes it (uncompressed): read
 * without parsing the document, every revision's entry (an update that rewrote the information adds one),
 * each as its plain word; '' for an entry written otherwise (a hex string, another program's save).
 */
export function audiencesRecordedIn(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return [...text.matchAll(new RegExp(`/${audienceKey}(?![\\w#])\\s*(?:\\(([a-z]*)\\))?`, 'g'))].map(([, audience = '']) => audience);
}

/** Whether a PDF's bytes record, in plain form (audiencesRecordedIn), being made for the public and for no one else: it holds nothing closed. */
export function recordsPublicAlone(bytes: Uint8Array): boolean {
  const audiences = audiencesRecordedIn(bytes);
  return audiences.length > 0 && audiences.every((audience) => audience === 'offentlig');
}

/** What a PDF of ours records of what it was made from (finishPdf), besides its inputs' fingerprint. */
export interface RecordedOrigin {
  /** Its committee's name (PdfMetadata.committee). */
  committee?: string;
  /** Its author: the authority (the municipality), as every PDF of ours names it. */
  authority?: string;
  /** Its meeting file (PdfMetadata.meetingFile): none in a PDF made before agenda recorded it. */
  meetingFile?: string;
}

/**
 * What a PDF of ours records: the inputs' fingerprint, whether its bytes are still those it was made as (its seal
 * holds), and what it records of its committee, authority and meeting file (RecordedOrigin); undefined for any other
 * file, or one that is not a PDF.
 */
export async function recordedInputs(bytes: Uint8Array): Promise<({ inputs: string; unchanged: boolean } & RecordedOrigin) | undefined> {
  const { PDFDict, PDFHexString, PDFName, PDFString } = await pdfLib();
  try {
    const doc = await loadPdf(bytes);
    const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict);
    const [inputs, digest] = [inputsKey, sealKey].map((key) => info?.lookupMaybe(PDFName.of(key), PDFString)?.asString());
    if (inputs === undefined) return undefined;
    const text = (key: string) => info?.lookupMaybe(PDFName.of(key), PDFString, PDFHexString)?.decodeText();
    const origin = { committee: text(committeeKey), authority: text('Author'), meetingFile: text(meetingFileKey) };
    return {
      inputs,
      unchanged: digest !== undefined && sealHolds(bytes, digest, inputs),
      ...Object.fromEntries(Object.entries(origin).filter(([, value]) => value !== undefined)),
    };
  } catch {
    return undefined;
  }
}

/**
 * The committee (PdfMetadata.committee) and the title a PDF's document information records, as agenda wrote them, and
 * whether it holds its attachments' pages (a combined document: holdsAttachmentPages);
 * none of either it does not record, or where it does not read as a PDF. Parsed: a PDF publish did not write, in the site.
 */
export async function recordedDocument(bytes: Uint8Array): Promise<{ committee?: string; title?: string; combined?: boolean }> {
  const { PDFDict, PDFHexString, PDFName, PDFString } = await pdfLib();
  try {
    const doc = await loadPdf(bytes);
    const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict);
    const text = (key: string) => info?.lookupMaybe(PDFName.of(key), PDFString, PDFHexString)?.decodeText();
    return { committee: text(committeeKey), title: text('Title'), combined: await holdsAttachmentPages(doc) };
  } catch {
    return {};
  }
}

/**
 * Whether a PDF is one agenda made, as it made it or changed since (annotated, saved again, its seal broken): its
 * information records an inputs' fingerprint or names agenda its creator (a diff's PDF records no inputs). Found in
 * the bytes where finishPdf left it (uncompressed, and an incremental save keeps it); parsed only where another
 * program may have compressed the document's objects (object streams), which finishPdf never makes.
 */
export async function isAgendaPdf(bytes: Uint8Array): Promise<boolean> {
  const { PDFDict, PDFHexString, PDFName, PDFString } = await pdfLib();
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const written = [`/${inputsKey} (`, `/Creator ${PDFHexString.fromText(creator).toString()}`, `/Creator (${creator})`];
  if (written.some((entry) => raw.includes(entry, 0, 'latin1'))) return true;
  // Most other programs' object streams leave the information uncompressed (pdfTeX, Word): it was searched whole above.
  if (!raw.includes('/ObjStm', 0, 'latin1') || plainInformation(raw.toString('latin1'))) return false;
  try {
    const { context } = await loadPdf(bytes);
    const info = context.lookupMaybe(context.trailerInfo.Info, PDFDict);
    const text = (key: string) => info?.lookupMaybe(PDFName.of(key), PDFString, PDFHexString)?.decodeText();
    return text(inputsKey) !== undefined || text('Creator') === creator;
  } catch {
    return false;
  }
}

/**
 * Whether the document information the last trailer names (`/Info N G R`) stands in the bytes as a plain object
 * (`N G obj`), not in an object stream: then what it records is read without a parse (a foreign PDF of 140 kB
 * parsed whole took 8 ms of processor time).
 */
function plainInformation(text: string): boolean {
  const named = [...text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)].at(-1);
  return named !== undefined && new RegExp(`(?:^|[\\s>])${named[1]}\\s+${named[2]}\\s+obj\\b`).test(text);
}

/**
 * Chromium stamps the time of printing; without it the same meeting gives the same bytes, so a
 * document that was sent can be rebuilt exactly and compared by its SHA-256.
 */
async function withoutDates(doc: PDFDocument): Promise<void> {
  const { PDFDict, PDFName } = await pdfLib();
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.delete(PDFName.of('CreationDate'));
  info.delete(PDFName.of('ModDate'));
}

/** Gives each outline entry, in document order, the text of the heading it was made from. */
async function retitleOutline(doc: PDFDocument, headings: string[]): Promise<void> {
  const { PDFHexString, PDFName } = await pdfLib();
  const entries = await outlineEntries(doc);
  if (entries.length !== headings.length) {
    throw new OutlineMismatch(`the PDF outline has ${entries.length} entries for the document's ${headings.length} headings`);
  }
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- as many headings as entries: checked just above
  entries.forEach(({ entry }, i) => entry.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
}
