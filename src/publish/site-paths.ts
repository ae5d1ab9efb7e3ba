import type { Meeting } from '../model/meeting.js';
import { siteFonts } from '../render/web.js';
import { dataSchemas } from './data-schema.js';
import { partNames } from './json.js';
import { inSbsysFolder } from './sbsys.js';
import { SiteMap } from './site-map.js';
import type { SitePaths } from './others-files.js';

// What a site holds, by name: every page's, PDF's, data's and feed's path, and each search index's
// folder (pagefind/<udvalg>/). composeSite writes by these descriptions (meetingFiles, siteWideFiles),
// and publish plans by them (sitePaths) before anything is printed, so that what stands in the way is
// refused before minutes of printing (others-files.ts). The index's files are not known until Pagefind
// has written them (fragments named by their content): they are told when the site is written (write.ts).

/** What names a meeting's files: its date and items, its documents' and open attachments' PDFs, each with the addendum it is of (none: the agenda, or the minutes). */
export interface MeetingShape {
  meeting: Pick<Meeting, 'date' | 'kind' | 'items'>;
  documents: Array<{ file: string; addendum?: number }>;
  attachments: Array<{ file: string; addendum?: number }>;
}

/** A meeting as it will be published, known before its PDFs are made. */
export interface PlannedMeeting extends MeetingShape {
  meeting: Meeting;
  /**
   * Published unread, as the last publication published it (its record's: pipeline/publish-unread.ts):
   * its paths are those the state file lists, so not planned again (at 4,000 meetings, some 150,000
   * paths and 0.27 s of processor time at every republish).
   */
  recorded: boolean;
}

export interface PlannedCommittee {
  id: string;
  meetings: PlannedMeeting[];
}

/** A meeting's files besides its PDFs: its page, its data and each of its parts, its SBSYS folders. */
export interface MeetingFiles {
  page: string;
  data: string;
  /** The documents of its data's parts (each its own document): its place, each item, each PDF. */
  parts: string[];
  /** The agenda's SBSYS folder (or the minutes'), then each addendum's: its XML, its document as HTML, a copy of each attachment's PDF of its items. */
  sbsys: Array<{ addendum?: number; xml: string; document: string; copies: Array<{ file: string; copy: string }> }>;
}

export function meetingFiles(map: SiteMap, committee: string, { meeting, documents, attachments }: MeetingShape): MeetingFiles {
  const { date } = meeting;
  const pdfs = [...documents, ...attachments].map((d) => d.file);
  const parts = [partNames.location, ...meeting.items.map(partNames.item), ...pdfs.map(partNames.file)];
  const addenda = new Set(documents.flatMap((d) => (d.addendum === undefined ? [] : [d.addendum])));
  return {
    page: map.meetingPage(committee, date),
    data: map.meetingData(committee, date),
    parts: parts.map((name) => map.meetingPart(committee, date, name)),
    sbsys: [undefined, ...addenda].map((addendum) => ({
      addendum,
      xml: map.sbsysXml(committee, date, addendum),
      document: map.sbsysDocument(committee, date, addendum),
      // The importer copies each attachment's file from the meeting's folder, by the name its Bilagsliste gives.
      copies: attachments
        .filter((a) => inSbsysFolder(a.addendum, addendum, meeting.kind === 'referat'))
        .map((a) => ({ file: a.file, copy: map.sbsysFile(committee, date, addendum, a.file.split('/').at(-1) ?? a.file) })),
    })),
  };
}

/** Every path of `files` (meetingFiles). */
const meetingPaths = (files: MeetingFiles) => [
  files.page,
  files.data,
  ...files.parts,
  ...files.sbsys.flatMap((folder) => [folder.xml, folder.document, ...folder.copies.map((c) => c.copy)]),
];

/** The site's files of no one meeting: each committee's data, list, and feeds; the authority's feeds, data, lists and pages; the search page, stylesheet and fonts. */
export type SiteWideFiles = ReturnType<typeof siteWideFiles>;

/** `committees`' ids in the site's order; `years`, of every meeting, newest first. */
export function siteWideFiles(map: SiteMap, committees: string[], years: string[]) {
  return {
    committees: committees.map((id) => ({
      data: map.committeeData(id),
      meetings: map.list('meetings', id),
      feed: map.feed(id),
      documentsFeed: map.documentsFeed(id),
    })),
    feed: map.feed(),
    documentsFeed: map.documentsFeed(),
    index: map.index,
    body: map.body,
    /** The authority's list of meetings, a page a year (the one page of none, where there is no meeting). */
    yearPages: (years.length > 0 ? years : ['']).map((year, i) => map.meetingsPage(year, i === 0)),
    lists: {
      bodies: map.list('bodies'),
      organizations: map.list('organizations'),
      persons: map.list('persons'),
      papers: map.list('papers'),
    },
    schemas: new Map(Object.keys(dataSchemas).map((name) => [name, map.schemaFile(name)])),
    frontPage: map.frontPage,
    dataPage: map.dataPage,
    searchPage: map.searchPage,
    searchScript: map.searchScript,
    stylesheet: map.stylesheet,
    fonts: new Map(siteFonts().map((f) => [f.name, map.font(f.name)])),
  };
}

function siteWidePaths(files: SiteWideFiles): string[] {
  return [
    ...files.committees.flatMap((c) => [c.data, c.meetings, c.feed, c.documentsFeed]),
    files.feed,
    files.documentsFeed,
    files.index,
    files.body,
    ...files.yearPages,
    ...Object.values(files.lists),
    ...files.schemas.values(),
    files.frontPage,
    files.dataPage,
    files.searchPage,
    files.searchScript,
    files.stylesheet,
    ...files.fonts.values(),
  ];
}

/** The years of `meetings`, newest first: the authority's list of meetings has a page for each. */
export const yearsOf = (meetings: Array<{ meeting: Pick<Meeting, 'date'> }>): string[] =>
  [...new Set(meetings.map(({ meeting }) => meeting.date.slice(0, 4)))].sort().reverse();

/** The committees with a record in the search index (an open item), in the site's order: those with an index. */
export const indexedCommittees = <C extends { meetings: Array<{ meeting: Pick<Meeting, 'items'> }> }>(committees: C[]): C[] =>
  committees.filter((c) => c.meetings.some(({ meeting }) => meeting.items.some((item) => !item.lukket)));

/** Every file publish writes of `committees` (the search indexes' but their folders), but those of the meetings `recorded`. */
export function sitePaths(committees: PlannedCommittee[]): SitePaths & { files: Set<string> } {
  const map = new SiteMap();
  const files = new Set<string>();
  for (const { id, meetings } of committees)
    for (const planned of meetings) {
      if (planned.recorded) continue;
      for (const file of [...planned.documents, ...planned.attachments]) files.add(file.file);
      for (const file of meetingPaths(meetingFiles(map, id, planned))) files.add(file);
    }
  const years = yearsOf(committees.flatMap((c) => c.meetings));
  for (const file of siteWidePaths(
    siteWideFiles(
      map,
      committees.map((c) => c.id),
      years,
    ),
  ))
    files.add(file);
  return { files, folders: indexedCommittees(committees).map((c) => map.searchIndex(c.id)) };
}

/**
 * Throws where `composed` (a first publication's files: every file of the site composed) are other than
 * `planned`: composeSite wrote a file by other names than these descriptions (a fault of this program),
 * which every test of a first publication would tell.
 */
export function expectPlanned(planned: Set<string>, composed: Iterable<string>): void {
  const made = new Set(composed);
  const differ = [...[...made].filter((file) => !planned.has(file)), ...[...planned].filter((file) => !made.has(file))];
  if (differ.length > 0) throw new Error(`sitePaths plans other files than composeSite makes: ${differ.join(', ')}`);
}
