import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HouseStyle } from '../model/meeting.js';
import type { HousePages } from '../shared/house-templates.js';
import { documentHeading, documentsFeedTitle, fill, kindWord, siteName } from '../render/wording.js';
import { addendumOf } from '../model/addenda.js';
import { atomFeed, entriesPerFeed, newestFirst, type FeedEntry } from './atom.js';
import {
  renderDataPage,
  renderIndexPage,
  renderItems,
  renderMeetingPage,
  renderSearchPage,
  renderStandaloneMeeting,
  searchScript,
  siteStylesheet,
  type Frame,
  type IndexPage,
} from '../render/web.js';
import { dataJsonSchemas, type MeetingData, type OrganizationData, type SchemaName } from './data-schema.js';
import { calendarEvent, calendarFormat, uidDomain, type CalendarMeeting, type FeedSource } from './ical.js';
import {
  bodyData,
  listData,
  meetingData,
  meetingParts,
  meetingTimes,
  organizationData,
  systemData,
  type ListPage,
  type Times,
} from './json.js';
import type { PublishedFile, PublishedMeeting } from './json.js';
import { json, listFormat, listPart } from './lists.js';
import { noEarlierParts, setOfParts, setWhole, type EarlierParts, type Pieces } from './parts.js';
import { sha256 } from './state.js';
import { searchChoices } from './search-choices.js';
import { sbsysItems, sbsysXml } from './sbsys.js';
import { SiteMap } from './site-map.js';
import { indexedCommittees, meetingFiles, siteWideFiles, yearsOf, type MeetingFiles, type SiteWideFiles } from './site-paths.js';
import { pdfContent, type SiteContent } from './staging.js';

// The whole site as files in memory, path → content: pages, data, feeds, SBSYS folders. Nothing here
// reads a clock or the disk besides the package's own templates and fonts, so the same meetings give
// the same files.

/** A committee as published: its public meetings and its schedule. */
export interface PublishedCommittee {
  id: string;
  /** udvalg.yaml's kort, else its folder's name: it names the committee's events in the feeds. */
  shortName: string;
  name: string;
  authority: string;
  /** Every scheduled meeting, past and coming, with those that have a document. */
  calendar: CalendarMeeting[];
  /** Its meetings with a document, in date order. */
  meetings: PublishedMeeting[];
  /** The house's words, with the committee's own: they name its feed of documents. */
  words: HouseStyle['ord'];
}

/**
 * The site's files by their paths: each its text, its bytes, or its bytes staged (written to the
 * publication's staging folder, staging.ts); set also as a text of pieces (a list, a feed), which is staged as made.
 */
export interface SiteFiles extends Map<string, SiteContent> {
  set(file: string, content: SiteContent | Pieces): this;
}

export interface SiteOptions {
  /** The site's public address, for the data's and the feeds' links. */
  url?: string;
  /** The day the front page counts the next meeting from. */
  today: string;
  /** kommune.yaml's words over the package's: what every committee's page and feed shares says it in them. */
  words: HouseStyle['ord'];
  /** The repository's own site pages (husstil/web/), which replace the package's. */
  house?: HousePages;
  /** The events of the feeds the site has now, by UID: an event changed since is a new revision of it. */
  earlierEvents: FeedSource['earlier'];
  /** Each document's feed entry's `updated`, by the document's path (atom.ts, entryRevision). */
  entryUpdated: Map<string, string>;
  /** Meetings whose page, data and SBSYS folder the site has as they would be made now: only their data for the lists is made. */
  kept?: (published: PublishedMeeting) => boolean;
  /** Told of each file made of one meeting alone (its page, data and SBSYS folder), which a later publication may keep. */
  madeOf?: (file: string, published: PublishedMeeting) => void;
  /**
   * The parts of the files made of every meeting (lists, feeds) the site has (parts.ts), and what a
   * meeting's part of a list is made from (`keyOf`: its own files' key, publish-kept.ts): a meeting's
   * part is made only where the site has it not.
   */
  parts?: { earlier: EarlierParts; keyOf: (published: PublishedMeeting) => string };
}

/** A meeting as the lists of meetings hold it: its part's key, its times, and its data, made where a list needs it. */
interface ListedMeeting {
  published: PublishedMeeting;
  key: string;
  times: Times & { start: string };
  data: () => MeetingData;
}

/** The site's files, set in `files` (publish's stages each as it is set, staging.ts). */
export function composeSite(committees: PublishedCommittee[], options: SiteOptions, files: SiteFiles): void {
  const map = new SiteMap(options.url);
  const authority = committees[0]?.authority ?? '';
  const { words } = options;
  const allDocuments = documentsFeedTitle(words, authority);
  const names = {
    site: siteName(words),
    search: fill(words.søg, { dagsordener: words.dagsordener, referater: words.referater }),
    data: words.åbne_data,
  };
  // A committee's page (its meeting's) offers its feed of documents too.
  const frame = (title: string, root: string, trail: Frame['trail'] = [], committee?: PublishedCommittee): Frame => ({
    title,
    root,
    house: options.house,
    authority,
    names,
    trail,
    search: map.searchPage,
    feeds: [
      { title: fill(words.alle_møder, { udvalg: authority }), href: `${root}${map.feed()}`, type: 'text/calendar' },
      { title: allDocuments, href: `${root}${map.documentsFeed()}`, type: atomType },
      ...(committee
        ? [
            {
              title: documentsFeedTitle(committee.words, committee.name),
              href: `${root}${map.documentsFeed(committee.id)}`,
              type: atomType,
            },
          ]
        : []),
    ],
  });
  const domain = uidDomain(options.url);
  const feedSource = { domain, earlier: options.earlierEvents };
  const earlier = options.parts?.earlier ?? noEarlierParts;
  const feed = (file: string, title: string, of: PublishedCommittee[]) => {
    const events = of.flatMap((c) => withPages(map, c).map((m) => calendarEvent(c, m, feedSource)));
    setOfParts(files, earlier, file, events, calendarFormat(title));
  };
  const documentsFeed = (file: string, title: string, of: PublishedCommittee[], shortName?: string) => {
    const link = linkFrom(map, file);
    const about = { domain, shortName, title, author: authority, self: link(file), home: link('index.html') };
    const entries = newestEntries(of, options.entryUpdated).map(({ committee, published }) =>
      feedEntry(map, committee, published, link, options.entryUpdated),
    );
    setWhole(files, earlier, file, { key: sha256(JSON.stringify([about, entries])), make: () => atomFeed(about, entries) });
  };
  const organizations: OrganizationData[] = [];
  const allMeetings: ListedMeeting[] = [];
  // Every file is written by the names these describe, as publish planned them (site-paths.ts).
  const where = siteWideFiles(
    map,
    committees.map((c) => c.id),
    yearsOf(committees.flatMap((c) => c.meetings)),
  );
  committees.forEach((committee, i) => {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- siteWideFiles describes each committee, in their order
    const own = where.committees[i]!;
    // Newest first, as a reader of a committee's meetings looks for the latest.
    const meetings = committee.meetings.map((published) => addMeeting(files, map, committee, published, frame, options)).reverse();
    const organization = organizationData(
      map,
      committee,
      meetings.map((m) => m.times),
    );
    setDocument(files, map, own.data, 'organization', organization);
    addList(files, { map, earlier }, own.meetings, meetings);
    organizations.push(organization);
    // The authority's lists make each meeting's data again, where they need it: not every meeting's held until they are made
    // (a closure of `m` held its data made, and with it the items' HTML: some 75 kB a meeting till the site was composed).
    allMeetings.push(...meetings.map(({ published, key, times }) => ({ published, key, times, data: () => meetingData(map, published) })));
    feed(own.feed, fill(committee.words.mødekalender, { udvalg: committee.name }), [committee]);
    documentsFeed(own.documentsFeed, documentsFeedTitle(committee.words, committee.name), [committee], committee.shortName);
  });
  feed(where.feed, fill(words.mødekalender, { udvalg: authority }), committees);
  documentsFeed(where.documentsFeed, allDocuments, committees);
  addEntryPoints(files, { map, earlier, where }, authority, organizations, allMeetings);
  files.set(where.frontPage, renderIndexPage(frame(siteName(words, true), ''), indexView(map, committees, options.today, words)));
  const feeds = committees.map((c) => ({ name: c.name, feed: map.feed(c.id), documentsFeed: map.documentsFeed(c.id) }));
  files.set(
    where.dataPage,
    renderDataPage(frame(names.data, ''), {
      documents: names.site,
      committees: feeds,
      schema: { index: map.schema('index'), meeting: map.schema('meeting') },
    }),
  );
  files.set(
    where.searchPage,
    renderSearchPage(
      { ...frame(names.search, ''), script: map.searchScript },
      searchChoices(indexedCommittees(committees)),
      words.side_henvisning,
    ),
  );
  files.set(where.searchScript, searchScript());
  const { css, fonts } = siteStylesheet(map.fontFolder, options.house);
  files.set(where.stylesheet, css);
  for (const font of fonts) files.set(described(where.fonts, font.name), readFileSync(font.file));
}

/** The path `described` gives `name` (a font, a schema): one it does not describe is a fault of this program. */
function described(paths: Map<string, string>, name: string): string {
  const at = paths.get(name);
  if (at === undefined) throw new Error(`${name}: a file of the site that site-paths.ts does not describe`);
  return at;
}

/**
 * A meeting's documents, and its page, data and SBSYS folder where it is not kept; it as the lists
 * hold it, its data made once where a list or its own files need it.
 */
function addMeeting(
  files: SiteFiles,
  map: SiteMap,
  committee: PublishedCommittee,
  published: PublishedMeeting,
  frame: (title: string, root: string, trail?: Frame['trail'], committee?: PublishedCommittee) => Frame,
  { kept, madeOf, parts }: Pick<SiteOptions, 'kept' | 'madeOf' | 'parts'>,
): ListedMeeting {
  // A PDF kept unread (not staged) is the caller's to list as kept: it is not written.
  for (const file of [...meetingPdfs(published), ...published.attachments]) {
    const content = pdfContent(file);
    if (content) files.set(file.path, content);
  }
  let made: MeetingData | undefined;
  const data = () => (made ??= meetingData(map, published));
  const listed = { published, key: parts?.keyOf(published) ?? '', times: meetingTimes(published.meeting), data };
  if (kept?.(published)) return listed;
  const own: SiteFiles = new Map();
  addMeetingFiles(own, map, committee, published, frame, data());
  for (const [file, content] of own) {
    files.set(file, content);
    madeOf?.(file, published);
  }
  return listed;
}

/** A meeting's documents' PDFs: the agenda's (or the minutes') and each addendum's, each alone and combined. */
const meetingPdfs = (published: PublishedMeeting) =>
  [published, ...published.addenda].flatMap((d) => (d.combined ? [d.pdf, d.combined] : [d.pdf]));

/** A meeting's page, its data and its SBSYS folder. */
function addMeetingFiles(
  files: SiteFiles,
  map: SiteMap,
  committee: PublishedCommittee,
  published: PublishedMeeting,
  frame: (title: string, root: string, trail?: Frame['trail'], committee?: PublishedCommittee) => Frame,
  data: MeetingData,
): void {
  const { meeting } = published;
  const heading = documentHeading(meeting);
  const documents = meetingPdfs(published);
  const where = meetingFiles(map, committee.id, {
    meeting,
    documents: [published, ...published.addenda].flatMap((d) =>
      (d.combined ? [d.pdf, d.combined] : [d.pdf]).map((file) => ({ file: file.path, addendum: 'number' in d ? d.number : undefined })),
    ),
    attachments: published.attachments.map((a) => ({ file: a.path, addendum: a.addendum })),
  });
  const pageFrame = frame(heading, '../', [{ href: `../index.html#udvalg-${committee.id}`, label: committee.name }], committee);
  // From the meeting's page, in the committee's folder, to a file there.
  const link = (file: PublishedFile) => ({ href: file.path.slice(committee.id.length + 1), label: file.name, size: size(file) });
  const attachments = new Map(published.attachments.map((file) => [file.anchor, link(file)]));
  const items = renderItems(meeting, attachments);
  files.set(where.page, renderMeetingPage(pageFrame, { heading, meeting, documents: documents.map(link), items }));
  setDocument(files, map, where.data, 'meeting', data);
  addParts(files, map, where, data);
  // The agenda's folder, and one for each addendum, which the importer files as an addendum to the agenda's meeting.
  for (const folder of where.sbsys) addSbsysFolder(files, committee, published, data, folder, { heading, house: pageFrame.house });
}

/** Each part of a meeting's data (meetingParts) as a document of its own, at the address of its id: where `where` describes it. */
function addParts(files: SiteFiles, map: SiteMap, where: MeetingFiles, data: MeetingData): void {
  const parts = new Map(meetingParts(data).map((part) => [map.path(part.object.id), part]));
  for (const at of where.parts) {
    const part = parts.get(at);
    if (!part) throw new Error(`${at}: a part site-paths.ts describes, but not in the meeting's data`);
    setDocument(files, map, at, part.schema, part.object);
  }
  if (parts.size !== where.parts.length) throw new Error(`${where.data}: parts in the meeting's data that site-paths.ts does not describe`);
}

/** The meeting's SBSYS folder, or its addendum `addendum`'s: the XML, the document as HTML, the items' attachment files. */
function addSbsysFolder(
  files: SiteFiles,
  committee: PublishedCommittee,
  { meeting, itemsHtml, attachments }: PublishedMeeting,
  data: MeetingData,
  { addendum, xml, document: html, copies }: MeetingFiles['sbsys'][number],
  agenda: { heading: string; house?: HousePages },
): void {
  const own = sbsysItems(data, addendum);
  const document = addendum === undefined ? meeting : addendumOf(meeting, addendum);
  // An addendum's page is headed as the meeting's is, with the addendum's name (documentHeading asks the house's words).
  const heading = addendum === undefined ? agenda.heading : documentHeading(document);
  const items = own.map((item) => itemsHtml[item.order] ?? '');
  files.set(xml, sbsysXml(committee, { ...data, agendaItem: own }, addendum));
  files.set(html, renderStandaloneMeeting({ heading, meeting: document, items }, agenda.house));
  const byPath = new Map(attachments.map((file) => [file.path, file]));
  for (const { file, copy } of copies) {
    // The caller stages the PDFs it kept unread of every meeting whose folder is made.
    const pdf = byPath.get(file);
    const content = pdf && pdfContent(pdf);
    if (!content) throw new Error(`${file}: not staged for the SBSYS folder of a meeting not kept`);
    files.set(copy, content);
  }
}

/** OParl's System (data/index.json, the entry point) and Body, their lists, and the data's JSON Schemas. */
function addEntryPoints(
  files: SiteFiles,
  site: { map: SiteMap; earlier: EarlierParts; where: SiteWideFiles },
  authority: string,
  organizations: OrganizationData[],
  meetings: ListedMeeting[],
): void {
  const { map, where } = site;
  const times = meetings.map((m) => m.times);
  const body = bodyData(map, authority, times);
  setDocument(files, map, where.index, 'index', systemData(map, authority, times));
  setDocument(files, map, where.body, 'body', body);
  addObjects(files, map, where.lists.bodies, [body]);
  addObjects(files, map, where.lists.organizations, organizations);
  const newest = [...meetings].sort((a, b) => b.times.start.localeCompare(a.times.start));
  for (const { sitePath, listed, page } of yearPages(where.yearPages, newest)) addList(files, site, sitePath, listed, page);
  // OParl's Body must name these lists; the site publishes no persons and no papers.
  addObjects(files, map, where.lists.persons, []);
  addObjects(files, map, where.lists.papers, []);
  for (const [name, schema] of dataJsonSchemas()) files.set(described(where.schemas, name), json(schema));
}

/**
 * The authority's list of meetings (`newest`: newest first) on a page a year (OParl's pagination):
 * a change to one meeting rewrites its year's page alone, where the whole list (some 115 MB at 4,000
 * meetings) was read, joined and written again; a year begun or gone rewrites every page (their links).
 * No meeting: one page of none.
 */
function yearPages(paths: string[], newest: ListedMeeting[]): Array<{ sitePath: string; listed: ListedMeeting[]; page: ListPage }> {
  const years = new Map<string, ListedMeeting[]>();
  for (const m of newest) {
    const year = m.published.meeting.date.slice(0, 4);
    const own = years.get(year);
    if (own) own.push(m);
    else years.set(year, [m]);
  }
  const none: Array<[string, ListedMeeting[]]> = [['', []]];
  const pages = years.size > 0 ? [...years] : none;
  // `paths` (siteWideFiles') are of the same years, newest first.
  if (paths.length !== pages.length) throw new Error('site-paths.ts describes other pages of the list of meetings than there are years');
  // paths[i - 1] and paths[i + 1]: none before the first page, none after the last.
  return pages.map(([, listed], i) => ({
    sitePath: paths[i] ?? '',
    listed,
    page: { current: i + 1, total: pages.length, first: paths[0] ?? '', last: paths.at(-1) ?? '', prev: paths[i - 1], next: paths[i + 1] },
  }));
}

/** A list of meetings (or its `page`), joined of each meeting's part: as the site has it where it did not change. */
const addList = (
  files: SiteFiles,
  { map, earlier }: { map: SiteMap; earlier: EarlierParts },
  sitePath: string,
  meetings: ListedMeeting[],
  page?: ListPage,
) =>
  setOfParts(
    files,
    earlier,
    sitePath,
    meetings.map((m) => ({ key: m.key, make: () => listPart(map, sitePath, m.data()) })),
    listFormat(map, sitePath, page),
  );

/** A list of a few objects (the authority's bodies, its committees), made whole. */
const addObjects = (files: SiteFiles, map: SiteMap, sitePath: string, data: object[]) =>
  files.set(sitePath, json(map.inDocument(listData(map, sitePath, data), sitePath)));

/** An object as a document of its own at `sitePath`: with the address of its schema first. */
const setDocument = (files: SiteFiles, map: SiteMap, sitePath: string, schema: SchemaName, object: object) =>
  files.set(sitePath, json(map.inDocument({ $schema: map.address(map.schema(schema)), ...object }, sitePath)));

const atomType = 'application/atom+xml';

/**
 * The meetings of `of` whose documents a feed holds (atomFeed's newest `entriesPerFeed`, in their
 * order among all), told by what orders a feed alone: no entry is made of the others.
 */
function newestEntries(
  of: PublishedCommittee[],
  updated: Map<string, string>,
): Array<{ committee: PublishedCommittee; published: PublishedMeeting }> {
  const all = of.flatMap((committee) => committee.meetings.map((published) => ({ committee, published })));
  const order = (m: (typeof all)[number]) => ({
    updated: updated.get(m.published.pdf.path) ?? '',
    date: m.published.meeting.date,
    shortName: m.committee.shortName,
  });
  const newest = new Set(
    all
      .map((m) => ({ m, by: order(m) }))
      .sort((a, b) => newestFirst(a.by, b.by))
      .slice(0, entriesPerFeed)
      .map(({ m }) => m),
  );
  return all.filter((m) => newest.has(m));
}

/** A meeting's document as its feed entry names it, with the links `link` makes. */
function feedEntry(
  map: SiteMap,
  committee: PublishedCommittee,
  { meeting, pdf, addenda }: PublishedMeeting,
  link: (sitePath: string) => string,
  updated: Map<string, string>,
): FeedEntry {
  const { shortName } = committee;
  const page = link(map.meetingPage(committee.id, meeting.date));
  const entryUpdated = updated.get(pdf.path);
  if (entryUpdated === undefined) throw new Error(`no feed entry date for ${pdf.path}: publish gives one for every meeting's document`);
  return {
    shortName,
    date: meeting.date,
    kind: meeting.kind,
    title: documentHeading(meeting),
    updated: entryUpdated,
    page,
    pdf: { href: link(pdf.path), length: pdf.size },
    addenda: addenda.map((a) => ({
      title: kindWord(addendumOf(meeting, a.number)),
      href: link(a.pdf.path),
      length: a.pdf.size,
    })),
  };
}

/**
 * A site path as a feed at `feedFile` links to it: the absolute address where the site's is known,
 * else relative to the feed's folder (a committee's feed is in its folder).
 */
function linkFrom(map: SiteMap, feedFile: string): (sitePath: string) => string {
  return (sitePath) => (map.isAbsolute ? map.address(sitePath) : path.posix.relative(path.posix.dirname(feedFile), sitePath));
}

/** The committee's calendar with each meeting's page where it has one. */
function withPages(map: SiteMap, committee: PublishedCommittee): CalendarMeeting[] {
  const published = new Set(committee.meetings.map((m) => m.meeting.date));
  return committee.calendar.map((m) =>
    published.has(m.date) && map.isAbsolute ? { ...m, page: map.address(map.meetingPage(committee.id, m.date)) } : m,
  );
}

function indexView(map: SiteMap, committees: PublishedCommittee[], today: string, words: HouseStyle['ord']): IndexPage {
  return {
    authority: committees[0]?.authority ?? '',
    heading: siteName(words, true),
    none: words.dagsordener,
    committees: committees.map((c) => {
      const pages = new Set(c.meetings.map((m) => m.meeting.date));
      const next = c.calendar.find((m) => m.date >= today && !m.cancelled);
      const years = [...new Set(c.meetings.map((m) => m.meeting.date.slice(0, 4)))].sort().reverse();
      return {
        id: c.id,
        name: c.name,
        documents: siteName(c.words),
        feed: map.feed(c.id),
        documentsFeed: map.documentsFeed(c.id),
        next: next && {
          date: next.date,
          start: next.start,
          place: next.place,
          page: pages.has(next.date) ? map.meetingPage(c.id, next.date) : undefined,
        },
        years: years.map((year) => ({
          year,
          meetings: c.meetings
            .filter((m) => m.meeting.date.startsWith(year))
            .reverse()
            .map(({ meeting, pdf }) => ({
              date: meeting.date,
              kind: kindWord(meeting),
              page: map.meetingPage(c.id, meeting.date),
              pdf: { href: pdf.path, size: size(pdf) },
            })),
        })),
      };
    }),
  };
}

/** "PDF, 212 kB": what a reader needs to know before opening a document. */
function size(file: PublishedFile): string {
  const kB = file.size / 1000;
  return kB < 1000 ? `PDF, ${Math.max(1, Math.round(kB))} kB` : `PDF, ${(kB / 1000).toLocaleString('da', { maximumFractionDigits: 1 })} MB`;
}
