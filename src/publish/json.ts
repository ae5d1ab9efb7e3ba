import { attachmentAnchor } from '../model/attachments.js';
import type { Item, Meeting } from '../model/meeting.js';
import { documentName } from '../render/wording.js';
import {
  meetingStates,
  type AgendaItemData,
  type BodyData,
  type FileData,
  type MeetingData,
  type OrganizationData,
  type SystemData,
} from './data-schema.js';
import { sectionsOf } from './sections.js';
import type { SiteMap } from './site-map.js';
import type { PdfFile } from './state.js';

// The open data (site/data/): the public model in the shapes of data-schema.ts.

/** A PDF of the site with what people outside the site need to know of it: its size and hashes, its staged file where made or read. */
export interface PublishedFile extends PdfFile {
  /** Its path in the site. */
  path: string;
  /** What it is, in Danish. */
  name: string;
}

/** One meeting as published: its public model, its items' HTML, its files, where they are. */
export interface PublishedMeeting {
  committeeId: string;
  meeting: Meeting;
  /** Each item's HTML as on the page, in order, without the links to its attachments' files (the data and the SBSYS folder name those apart). */
  itemsHtml: string[];
  pdf: PublishedFile;
  combined?: PublishedFile;
  /** Before the meeting, its tillægsdagsordener (addenda), each alone and combined as the agenda is. */
  addenda: PublishedAddendum[];
  /** Its open attachments' files, in the order of the Bilagsoversigt. */
  attachments: PublishedAttachment[];
}

export interface PublishedAddendum {
  number: number;
  pdf: PublishedFile;
  combined?: PublishedFile;
}

/** An open attachment's file, and which attachment it is (attachmentAnchor: its item's number and its place). */
export interface PublishedAttachment extends PublishedFile {
  anchor: string;
  /** The tillægsdagsorden its item came with (none: with the agenda): its SBSYS folder is that addendum's. */
  addendum?: number;
}

/** The addresses a meeting's data is made of: its own document's, and that of each object in it. */
interface MeetingAddresses {
  id: string;
  web: string;
  part: (name: string) => string;
  times: Times;
}

/** OParl's created and modified of an object. */
export interface Times {
  created: string;
  modified: string;
}

/** A meeting's start, created and modified as its data gives them, without making its data (a list's order and span need no more). */
export function meetingTimes(meeting: Pick<Meeting, 'date' | 'start'>): Times & { start: string } {
  const stamp = copenhagenTime(meeting.date, '0:00');
  return { start: copenhagenTime(meeting.date, meeting.start), created: stamp, modified: stamp };
}

export function meetingData(map: SiteMap, published: PublishedMeeting): MeetingData {
  const { meeting, committeeId } = published;
  const { start, ...times } = meetingTimes(meeting);
  const at: MeetingAddresses = {
    id: map.address(map.meetingData(committeeId, meeting.date)),
    web: map.address(map.meetingPage(committeeId, meeting.date)),
    part: (name) => map.address(map.meetingPart(committeeId, meeting.date, name)),
    times,
  };
  const pdf = fileData(map, at, published.pdf);
  // Asked for once, not once an item: a meeting's record holds them packed (publish-unread.ts).
  const { itemsHtml } = published;
  return {
    id: at.id,
    type: 'https://schema.oparl.org/1.1/Meeting',
    name: documentName(meeting),
    meetingState: meetingStates[meeting.kind],
    cancelled: false,
    start,
    ...(meeting.end === undefined ? {} : { end: copenhagenTime(meeting.date, meeting.end) }),
    location: { id: at.part(partNames.location), type: 'https://schema.oparl.org/1.1/Location', description: meeting.place, ...at.times },
    organization: [map.address(map.committeeData(committeeId))],
    ...(meeting.kind === 'referat' ? { resultsProtocol: pdf } : { invitation: pdf }),
    auxiliaryFile: nonEmpty(
      [published.combined, ...published.addenda.flatMap((a) => [a.pdf, a.combined])].flatMap((f) => (f ? [fileData(map, at, f)] : [])),
    ),
    agendaItem: nonEmpty(meeting.items.map((item, order) => agendaItemData(map, published, at, { item, order, html: itemsHtml[order] }))),
    web: at.web,
    ...at.times,
  };
}

function agendaItemData(
  map: SiteMap,
  published: PublishedMeeting,
  at: MeetingAddresses,
  { item, order, html }: { item: Item; order: number; html?: string },
): AgendaItemData {
  // The item's attachments with a published file, by their place in its list.
  const files = new Map(
    item.bilag.flatMap((_, place) => {
      const file = published.attachments.find((a) => a.anchor === attachmentAnchor(item, place));
      return file ? [[place, fileData(map, at, file)] as const] : [];
    }),
  );
  return {
    id: at.part(partNames.item(item)),
    type: 'https://schema.oparl.org/1.1/AgendaItem',
    meeting: at.id,
    number: String(item.number),
    order,
    name: item.title,
    public: !item.lukket,
    ...(item.beslutning ? { resolutionText: item.beslutning.text } : {}),
    web: `${at.web}#punkt-${item.number}`,
    'agenda:sections': nonEmpty(sectionsOf(html ?? '')),
    'agenda:attachments': nonEmpty(
      item.bilag.map((b, place) => ({
        number: b.number,
        public: !b.lukket,
        ...(b.title ? { name: b.title } : {}),
        ...(b.document ? { reference: b.document } : {}),
        ...(b.publicNote ? { note: b.publicNote } : {}),
        ...(files.has(place) ? { file: files.get(place)?.id } : {}),
      })),
    ),
    auxiliaryFile: nonEmpty([...files.values()]),
    ...(item.addendum ? { 'agenda:addendum': item.addendum.number } : {}),
    ...at.times,
  };
}

/** OParl leaves an empty list out rather than give it empty. */
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** The names of the parts of a meeting's data (meetingParts), each a document of its own (SiteMap.meetingPart): its place, an item by its number, a file by its name. */
export const partNames = {
  location: 'sted',
  item: (item: Pick<Item, 'number'>) => `punkt-${item.number}`,
  file: (sitePath: string) => (sitePath.split('/').at(-1) ?? sitePath).replace(/\.pdf$/, ''),
};

/** The objects in a meeting's data, each to be a document of its own at the address of its id: its place, items and files. */
export function meetingParts(data: MeetingData): Array<{ schema: 'location' | 'agenda-item' | 'file'; object: { id: string } }> {
  const items = data.agendaItem ?? [];
  const itemFiles = items.flatMap((item) => item.auxiliaryFile ?? []);
  const files = [data.invitation, data.resultsProtocol, ...(data.auxiliaryFile ?? []), ...itemFiles];
  return [
    { schema: 'location', object: data.location },
    ...items.map((object) => ({ schema: 'agenda-item' as const, object })),
    ...files.flatMap((object) => (object ? [{ schema: 'file' as const, object }] : [])),
  ];
}

export function organizationData(map: SiteMap, committee: { id: string; name: string }, meetings: Array<Partial<Times>>): OrganizationData {
  return {
    id: map.address(map.committeeData(committee.id)),
    type: 'https://schema.oparl.org/1.1/Organization',
    body: map.address(map.body),
    name: committee.name,
    meeting: map.address(map.list('meetings', committee.id)),
    web: map.address(`index.html#udvalg-${committee.id}`),
    'agenda:calendar': map.address(map.feed(committee.id)),
    ...spanOf(meetings),
  };
}

export function bodyData(map: SiteMap, authority: string, meetings: Array<Partial<Times>>): BodyData {
  return {
    id: map.address(map.body),
    type: 'https://schema.oparl.org/1.1/Body',
    system: map.address(map.index),
    name: authority,
    organization: map.address(map.list('organizations')),
    person: map.address(map.list('persons')),
    meeting: map.address(map.list('meetings')),
    paper: map.address(map.list('papers')),
    legislativeTerm: [],
    web: map.address('index.html'),
    ...spanOf(meetings),
  };
}

export function systemData(map: SiteMap, authority: string, meetings: Array<Partial<Times>>): SystemData {
  return {
    id: map.address(map.index),
    type: 'https://schema.oparl.org/1.1/System',
    oparlVersion: 'https://schema.oparl.org/1.1/',
    name: authority,
    body: map.address(map.list('bodies')),
    web: map.address('index.html'),
    'agenda:calendar': map.address(map.feed()),
    ...spanOf(meetings),
  };
}

/** Where a page of an OParl external list stands among its pages: its number, their count, and the pages it links to (site paths). */
export interface ListPage {
  current: number;
  total: number;
  first: string;
  last: string;
  prev?: string;
  next?: string;
}

/**
 * An OParl external list at `sitePath`: on one page, or on `page` of several. A page of several gives no
 * `totalElements`, which would change every page at each meeting added (the list of all meetings is a
 * page a year so that a change rewrites its year's page alone: site.ts).
 */
export function listData(map: SiteMap, sitePath: string, data: unknown[], page?: ListPage): object {
  if (!page)
    return { data, pagination: { totalElements: data.length, currentPage: 1, totalPages: 1 }, links: { self: map.address(sitePath) } };
  const { current, total, first, last, prev, next } = page;
  const link = (name: string, to: string | undefined) => (to === undefined ? {} : { [name]: map.address(to) });
  return {
    data,
    pagination: { currentPage: current, totalPages: total },
    links: {
      self: map.address(sitePath),
      first: map.address(first),
      ...link('prev', prev),
      ...link('next', next),
      last: map.address(last),
    },
  };
}

/** The first day and the last of the meetings an object holds; nothing where it holds none. */
function spanOf(meetings: Array<Partial<Times>>): Partial<Times> {
  const created = meetings.flatMap((m) => m.created ?? []).sort();
  const modified = meetings.flatMap((m) => m.modified ?? []).sort();
  return created.length > 0 ? { created: created[0], modified: modified.at(-1) } : {};
}

function fileData(map: SiteMap, at: MeetingAddresses, file: PublishedFile): FileData {
  const address = map.address(file.path);
  const fileName = file.path.split('/').at(-1) ?? file.path;
  return {
    id: at.part(partNames.file(file.path)),
    type: 'https://schema.oparl.org/1.1/File',
    name: file.name,
    fileName,
    mimeType: 'application/pdf',
    size: file.size,
    sha512Checksum: file.sha512,
    accessUrl: address,
    downloadUrl: address,
    ...at.times,
  };
}

/** "2023-11-22", "9:00" → "2023-11-22T09:00:00+01:00": the clock in Copenhagen with that day's offset from UTC. */
export function copenhagenTime(date: string, clock: string): string {
  // Both checked as they were read (a date, a clock): every part is there.
  const [hour = 0, minute = 0] = clock.split(/[:.]/).map(Number);
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset at the wall time read as UTC, then at the instant it gives: right on either side of a change.
  const offset = offsetMinutes(wall - offsetMinutes(wall) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00${sign}${hh}:${mm}`;
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', timeZoneName: 'longOffset' });

function offsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
