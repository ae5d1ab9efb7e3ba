import { createHash } from 'node:crypto';
import { chooseCommittees, type CommitteeChoice, type CommitteeFolder } from '../input/repository.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import { readDefaultStyle } from '../input/house-style.js';
import path from 'node:path';
import { checkShared, loadMeeting, type CheckedShared } from '../check/check.js';
import { meetingDates, misnamedMeetingFiles } from '../input/meeting-names.js';
import { scheduledDates } from '../input/schedule.js';
import type { CommitteeInput } from '../input/schema/committee.js';
import type { Meeting } from '../model/meeting.js';
import { authorityOf, buildMeeting } from '../model/merge.js';
import { refuseSiteOverInputs } from './input-places.js';
import {
  closedElsewhereFindings,
  closedInOtherCommitteesFindings,
  filedCommittee,
  closedCopyOf,
  closedFilesOf,
  readFiled,
  recordedFiled,
  type FiledCommittee,
  type FiledMeeting,
} from './closed-files.js';
import { otherCommittees } from './sources.js';
import { publicVersion } from '../model/public.js';
import { readMeeting } from './document.js';
import { caseNumbers, historyOnce, type HistoryReader } from './case-history.js';
import { recordedWarnings, unreadMeetings, type UnreadMeetings } from './publish-unread.js';
import { checkAddenda } from './addenda.js';
import { withCorrection } from './correction.js';
import { approvalsOf } from './approval.js';
import { documentNames, inCommitteeFolder, isMembersName, outputsOfVersion, publicMinutes } from './output.js';
import type { PrintJob } from './batch.js';
import { isOfficeFile } from '../input/attachments.js';
import { placeholder } from '../input/placeholder.js';
import type { MeetingSources } from '../input/sources.js';
import { draftTexts } from '../check/draft.js';
import { textsIn } from '../shared/texts.js';
import { filedAttachments, type FiledAttachment } from '../model/attachments.js';
import { prepareSite, renderItems } from '../render/web.js';
import type { HousePages } from '../shared/house-templates.js';
import { calendarSummary, cancelledText } from '../render/danish.js';
import { AgendaError, InputError, isError, type Finding } from '../shared/errors.js';
import { uninterrupted } from '../shared/ending-signals.js';
import { committeeId } from '../publish/committees.js';
import type { CalendarMeeting } from '../publish/ical.js';
import type { PublishedFile, PublishedMeeting } from '../publish/json.js';
import { attachmentFiles, attachmentsOf, byMeeting, unfoundClosedFiles, type PublicAttachment } from './publish-attachments.js';
import { sealedPublicCopies } from './publish-sealed.js';
import { refuseRemovingCommittees, type Renamed } from '../publish/other-committees.js';
import { searchFiles } from './publish-search.js';
import { keptMeetings, type KeptMeetings } from './publish-kept.js';
import { siteParts } from './publish-parts.js';
import { sourceHashes, type SourceHashes } from './publish-sources.js';
import { once, packageInputs } from './fingerprint.js';
import { officeConverters } from './office.js';
import type { OfficeConverter } from '../pdf/office/convert.js';
import { isAgendaPdf, recordsPublicAlone } from '../pdf/postprocess.js';
import { meetingHoldsClosed } from '../model/closed.js';
import { closedSince } from './closed-since.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import { composeSite, type PublishedCommittee } from '../publish/site.js';
import { attachmentLabel, publishedDocumentName } from '../render/wording.js';
import { StagedFiles, stagedPdf, Staging } from '../publish/staging.js';
import {
  bytesOf,
  readPublication,
  readStateFile,
  reusable,
  sha256,
  stateFile,
  type EarlierPublication,
  type PdfFile,
} from '../publish/state.js';
import { entryRevision, type EntryRevision } from '../publish/atom.js';
import { writeSite, type WriteLog } from '../publish/write.js';
import { isListed, refuseInTheWay } from '../publish/others-files.js';
import { expectPlanned, sitePaths, type PlannedCommittee } from '../publish/site-paths.js';
import { inBatches } from '../shared/in-batches.js';
import { growHeapSlowly } from '../shared/heap.js';

// `agenda publish`: every committee's meetings, in the public version only, as a site. The members'
// version is never made here: each meeting is merged and turned public before anything else sees it.

export interface PublishRequest {
  /** Which committees: every committee of the repository here, or the one --udvalg or --meetings names (as `build --all`). */
  committees: CommitteeChoice;
  out: string;
  url?: string;
  today: string;
  /** Print every document again, though the site has it from the same inputs. */
  force?: boolean;
  /** Replace files in the site publish did not write where it writes its own (refused without). */
  overwrite?: boolean;
  /** Also each meeting's public combined document (samlet dokument), where it has attachment files. */
  samlet?: boolean;
  /** The LibreOffice to convert office attachments with (default: found as `findOfficeConverter` does). */
  libreoffice?: string;
}

/**
 * Prints public meetings to PDF, each group (a meeting's documents) on one page in turn, handing each
 * group's PDFs to `keep` as they are printed; what it gives, in the order given (the caller's browser and pages).
 */
export type PrintMeetings = <J extends PrintJob, R>(groups: J[][], keep: (pdfs: Uint8Array[], group: J[]) => R) => Promise<R[]>;

export interface PublishResult extends WriteLog {
  meetings: number;
  printed: number;
  warnings: Finding[];
  /** The site's committee folder taken as the one published under a new name (--meetings), whose pages went. */
  renamed?: Renamed;
}

export async function publish(request: PublishRequest, print: PrintMeetings): Promise<PublishResult> {
  const folders = await chooseCommittees(request.committees);
  // Before the site folder is made or held: a site over the clerk's files would serve them.
  await refuseSiteOverInputs(request.out, folders);
  // Each file made is written there as it is made, not held until the site is written (staging.ts).
  const staging = new Staging(request.out);
  try {
    // Held from the start: a second publication into the site meanwhile is refused, not raced (site-lock.ts).
    staging.hold();
    return await publishStaged(request, folders, print, staging);
  } finally {
    staging.close();
  }
}

async function publishStaged(
  request: PublishRequest,
  folders: CommitteeFolder[],
  print: PrintMeetings,
  staging: Staging,
): Promise<PublishResult> {
  const dirs = folders.map((f) => f.dir);
  const layout = await packageInputs();
  // Checked once the records have taken the shared files' sizes and times (unreadMeetings): a file saved
  // meanwhile is then newer than they say. Awaited where each committee is read: a check that fails
  // meanwhile is told there, as its located error, not first as a rejection no one handled (node ends on one).
  const checks = new Map<string, Promise<CheckedShared>>();
  const checked = (dir: string) =>
    once(checks, dir, () => {
      const folder = folders.find((f) => f.dir === dir);
      // Only the folders found above are read: named as build named them, never read again unnamed.
      if (!folder) throw new Error(`not a committee of this publication: ${dir}`);
      const check = checkShared(folder);
      check.catch(() => undefined);
      return check;
    });
  const casesOf = async (dir: string, date: string) =>
    loadMeeting(dir, date, await checked(dir)).then(
      ({ sources }) => caseNumbers(sources),
      // A meeting that does not read takes up no case here: its own reading tells why. An unforeseen failure goes on up.
      (err: unknown): string[] => {
        if (err instanceof AgendaError) return [];
        throw err;
      },
    );
  const { unread, read, earlier } = await readSite(request, dirs, { layout, checked, casesOf });
  const renamed = await refuseRemovingCommittees(request.committees, read, earlier);
  // The site's own pages are the repository's (husstil/web/), as its words are: read before anything is printed.
  const house = read[0]?.pages;
  prepareSite(house);
  const documents = read.flatMap((c) => c.meetings.flatMap((meeting) => publicDocuments(c, meeting, request.samlet ?? false)));
  const attachments = read.flatMap((c) => c.meetings.flatMap((meeting) => attachmentsOf(c, meeting)));
  // What stands where publish writes a file the last publication did not (or anything but a file where its
  // state file goes) is refused before minutes of printing (a first publication into a web root); where it
  // writes one listed, and what appears meanwhile, when the site is written (writeSite).
  const grouped = byCommittee(read, documents, attachments);
  const planned = sitePaths(plannedCommittees(grouped));
  const unlisted = [stateFile, ...[...planned.files].filter((file) => !isListed(earlier, file))];
  refuseInTheWay(request.out, { files: unlisted, folders: planned.folders }, earlier, request.overwrite ?? false);
  const { pdfs, says, madeFrom, sources, sealedWarnings, printed } = await sitePdfs(
    read,
    { documents, attachments },
    { request, earlier, layout, staging, unread },
    print,
  );
  const committees = publishedCommittees(grouped, pdfs, unread);
  const parts = await siteParts(earlier, unread.lists);
  const entries = entryRevisions(committees, says, earlier, request.today);
  const updated = new Map([...entries].map(([file, revision]) => [file, revision.updated]));
  // Every committee here is of one repository, so of one kommune.yaml; none at all, the package's words.
  const words = read[0]?.authorityWords ?? (await readDefaultStyle()).ord;
  const site = { url: request.url, words, authority: committees[0]?.authority };
  const unchanged = keptMeetings(
    committees,
    { layout, site, pages: house?.pagesKey, force: request.force ?? false, digestOf: unread.digestOf },
    earlier,
  );
  await stageUnreadOfMade(committees, unchanged, { earlier, staging });
  const madeOf = (file: string, meeting: PublishedMeeting) => madeFrom.set(file, unchanged.keyOf(meeting));
  const options = {
    url: request.url,
    today: request.today,
    earlierEvents: parts.events,
    entryUpdated: updated,
    words,
    house,
    kept: unchanged.kept,
    madeOf,
    parts: { earlier: parts, keyOf: unchanged.keyOf },
  };
  // Each file staged as it is composed (but one the site has as written): its text is not held until the site is written.
  const files = new StagedFiles(staging, request.force ? undefined : earlier);
  composeSite(committees, options, files);
  if (earlier.files.size === 0 && !earlier.named) expectPlanned(planned.files, files.keys());
  parts.release();
  const search = await searchFiles(earlier, committees, unchanged, { force: request.force ?? false, files, staging });
  for (const [file, from] of search.madeFrom) madeFrom.set(file, from);
  // A PDF is among the files composed where its bytes were read or made; else it is kept unread.
  const unreadPdfs = [...pdfs.keys()].filter((file) => !files.has(file));
  const keptFiles = new Set([...unchanged.files, ...search.kept, ...parts.kept, ...unreadPdfs]);
  // The site all new or all as it was: a Ctrl-C during the renames waits for them, the state file and
  // the search's text cache, whose texts of files closed since must not stay in the site folder.
  const { state, ...log } = await uninterrupted(async () => {
    const written = await writeSite(request.out, files, earlier, {
      madeFrom,
      pdfs,
      entries,
      kept: keptFiles,
      force: request.force,
      overwrite: request.overwrite,
      judges: {
        membersName: isMembersName,
        agendaPdf: isAgendaPdf,
        publicPdf: recordsPublicAlone,
        closedSince: closedSince(
          read.flatMap((c) => c.closing),
          read.reduce((n, c) => n + c.closedFiles.length, 0),
        ),
        closedCopy: closedCopyOf(read.map((c) => ({ dir: c.folder.dir, closed: c.closedFiles }))),
      },
    });
    await search.save();
    return written;
  });
  await unread.save(state, parts.recorded);
  await sources.save();
  const warnings = [...read.flatMap((c) => c.warnings), ...sealedWarnings, ...log.warnings];
  return { ...log, meetings: read.reduce((n, c) => n + c.meetings.length, 0), printed, warnings, renamed };
}

/**
 * The records of the last publication (the meetings to publish unread), the committees' meetings, and
 * the site's state file. What reading them alone needs is let go when they are read: the state file's
 * bytes (some 4 MB at 240 meetings, 70 at 4,000) and the case history's meetings (every meeting that
 * may take up a case of one read: the whole archive's, where a change reaches every committee).
 */
async function readSite(
  request: PublishRequest,
  dirs: string[],
  {
    layout,
    checked,
    casesOf,
  }: { layout: string; checked: (dir: string) => Promise<CheckedShared>; casesOf: (dir: string, date: string) => Promise<string[]> },
): Promise<{ unread: UnreadMeetings; read: ReadCommittee[]; earlier: EarlierPublication }> {
  const state = await readStateFile(request.out);
  // chooseCommittees found them all where none is named (--udvalg, --meetings).
  const every = request.committees.udvalg === undefined && request.committees.meetings === undefined;
  const unread = await unreadMeetings(request.out, dirs, {
    state: state?.sha256,
    layout,
    force: request.force ?? false,
    every,
    casesOf,
    render: renderItems,
  });
  // No records (a first publication, --force, a new agenda): every meeting is read, and most often printed.
  // The heap grows by a fifth from here, not from the printing on: V8 sets its limit at a full collection
  // while the meetings are read, and the default lets it grow to several times what is alive then (the
  // first publication's first peak, docs/develop/memory.md). Not for a republish: it reads the changed alone.
  if (unread.written === undefined) growHeapSlowly();
  const read = await readCommittees(dirs, checked, unread, every);
  const earlier = await readPublication(request.out, { state, written: unread.written });
  return { unread, read, earlier };
}

/**
 * Every committee's meetings, their cases' history read once for all of them (and let go once they are read).
 * `every`: `dirs` are all the committees of their repository; where they are not, the others' meetings are read
 * for the files they close, as a file closed in one committee is closed in every committee of the archive.
 */
async function readCommittees(
  dirs: string[],
  checked: (dir: string) => Promise<CheckedShared>,
  unread: UnreadMeetings,
  every: boolean,
): Promise<ReadCommittee[]> {
  const history = historyOnce(unread.inHistory);
  const filed = new Map<string, FiledCommittee>();
  const read = await Promise.all(dirs.map(async (dir) => readCommittee(dir, await checked(dir), history, unread, filed)));
  // A file another committee closes, named open: a kept meeting judged by its record, as within a committee.
  const others = every ? [] : await otherCommittees(read.map((c) => c.folder));
  const across = await closedInOtherCommitteesFindings([...dirs.flatMap((dir) => filed.get(dir) ?? []), ...others]);
  if (across.length > 0) throw new InputError(across);
  return read;
}

/** What the PDF stage gives the site: each document's and attachment's PDF, what each says and is made from. */
interface SitePdfs {
  pdfs: Map<string, PdfFile>;
  says: Map<string, string>;
  madeFrom: Map<string, string>;
  sources: SourceHashes;
  sealedWarnings: Finding[];
  printed: number;
}

/**
 * Every public document's and attachment's PDF: kept where the site has it from the same inputs, the
 * sealed public minutes where the site publishes that very document, else printed or converted.
 */
async function sitePdfs(
  read: ReadCommittee[],
  { documents, attachments }: { documents: PublicDocument[]; attachments: PublicAttachment[] },
  {
    request,
    earlier,
    layout,
    staging,
    unread,
  }: { request: PublishRequest; earlier: EarlierPublication; layout: string; staging: Staging; unread: UnreadMeetings },
  print: PrintMeetings,
): Promise<SitePdfs> {
  const siteFiles: SiteFile[] = [...documents, ...attachments];
  // A batch at a time: each reads its attachment files, some thousands in an archive (inBatches), where
  // their size and time are not as recorded (publish-sources.ts).
  const sources = await sourceHashes(request.out, request.force ?? false);
  const converterOf = officeConverters(request);
  const contents = await inBatches(siteFiles, async (f) => [f.file, await contentOf(f, { converterOf, sources, unread })] as const);
  const says = new Map(contents.map(([file, content]) => [file, content.says]));
  // What a build counts too (packageInputs: package.json, the templates, the house font's files, in
  // `layout`), and the converter of each office file, whose new version converts it anew: not what the PDF says.
  const madeFrom = new Map(
    contents.map(([file, content]) => [file, sha256([layout, content.says, ...content.convertedBy].join('\0'))] as const),
  );
  // A PDF the site has from the same public meeting, attachment files, converters and templates, as
  // publish wrote it, is not made again; nor read, where its size and time tell it as written (reusable).
  const reuse = async ([file, from]: [string, string]) => [file, request.force ? undefined : await reusable(earlier, file, from)] as const;
  const kept = await inBatches([...madeFrom], reuse);
  // The sealed public minutes of the archive, where the site publishes that very document: not printed.
  // Stopped at the first failure: the other work stages nothing more, and is waited for, before the staging closes.
  const stop = new AbortController();
  const stage = (file: string, pdf: Uint8Array) => {
    stop.signal.throwIfAborted();
    return stagedPdf(staging, file, pdf);
  };
  const sealed = await sealedPublicCopies(
    read,
    documents.map((d) => d.file),
    stage,
  );
  const pdfs = new Map([
    ...kept.flatMap(([file, pdf]) => (pdf && !sealed.refused.has(file) ? [[file, pdf] as const] : [])),
    ...sealed.copies,
  ]);
  const toPrint = documents.filter((d) => !pdfs.has(d.file));
  // A meeting's documents print together, so its combined document can take its PDF's headings.
  const toPrintOf = byMeeting(toPrint);
  const groups = read.flatMap((c) => c.meetings.map(toPrintOf)).filter((g) => g.length > 0);
  const stageGroup = (printed: Uint8Array[], group: PublicDocument[]) =>
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- one PDF printed for each document of the group
    group.map((d, i) => [d.file, stage(d.file, printed[i]!)] as const);
  const [printed, made] = await bothOrStop(
    print(groups, stageGroup),
    attachmentFiles(
      attachments.filter((a) => !pdfs.has(a.file)),
      request,
      stage,
      stop.signal,
    ),
    stop,
  );
  for (const [file, pdf] of [...printed.flat(), ...made]) pdfs.set(file, pdf);
  return { pdfs, says, madeFrom, sources, sealedWarnings: sealed.warnings, printed: toPrint.length };
}

/**
 * What `a` and `b` give; at the first to fail, `stop` is aborted and the other awaited (it stops at its
 * next file), so nothing runs on once the publication has failed. Throws that first failure.
 */
async function bothOrStop<A, B>(a: Promise<A>, b: Promise<B>, stop: AbortController): Promise<[A, B]> {
  let failure: unknown;
  const stopping = <T>(work: Promise<T>) =>
    work.catch((err: unknown) => {
      if (!stop.signal.aborted) {
        failure = err;
        stop.abort(err);
      }
      throw err;
    });
  const [x, y] = await Promise.allSettled([stopping(a), stopping(b)]);
  if (x.status === 'rejected' || y.status === 'rejected') throw failure;
  return [x.value, y.value];
}

/** A committee's meetings, each with its public documents and attachments, as the site will hold them. */
interface GroupedCommittee {
  committee: ReadCommittee;
  meetings: Array<{ meeting: Meeting; documents: PublicDocument[]; attachments: PublicAttachment[] }>;
}

/** Each committee's meetings with their documents and attachments: the one grouping what publish plans (sitePaths) and what it publishes take. */
function byCommittee(read: ReadCommittee[], documents: PublicDocument[], attachments: PublicAttachment[]): GroupedCommittee[] {
  const documentsOf = byMeeting(documents);
  const attachmentsOfMeeting = byMeeting(attachments);
  return read.map((committee) => ({
    committee,
    meetings: committee.meetings.map((meeting) => ({
      meeting,
      documents: documentsOf(meeting),
      attachments: attachmentsOfMeeting(meeting),
    })),
  }));
}

/** The committees' meetings as site-paths.ts names their files, before anything is printed. */
function plannedCommittees(grouped: GroupedCommittee[]): PlannedCommittee[] {
  return grouped.map(({ committee, meetings }) => ({
    id: committee.id,
    meetings: meetings.map(({ meeting, documents, attachments }) => ({
      meeting,
      documents: documents.map((d) => ({ file: d.file, addendum: d.output.document.addendum })),
      attachments: attachments.map((a) => ({ file: a.file, addendum: attachmentAddendum(a) })),
      recorded: committee.recorded.has(meeting),
    })),
  }));
}

/** The tillægsdagsorden an attachment's item came with (none: with the agenda). */
const attachmentAddendum = (a: PublicAttachment) => a.filed.item.addendum?.number;

/** The committees as the site shows them: each meeting with its documents' and attachments' PDFs, its items' HTML where asked for. */
function publishedCommittees(grouped: GroupedCommittee[], pdfs: Map<string, PdfFile>, unread: UnreadMeetings): PublishedCommittee[] {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- every document and attachment has its PDF by now (kept, printed or made)
  const published = (file: string, name: string): PublishedFile => ({ path: file, name, ...pdfs.get(file)! });
  /** A document's PDF and its combined one, by the document's name (the house's word for an addendum: "Tillægsdagsorden 2"). */
  const publishedPair = (own: PublicDocument[]) => {
    const [pdf, combined] = own;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- each document has its PDF
    const doc = pdf!.output.document;
    return {
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- as above
      pdf: published(pdf!.file, publishedDocumentName(doc, false)),
      combined: combined && published(combined.file, publishedDocumentName(doc, true)),
    };
  };
  return grouped.map(({ committee: c, meetings }) => ({
    ...c,
    meetings: meetings.map(({ meeting, documents: own, attachments }): PublishedMeeting => {
      // The agenda (or the minutes) has no addendum's number; each addendum its own.
      const [agenda = [], ...addenda] = outputsOfVersion(meeting, {}).map(({ document }) =>
        own.filter((d) => d.output.document.addendum === document.addendum),
      );
      return {
        committeeId: c.id,
        meeting,
        // Read or made where a page, a list's part or a search index asks for them: a kept meeting's are not.
        get itemsHtml() {
          return unread.itemsOf(meeting);
        },
        ...publishedPair(agenda),
        addenda: addenda.map((pair) => ({ number: pair[0]?.output.document.addendum ?? 1, ...publishedPair(pair) })),
        attachments: attachments.map((a) => ({
          ...published(a.file, attachmentLabel(meeting.style.ord, a.filed)),
          anchor: a.filed.anchor,
          addendum: attachmentAddendum(a),
        })),
      };
    }),
  }));
}

/**
 * The attachments' PDFs taken unread (reusable) of each meeting whose own files are made again (not
 * kept), read and staged: its SBSYS folder holds a copy of each.
 */
async function stageUnreadOfMade(
  committees: PublishedCommittee[],
  meetings: KeptMeetings,
  { earlier, staging }: { earlier: EarlierPublication; staging: Staging },
): Promise<void> {
  const made = committees.flatMap((c) => c.meetings.filter((m) => !meetings.kept(m)));
  const unread = made.flatMap((m) => m.attachments.filter((a) => a.staged === undefined));
  // Staged as read, not held: with --force or new templates every meeting's folder is made again.
  await inBatches(unread, async (file) => {
    file.staged = staging.stage(file.path, await bytesOf(earlier, file)).staged;
  });
}

type ReadCommittee = Omit<PublishedCommittee, 'meetings'> & {
  /** Its folder, as build, send and forsegl name its documents (with its id where the repository has several). */
  folder: CommitteeFolder;
  meetings: Meeting[];
  /** Its meetings published unread, as their records have them. */
  recorded: ReadonlySet<Meeting>;
  /**
   * Its meetings whose members' version holds anything closed now, each public (published, or a draft taken off):
   * a PDF of one for the public that publish did not write may hold open what they close (site-strays.ts).
   */
  closing: Meeting[];
  /** The files its meetings' closed attachments name (closedFilesOf): no copy of one may stand in the site. */
  closedFiles: string[];
  warnings: Finding[];
  /** kommune.yaml's words over the package's, which every committee of the repository shares. */
  authorityWords: HouseStyleInput['ord'];
  /** The repository's own site pages (husstil/web/), which every committee of it shares. */
  pages?: HousePages;
};

/**
 * A committee's meetings, each checked, merged and made public; every error of every meeting at once.
 * A meeting `unread` has as it would read is not read (publish-unread.ts); each read is recorded there.
 * Its meetings as the look across committees sees them are set in `across`, by its folder.
 */
async function readCommittee(
  dir: string,
  shared: CheckedShared,
  history: HistoryReader,
  unread: UnreadMeetings,
  across: Map<string, FiledCommittee>,
): Promise<ReadCommittee> {
  const findings = [...shared.findings, ...(await misnamedMeetingFiles(dir))];
  const meetings: Meeting[] = [];
  const recorded = new Set<Meeting>();
  const closing: Meeting[] = [];
  const filed: FiledMeeting[] = [];
  for (const date of await meetingDates(dir)) {
    const record = unread.recordOf(dir, date);
    if (record) {
      const members = async () => buildMeeting((await loadMeeting(dir, date, shared)).sources);
      filed.push(recordedFiled(date, record.meeting, record.attachments, members));
      if (record.closes) closing.push(record.meeting);
      meetings.push(record.meeting);
      recorded.add(record.meeting);
      findings.push(...recordedWarnings(dir, record));
      continue;
    }
    try {
      const stamp = await unread.stamp(dir, date);
      const read = await readMeeting(dir, date, shared, history);
      const { sources } = read;
      const warnings = [...read.warnings, ...(await unfoundClosedFiles(dir, read.meeting))];
      const attachments = filedAttachments(read.meeting).map((f) => f.bilag.file.path);
      const inputs = stamp(attachments);
      await checkAddenda(sources, read.meeting);
      const meeting = await withCorrection(dir, read.meeting);
      // The minutes with the approvals the house shows the public, as a build prints them; approved
      // minutes changed otherwise than by an addition are refused, as a build refuses them.
      const made = inCommitteeFolder(publicMinutes(meeting, await approvalsOf(dir, { sources, meeting })).document);
      const closes = meetingHoldsClosed(read.meeting);
      if (closes) closing.push(made);
      const draft = unfinished(sources);
      if (draft) {
        const last = unread.lastPublished(dir, date, (published) => stillPublic(published, made));
        filed.push(readFiled(date, read.meeting, last?.kept));
        if (last?.kept) {
          meetings.push(last.kept);
          recorded.add(last.kept);
        }
        const what = !last
          ? 'not published'
          : last.kept
            ? 'the site keeps the meeting as last published'
            : 'taken off the site till it is done, as it closes or changes what the site showed';
        findings.push(...warnings, { ...draft, message: `${draft.message}: ${what}` });
        continue;
      }
      filed.push(readFiled(date, read.meeting, made));
      meetings.push(unread.record(dir, date, { inputs, attachments, sag: caseNumbers(sources), meeting: made, closes, warnings }));
      findings.push(...warnings);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      findings.push(...error.findings);
    }
  }
  // A file another meeting closes, named open: its records say which files a kept meeting closes (no read).
  findings.push(...(await closedElsewhereFindings(dir, filed)));
  across.set(dir, filedCommittee(shared, filed));
  const errors = findings.filter(isError);
  const committee = shared.read.committee?.value;
  if (errors.length > 0 || !committee) throw new InputError(errors);
  return {
    folder: shared.folder,
    id: committeeId(committee.navn),
    shortName: committee.kort ?? path.basename(dir),
    name: committee.navn,
    authority: authorityOf(committee, shared.read.municipality?.value?.navn),
    calendar: calendarOf(committee, meetings, shared.read.style.ord),
    words: shared.read.style.ord,
    authorityWords: shared.read.authorityStyle.ord,
    pages: shared.read.pages,
    meetings,
    recorded,
    closing,
    closedFiles: closedFilesOf(dir, filed),
    warnings: findings,
  };
}

/**
 * A meeting that is a draft (check/draft.ts): citizens get no placeholder text, nor minutes not final, so the
 * site keeps the meeting as last published, or has none of it, with a warning at its first UDFYLD (check's
 * warnings name every one). The next publication reads it again.
 */
function unfinished(sources: MeetingSources): Finding | undefined {
  const unfilled = sources.source ? draftTexts(sources.source) : [];
  const [first] = unfilled;
  if (!first) return undefined;
  const texts = `${unfilled.length} ${unfilled.length === 1 ? 'text' : 'texts'}`;
  return { ...first, message: `the meeting still says ${placeholder} (${texts}): a draft`, warning: true };
}

/**
 * Whether every text the public had of a meeting is public in its file now, where it was (its key path in
 * its item, the item known by its title): a draft keeps the site's version only then. Something closed
 * (or reworded) since would stay public in it, even a decision closed whose words another item still
 * shows: closing always wins, so the meeting is then taken off the site until the draft is done.
 */
function stillPublic(published: Meeting, now: Meeting): boolean {
  const shown = new Map(placedTexts(now));
  return placedTexts(published).every(([at, text]) => shown.get(at) === text);
}

/** The public version's texts by place: an item's by its title (and which of that title), as an item added before it moves it. */
function placedTexts(meeting: Meeting): Array<[string, string]> {
  const { items, ...rest } = publicVersion(meeting);
  const seen = new Map<string, number>();
  const placed = items.flatMap((item) => {
    const nth = seen.get(item.title) ?? 0;
    seen.set(item.title, nth + 1);
    return textsByPlace(item, ['items', item.title, nth]);
  });
  return [...textsByPlace(rest, []), ...placed];
}

/** Every string by its key path, its house style's words left out (the same of both versions a committee has). */
const textsByPlace = (value: unknown, at: PropertyKey[]): Array<[string, string]> =>
  textsIn(value, new Set(['style']), at).map(({ path, text }) => [JSON.stringify(path), text]);

/** Every meeting of the schedule, cancelled ones too, and every meeting with a file, with its own time and room. */
function calendarOf(committee: CommitteeInput, meetings: Meeting[], words: HouseStyleInput['ord']): CalendarMeeting[] {
  const held = new Map(meetings.map((m) => [m.date, m]));
  const scheduled = committee.mødeplan ? scheduledDates(committee.mødeplan) : [];
  const dates = [...new Set([...scheduled.map((s) => s.date), ...held.keys()])].sort();
  const cancelled = new Map(scheduled.map((s) => [s.date, s.cancelled]));
  return dates.map((date) => {
    const meeting = held.get(date);
    if (meeting)
      return {
        date,
        summary: calendarSummary(committee.navn, committee.genitiv, false, words),
        start: meeting.start,
        end: meeting.end,
        place: meeting.place,
      };
    const reason = cancelled.get(date);
    const summary = calendarSummary(committee.navn, committee.genitiv, reason !== undefined, words);
    return {
      date,
      summary,
      start: committee.start,
      end: committee.slut,
      place: committee.sted,
      ...(reason ? { cancelled: cancelledText(reason, words) } : {}),
    };
  });
}

/**
 * A meeting's public documents, each its PDF and (`samlet`) its combined document where it has
 * attachment files: the agenda and its addenda (tillægsdagsordener), or the minutes.
 */
function publicDocuments(committee: { id: string; folder: CommitteeFolder }, meeting: Meeting, samlet: boolean): PublicDocument[] {
  return outputsOfVersion(meeting, { combined: samlet ? 'beside' : undefined }).map((output) => ({
    output,
    dir: committee.folder.dir,
    meeting,
    file: `${committee.id}/${documentNames(output).site}`,
  }));
}

interface PublicDocument extends PrintJob {
  /** The meeting whose document it is (the agenda's and its addenda's, one meeting): its output's `document` is one version of it. */
  meeting: Meeting;
  /** Its path in the site. */
  file: string;
}

/** A PDF of the site: a meeting's document to print, or an attachment's file. */
type SiteFile = PublicDocument | PublicAttachment;

/**
 * Each meeting's document's feed entry: what the document and its attachments' files say, compared
 * with what the last publication recorded (entryRevision). By the document's path: the minutes that
 * follow an agenda are another document, with an entry of their own.
 */
function entryRevisions(
  committees: PublishedCommittee[],
  says: Map<string, string>,
  earlier: EarlierPublication,
  today: string,
): Map<string, EntryRevision> {
  const meetings = committees.flatMap((c) => c.meetings);
  const said = (file: string) => {
    const content = says.get(file);
    // publish read what every document and attachment of the committees' meetings says before it published them.
    if (content === undefined) throw new Error(`${file}: not read before publishing`);
    return content;
  };
  return new Map(
    meetings.map(({ pdf, addenda, attachments }) => {
      // An addendum published is an update of its meeting's entry: what the entry links says.
      const own = [...attachments.map((a) => said(a.path)), ...addenda.map((a) => said(a.pdf.path))];
      return [pdf.path, entryRevision(earlier.files.get(pdf.path)?.entry, sha256([said(pdf.path), ...own].join('\0')), today)] as const;
    }),
  );
}

/**
 * What a PDF of the site says (`says`): a document, the public meeting and its attachment files; an
 * attachment's file, that file and whether the house keeps its web links. And the version of the
 * LibreOffice each of its office files is converted with (`convertedBy`, the converter found once a
 * publication: officeConverters), as a build counts it (withAttachments): with everything that lays
 * it out, what the PDF is made from. Each attachment
 * file's SHA-256 as `sources` has it: recorded, where its size and time are as recorded, else read.
 * A document's, of its meeting's record where it has it for the same attachment files (`saysOf`).
 */
async function contentOf(
  site: SiteFile,
  {
    converterOf,
    sources,
    unread,
  }: { converterOf: (ref: AttachmentFileRef) => Promise<OfficeConverter>; sources: SourceHashes; unread: UnreadMeetings },
): Promise<{ says: string; convertedBy: string[] }> {
  const convertedBy: string[] = [];
  const read = async (dir: string, { bilag: { file } }: FiledAttachment) => {
    const sha = await sources.of(dir, file);
    if (isOfficeFile(file.path)) convertedBy.push(`${file.path}\0${(await converterOf(file)).version}`);
    return sha;
  };
  if ('filed' in site) {
    const hash = createHash('sha256').update('bilag').update(String(site.meeting.style.weblinks_i_bilag));
    return { says: hash.update(await read(site.attachmentsFrom, site.filed)).digest('hex'), convertedBy };
  }
  const { document, combined } = site.output;
  const shas: string[] = [];
  if (combined) for (const filed of filedAttachments(document)) shas.push(await read(site.dir, filed));
  const make = () => {
    const hash = createHash('sha256').update(JSON.stringify(document));
    for (const sha of shas) hash.update(sha);
    return hash.digest('hex');
  };
  return { says: unread.saysOf(site.meeting, [site.file, ...shas].join('\0'), make), convertedBy };
}
