import type { Meeting } from '../model/meeting.js';
import { siteFonts } from '../render/web.js';
import { dataSchemas } from './data-schema.js';
import { partNames } from './json.js';
import { inSbsysFolder } from './sbsys.js';
import { indexedCommittees, yearPagePaths } from './site.js';
import { SiteMap } from './site-map.js';
import type { SitePaths } from './others-files.js';

// What publish will write, known from the site map before anything is printed: every page's, PDF's,
// data's and feed's path, and each search index's folder (pagefind/<udvalg>/). The index's files are
// not known until Pagefind has written them (fragments named by their content), so they are told when
// the site is written (write.ts). Asked so that what stands in the way is refused before minutes of
// printing (others-files.ts); each file composeSite sets is among them (`expectPlanned`).

/** A meeting as it will be published, known before its PDFs are made. */
export interface PlannedMeeting {
  meeting: Meeting;
  /** Its documents' PDFs, each with the addendum it is (none: the agenda or the minutes). */
  documents: Array<{ file: string; addendum?: number }>;
  /** Its open attachments' PDFs, each with the addendum its item came with (none: with the agenda). */
  attachments: Array<{ file: string; addendum?: number }>;
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

/** Every file publish writes of `committees` (the search indexes' but their folders), but those of the meetings `recorded`. */
export function sitePaths(committees: PlannedCommittee[]): SitePaths & { files: Set<string> } {
  const map = new SiteMap();
  const files = new Set<string>();
  const add = (...paths: string[]) => paths.forEach((p) => files.add(p));
  for (const { id, meetings } of committees) {
    for (const planned of meetings) if (!planned.recorded) addMeeting(add, map, id, planned);
    add(map.committeeData(id), map.list('meetings', id), map.feed(id), map.documentsFeed(id));
  }
  const years = new Set(committees.flatMap((c) => c.meetings.map(({ meeting }) => meeting.date.slice(0, 4))));
  add(map.feed(), map.documentsFeed(), map.index, map.body, ...yearPagePaths(map, [...years].sort().reverse()));
  add(...['bodies', 'organizations', 'persons', 'papers'].map((what) => map.list(what)));
  add(...Object.keys(dataSchemas).map(map.schemaFile));
  add(map.frontPage, map.dataPage, map.searchPage, map.searchScript, map.stylesheet, ...siteFonts().map((f) => map.font(f.name)));
  return { files, folders: indexedCommittees(committees).map((c) => map.searchIndex(c.id)) };
}

/** A meeting's PDFs, page, data and its parts, and its SBSYS folders (the agenda's, each addendum's). */
function addMeeting(
  add: (...paths: string[]) => void,
  map: SiteMap,
  committee: string,
  { meeting, documents, attachments }: PlannedMeeting,
) {
  const { date } = meeting;
  const pdfs = [...documents, ...attachments].map((d) => d.file);
  add(...pdfs, map.meetingPage(committee, date), map.meetingData(committee, date));
  const parts = [partNames.location, ...meeting.items.map(partNames.item), ...pdfs.map(partNames.file)];
  add(...parts.map((name) => map.meetingPart(committee, date, name)));
  const addenda = new Set(documents.flatMap((d) => (d.addendum === undefined ? [] : [d.addendum])));
  for (const addendum of [undefined, ...addenda]) {
    add(map.sbsysXml(committee, date, addendum), map.sbsysDocument(committee, date, addendum));
    const own = attachments.filter((a) => inSbsysFolder(a.addendum, addendum, meeting.kind === 'referat'));
    add(...own.map((a) => map.sbsysFile(committee, date, addendum, a.file.split('/').at(-1) ?? a.file)));
  }
}

/**
 * Throws where `composed` (a first publication's files: every file of the site composed) are other than
 * `planned`: sitePaths and composeSite no longer agree (a fault of this program), which every test of a
 * first publication would tell.
 */
export function expectPlanned(planned: Set<string>, composed: Iterable<string>): void {
  const made = new Set(composed);
  const differ = [...[...made].filter((file) => !planned.has(file)), ...[...planned].filter((file) => !made.has(file))];
  if (differ.length > 0) throw new Error(`sitePaths plans other files than composeSite makes: ${differ.join(', ')}`);
}
