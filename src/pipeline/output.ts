import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ApprovalEntry } from '../approval/approval-log.js';
import { approvalView } from '../approval/page.js';
import { committeeInNames, type CommitteeFolder } from '../input/repository.js';
import { documentsOf } from '../model/addenda.js';
import { filedAttachments } from '../model/attachments.js';
import type { Audience, DocumentKind, Meeting } from '../model/meeting.js';
import { publicVersion } from '../model/public.js';
import { openAttachments, withAttachments, type Attachments } from './combine.js';
import { withApprovals, withCorrectionMark } from './fingerprint.js';
import type { OfficeSettings } from './office.js';

// One output of a meeting, as every command makes it (build, send, publish, forsegl, the preview):
// which audience's version of which document (the agenda, an addendum, the minutes, the approved
// minutes), alone or combined with its attachment files. Its file name, the inputs it is made from
// and the attachments it carries follow from it, here and nowhere else.

export interface Output {
  /** The version printed: its audience, kind (dagsorden, tillægsdagsorden, referat) and addendum number are the document's. */
  document: Meeting;
  /** The members' minutes with their Godkendelsesside filled in, beside the minutes they approve (-godkendt.pdf). */
  approved?: boolean;
  /** The fingerprint of the approvals the document shows: a new approval prints it anew. */
  approvals?: string;
  /** The combined document (samlet dokument): its attachment files after the agenda, or each after its item. */
  combined?: { afterItem: boolean };
}

/** Which outputs of a meeting a command makes. */
export interface OutputRequest {
  audiences: Audience[];
  /**
   * The combined documents: instead of each document (build --samlet), or beside each document that
   * has attachment files (publish --samlet). Send and forsegl take one document each, `sentAs`.
   */
  combined?: 'instead' | 'beside';
  /** In the combined documents, each item's attachments right after its pages (--bilag-efter-punkt). */
  afterItem?: boolean;
}

/**
 * Every output a meeting makes for a request, each audience's in turn: the agenda and its addenda
 * (tillægsdagsordener), or the minutes with their approvals (`log`) where the house prints them.
 */
export function outputsOf(meeting: Meeting, request: OutputRequest, log: ApprovalEntry[] = []): Output[] {
  return request.audiences.flatMap((audience) => versionsOf(meeting, audience, log).flatMap((output) => combinedAs(output, request)));
}

/** The outputs of a version made already (publish shows the public one on its pages): its documents, alone or combined. */
export function outputsOfVersion(version: Meeting, request: Omit<OutputRequest, 'audiences'>): Output[] {
  return documentsOf(version).flatMap((document) => combinedAs({ document }, request));
}

/** The meeting as the audience may see it: the members' version holds everything, the public one nothing closed. */
export function versionFor(meeting: Meeting, audience: Audience): Meeting {
  return audience === 'offentlig' ? publicVersion(meeting) : meeting;
}

/**
 * An audience's documents. Where the house ends the minutes with the Godkendelsesside and a member has
 * approved them, the members' minutes at their usual place stay the version they approve (the page
 * not filled in: its bytes do not change with each approval), and the approved document, its page
 * filled in, goes beside it (-godkendt.pdf); the public version is publicMinutes.
 */
function versionsOf(meeting: Meeting, audience: Audience, log: ApprovalEntry[]): Output[] {
  if (meeting.kind !== 'referat') return documentsOf(versionFor(meeting, audience)).map((document) => ({ document }));
  if (audience === 'offentlig') return [publicMinutes(meeting, log)];
  if (!showsApprovals(meeting, log)) return [{ document: meeting }];
  const approved = { ...meeting, approval: approvalView(meeting, log) };
  return [{ document: meeting }, { document: approved, approved: true, approvals: approvalsFingerprint(log) }];
}

/**
 * The public minutes with the approvals as the house shows them the public (names and times where it
 * says navne): one version for a build, `agenda publish` and `agenda forsegl`, so the site's PDF and
 * the sealed one say what the approval log says, and forsegl reuses the PDF a build made.
 */
export function publicMinutes(meeting: Meeting, log: ApprovalEntry[]): Output {
  if (!showsApprovals(meeting, log)) return { document: versionFor(meeting, 'offentlig') };
  const document = versionFor({ ...meeting, approval: approvalView(meeting, log) }, 'offentlig');
  return { document, approvals: meeting.style.godkendelse.offentlig === 'navne' ? approvalsFingerprint(log) : undefined };
}

/** Whether the minutes print their approvals: the house's Godkendelsesside, and a member has approved. */
function showsApprovals(meeting: Meeting, log: ApprovalEntry[]): boolean {
  return log.length > 0 && meeting.style.godkendelse.side === 'godkendelsesside';
}

function approvalsFingerprint(log: ApprovalEntry[]): string {
  return createHash('sha256').update(JSON.stringify(log)).digest('hex');
}

/** A document alone, combined with its attachment files, or both, as the request has it. */
function combinedAs(output: Output, request: Omit<OutputRequest, 'audiences'>): Output[] {
  const combined = { ...output, combined: { afterItem: request.afterItem ?? false } };
  if (request.combined === 'instead') return [combined];
  return request.combined === 'beside' && hasFiles(output) ? [output, combined] : [output];
}

/** A document as send and forsegl deliver it: combined with its attachment files where it has any, so the members get them all. */
export function sentAs(output: Output): Output {
  return hasFiles(output) ? { ...output, combined: { afterItem: false } } : output;
}

function hasFiles(output: Output): boolean {
  return filedAttachments(output.document).length > 0;
}

/** Where an output goes: a file named for one document (`--out`), or its own name in `outDir`. */
export interface Destination {
  out?: string;
  outDir?: string;
}

/**
 * `out/2023-11-22-dagsorden.pdf`, or `-referat.pdf` once the meeting holds decisions, an addendum
 * `-tillaegsdagsorden.pdf`; the public version ends in `-offentlig.pdf`, so the two cannot be mistaken
 * for each other; the combined document in `-samlet.pdf`, the approved minutes beside the minutes in
 * `-godkendt.pdf` (`2023-09-06-referat-samlet-godkendt.pdf`). In a repository of several committees the
 * name begins with the committee's (`out/ØK-2023-11-22-dagsorden.pdf`), so two committees meeting on
 * the same day never overwrite each other. A file named (`--out`) is the document's, whatever it is.
 */
export function outputFile(output: Output, where: Destination = {}): string {
  if (!where.out) return path.join(where.outDir ?? 'out', fileName(output));
  return output.approved ? where.out.replace(/\.pdf$/, '-godkendt.pdf') : where.out;
}

/** The file name of a document alone, as `outputFile` names it. */
export function defaultPdfPath(meeting: NamedDocument, outDir = 'out'): string {
  return path.join(outDir, fileName({ document: meeting }));
}

/** What a document's name is made from: the meeting's, and whether it is combined or the approved minutes. */
type NamedDocument = Pick<Meeting, 'audience' | 'committeeId' | 'date' | 'kind' | 'addendum'>;
interface NamedOutput {
  document: NamedDocument;
  combined?: unknown;
  approved?: boolean;
}

function fileName({ document, combined, approved }: NamedOutput): string {
  const audience = document.audience === 'offentlig' ? '-offentlig' : '';
  const prefix = document.committeeId ? `${document.committeeId}-` : '';
  return `${prefix}${document.date}-${kindInFileName(document)}${audience}${combined ? '-samlet' : ''}${approved ? '-godkendt' : ''}.pdf`;
}

/** A name `fileName` gives (`ØK-2023-11-22-referat-offentlig-samlet.pdf`), in a repository of one committee or of several. */
const documentName =
  /^(?:(.+)-)?(\d{4}-\d{2}-\d{2})-(?:dagsorden|referat|tillaegsdagsorden(?:-\d+)?)(-offentlig)?(-samlet)?(?:-godkendt)?\.pdf$/;

/**
 * What a name `fileName` gives says of its document: the committee's name in it (none in a repository of one), its
 * date, its version, and whether it is the combined document.
 */
export function namedDocument(
  name: string,
): { committee: string | undefined; date: string; members: boolean; combined: boolean } | undefined {
  const [, committee, date, offentlig, samlet] = documentName.exec(name) ?? [];
  return date ? { committee, date, members: !offentlig, combined: samlet !== undefined } : undefined;
}

/**
 * Whether a file in a site may be a members' document: a name `fileName` gives one (no -offentlig), or such a
 * name with something added (a browser's " (1)", a clerk's "-kopi"). It may hold closed text, which a site must not.
 */
export const isMembersName = (name: string): boolean =>
  /\d{4}-\d{2}-\d{2}-(?:dagsorden|referat|tillaegsdagsorden)/.test(name) && !name.includes('-offentlig') && /\.pdf$/i.test(name);

/** The names of a document: the one rule every command that looks a document up by its name follows. */
export interface DocumentNames {
  /** Its name as build, send and forsegl give it now (outputFile). */
  file: string;
  /**
   * Every name it may have gone out under (a send log, forseglet.yaml, an approval): `file`, and the
   * same without its committee's name, given while the repository had one committee. A committee's
   * logs hold only its own documents, so that name is no other committee's.
   */
  sentAs: string[];
  /** Its name in its committee's folder of the site: without the committee's, the folder saying whose it is. */
  site: string;
}

export function documentNames(output: NamedOutput): DocumentNames {
  const file = fileName(output);
  const site = fileName({ ...output, document: inCommitteeFolder(output.document) });
  return { file, sentAs: file === site ? [file] : [file, site], site };
}

/** The names of a document alone and of it combined with its attachment files, in that order: either may have gone out, or be sealed. */
export function aloneAndCombinedNames(document: NamedDocument): [DocumentNames, DocumentNames] {
  return [documentNames({ document }), documentNames({ document, combined: true })];
}

/**
 * The document as its committee's folder of the site holds it: without the committee's name, so the
 * site names it as it always did (documentNames' `site`), and a public meeting read for the site is the
 * same whether or not the repository has gained a committee since (its records and fingerprints).
 */
export function inCommitteeFolder<T extends Pick<Meeting, 'committeeId'>>(document: T): Omit<T, 'committeeId'> {
  const { committeeId: named, ...own } = document;
  return own;
}

/**
 * The site's name of the public minutes forsegl sealed as `sealed` (forseglet.yaml's `offentlig`): checked
 * against the names the meeting's own public minutes, alone or combined, went out under, not cut from
 * `sealed`; none where it is neither (the committee's `kort` changed since the seal).
 */
export function sealedSiteName(folder: CommitteeFolder, date: string, sealed: string): string | undefined {
  const document = { audience: 'offentlig', committeeId: committeeInNames(folder), date, kind: 'referat' } as const;
  return aloneAndCombinedNames(document).find((n) => n.sentAs.includes(sealed))?.site;
}

/** `dagsorden`, `referat`, `tillaegsdagsorden` (the second and later `tillaegsdagsorden-2`): letters any file system and mail program keep. */
function kindInFileName(meeting: Pick<Meeting, 'kind' | 'addendum'>): string {
  if (meeting.kind !== 'tillægsdagsorden') return meeting.kind;
  return `tillaegsdagsorden${(meeting.addendum ?? 1) > 1 ? `-${meeting.addendum}` : ''}`;
}

const documentKinds: DocumentKind[] = ['dagsorden', 'referat'];

/**
 * Where the audience's first output of a meeting (its agenda or its minutes, alone) is before the
 * meeting is read: its kind is known only from its items, so under either name, the agenda's first.
 */
export function filesBeforeReading(folder: CommitteeFolder, date: string, audience: Audience, where: Destination = {}): string[] {
  if (where.out) return [where.out];
  const committeeId = committeeInNames(folder);
  return documentKinds.map((kind) => defaultPdfPath({ audience, committeeId, date, kind }, where.outDir));
}

/** The attachment files an output carries, opened (a combined document's); none for a document alone. */
export async function attachmentsOf(output: Output, dir: string, office: OfficeSettings = {}): Promise<Attachments | undefined> {
  if (!output.combined) return undefined;
  return openAttachments(dir, output.document, { ...office, afterItem: output.combined.afterItem });
}

/**
 * The fingerprint of what an output is made from: its meeting's inputs (`own`, inputsFingerprint),
 * its attachment files and their placement, the approvals it shows and its mark as corrected.
 */
export function inputsOf(output: Output, own: string, attachments: Attachments | undefined): string {
  return withCorrectionMark(withApprovals(withAttachments(own, attachments), output.approvals), output.document);
}
