import { createHash } from 'node:crypto';
import { attachmentAnchor } from '../model/attachments.js';
import type { Item, Meeting } from '../model/meeting.js';
import { kindName, longDate } from '../shared/danish-dates.js';
import type { AgendaItemData, FileData, IndexData, MeetingData, OrganizationData } from './data-schema.js';
import { sectionsOf } from './sections.js';
import type { SiteMap } from './site-map.js';

// The open data (site/data/): the public model in the shapes of data-schema.ts.

/** A file of the site with what people outside the site need to know of it. */
export interface PublishedFile {
  /** Its path in the site. */
  path: string;
  /** What it is, in Danish. */
  name: string;
  bytes: Uint8Array;
}

/** One meeting as published: its public model, its items' HTML, its files, where they are. */
export interface PublishedMeeting {
  committeeId: string;
  meeting: Meeting;
  /** Each item's HTML as on the page, in order, without the links to its attachments' files (the data and the SBSYS folder name those apart). */
  itemsHtml: string[];
  pdf: PublishedFile;
  combined?: PublishedFile;
  /** Its open attachments' files, in the order of the Bilagsoversigt. */
  attachments: PublishedAttachment[];
}

/** An open attachment's file, and which attachment it is (attachmentAnchor: its item's number and its place). */
export interface PublishedAttachment extends PublishedFile {
  anchor: string;
}

export function meetingData(map: SiteMap, published: PublishedMeeting): MeetingData {
  const { meeting, committeeId } = published;
  const id = map.address(map.meetingData(committeeId, meeting.date));
  const web = map.address(map.meetingPage(committeeId, meeting.date));
  const pdf = fileData(map, published.pdf);
  return {
    $schema: map.address(map.schema('meeting')),
    id,
    type: 'https://schema.oparl.org/1.1/Meeting',
    name: `${kindName(meeting.kind)} for ${meeting.committee}s møde den ${longDate(meeting.date)}`,
    meetingState: meeting.kind === 'referat' ? 'held' : 'invited',
    cancelled: false,
    start: copenhagenTime(meeting.date, meeting.start),
    end: copenhagenTime(meeting.date, meeting.end),
    location: { type: 'https://schema.oparl.org/1.1/Location', description: meeting.place },
    organization: [map.address(map.committeeData(committeeId))],
    ...(meeting.kind === 'referat' ? { resultsProtocol: pdf } : { invitation: pdf }),
    auxiliaryFile: published.combined ? [fileData(map, published.combined)] : [],
    agendaItem: meeting.items.map((item, order) => agendaItemData(map, published, { id, web }, item, order)),
    web,
  };
}

function agendaItemData(map: SiteMap, published: PublishedMeeting, meeting: { id: string; web: string }, item: Item, order: number): AgendaItemData {
  // The item's attachments with a published file, by their place in its list.
  const files = new Map(
    item.bilag.flatMap((_, place) => {
      const file = published.attachments.find((a) => a.anchor === attachmentAnchor(item, place));
      return file ? [[place, fileData(map, file)] as const] : [];
    }),
  );
  return {
    id: `${meeting.id}#punkt-${item.number}`,
    type: 'https://schema.oparl.org/1.1/AgendaItem',
    meeting: meeting.id,
    number: String(item.number),
    order,
    name: item.title,
    public: !item.lukket,
    ...(item.beslutning ? { resolutionText: item.beslutning.text } : {}),
    web: `${meeting.web}#punkt-${item.number}`,
    'agenda:sections': sectionsOf(published.itemsHtml[order] ?? ''),
    'agenda:attachments': item.bilag.map((b, place) => ({
      number: b.number,
      public: !b.lukket,
      ...(b.title ? { name: b.title } : {}),
      ...(b.document ? { reference: b.document } : {}),
      ...(b.publicNote ? { note: b.publicNote } : {}),
      ...(files.has(place) ? { file: files.get(place)!.id } : {}),
    })),
    auxiliaryFile: [...files.values()],
  };
}

export function organizationData(map: SiteMap, committee: { id: string; name: string }, meetings: MeetingData[]): OrganizationData {
  return {
    $schema: map.address(map.schema('organization')),
    id: map.address(map.committeeData(committee.id)),
    type: 'https://schema.oparl.org/1.1/Organization',
    name: committee.name,
    web: map.address(`index.html#udvalg-${committee.id}`),
    meeting: meetings.map(({ id, type, name, meetingState, cancelled, start, end, web }) => ({ id, type, name, meetingState, cancelled, start, end, web })),
    'agenda:calendar': map.address(map.feed(committee.id)),
  };
}

export function indexData(map: SiteMap, authority: string, committeeIds: string[]): IndexData {
  return {
    $schema: map.address(map.schema('index')),
    name: authority,
    organization: committeeIds.map((id) => map.address(map.committeeData(id))),
    'agenda:calendar': map.address(map.feed()),
  };
}

function fileData(map: SiteMap, file: PublishedFile): FileData {
  const address = map.address(file.path);
  return {
    id: address,
    type: 'https://schema.oparl.org/1.1/File',
    name: file.name,
    fileName: file.path.split('/').at(-1)!,
    mimeType: 'application/pdf',
    size: file.bytes.byteLength,
    sha512Checksum: createHash('sha512').update(file.bytes).digest('hex'),
    accessUrl: address,
    downloadUrl: address,
  };
}

/** "2023-11-22", "9:00" → "2023-11-22T09:00:00+01:00": the clock in Copenhagen with that day's offset from UTC. */
export function copenhagenTime(date: string, clock: string): string {
  const [hour, minute] = clock.split(/[:.]/).map(Number);
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hour!, minute!);
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
