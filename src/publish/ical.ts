import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ICAL from 'ical.js';
import { withoutControlCharacters } from '../shared/control-characters.js';
import { committeeId } from './committees.js';
import type { Frame, Part, PartsFormat } from './parts.js';
import { sha256 } from './state.js';

// The calendar feeds (RFC 5545): one per committee and one for all. ical.js writes them (escaping,
// line folding, CRLF); the time zone's rules come from @touch4it/ical-timezones, so a subscriber's
// calendar shows 9:00 in Copenhagen on either side of a change to or from summer time. ical.js
// escapes a TEXT value's backslash, `;`, `,` and line feed, but writes a carriage return as it is:
// the checks refuse control characters in names, and withoutControlCharacters keeps out any other.

const timeZone = 'Europe/Copenhagen';

// ical.js folds a line at 75 octets but counts the next line's leading space as none of them, so a
// continuation line had 76: folded at 74, every line holds at most 75 (RFC 5545, 3.1).
ICAL.foldLength = 74;

// The calendar's name is TEXT too, but ical.js knows no type of an X- property and so would write it
// unescaped: a line break in a committee's name would start a property of its own (an ATTENDEE).
// eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- ical.js types its design tables as any
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

/** One scheduled meeting as a calendar shows it. */
export interface CalendarMeeting {
  date: string;
  /** Its name in a calendar, in the committee's words. */
  summary: string;
  /** Clock times as the committee writes them: 9:00 or 9.00. */
  start: string;
  /** None where the house records no end time: the event has no DTEND (RFC 5545 3.6.1: it ends as it starts). */
  end?: string;
  place: string;
  /** Why the meeting is not held; a cancelled meeting stays in the feed so calendars take it out. */
  cancelled?: string;
  /** The address of the meeting's page, where there is one and the site's address is known. */
  page?: string;
}

export interface CalendarCommittee {
  /** Its short name (udvalg.yaml's kort, else its folder's), in every UID: its name may change, the committee stays. */
  shortName: string;
  name: string;
  meetings: CalendarMeeting[];
}

/** Where the feeds' events are from, and what their subscribers' calendars hold already. */
export interface FeedSource {
  /** The right side of every UID: the site's host, so that UIDs are unique beyond it. */
  domain: string;
  /** An event as subscribers' calendars hold it, by its UID. */
  earlier: Pick<EarlierEvents, 'get'>;
}

/**
 * How a feed titled `title` joins its events (parts.ts), each as calendarEvent makes it, in the order
 * given: a line break after each. The same events and earlier feeds give the same bytes.
 */
export function calendarFormat(title: string): PartsFormat {
  const end = 'END:VCALENDAR\r\n';
  const frame = (count: number): Frame => {
    const empty = emptyCalendar(title);
    if (count === 0) return { head: empty, between: [] };
    return { head: empty.slice(0, -end.length), between: Array.from({ length: count }, (_, i) => (i < count - 1 ? '\r\n' : `\r\n${end}`)) };
  };
  return { frame, split: eventTexts };
}

/** A feed's events, where it has `count`: each from its BEGIN:VEVENT to its END:VEVENT (a folded line begins with a space). */
export function eventTexts(text: string, count: number): string[] | undefined {
  const events = [...text.matchAll(/^BEGIN:VEVENT\r\n[\s\S]*?^END:VEVENT$/gm)].map(([event]) => event);
  return events.length === count ? events : undefined;
}

/**
 * A meeting's event of a feed: its text, and what it is made from (its UID first, so an event's earlier
 * revision is found by it): the committee's short name, the meeting as the calendar shows it and the
 * site's host. With the earlier revision of the event, they are all its text is made of.
 */
export function calendarEvent(committee: Pick<CalendarCommittee, 'shortName'>, meeting: CalendarMeeting, source: FeedSource): Part {
  return {
    key: `${uidOf(committee, meeting, source.domain)}\0${sha256(JSON.stringify([committee.shortName, meeting]))}`,
    make: () => event(committee, meeting, source).toString(),
  };
}

/** The events of feeds' texts (some of their events alone, as calendarEvent makes them), by UID, as earlierEvents reads them. */
export const earlierEventsIn = (events: string[]): EarlierEvents =>
  earlierEvents([`BEGIN:VCALENDAR\r\n${events.map((e) => `${e}\r\n`).join('')}END:VCALENDAR\r\n`]);

/** A feed with no event: its header and time zone. */
function emptyCalendar(title: string): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//agenda//Mødekalender//DA');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('x-wr-calname', withoutControlCharacters(title));
  calendar.addPropertyWithValue('x-wr-timezone', timeZone);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-non-null-assertion -- ical.js types a parsed calendar as any; timeZone is Europe/Copenhagen, which the package holds
  calendar.addSubcomponent(new ICAL.Component(ICAL.parse(getVtimezoneComponent(timeZone)!)));
  return `${calendar.toString()}\r\n`;
}

/** The same committee and day is the same event: a subscriber's calendar updates it, not adds one. */
const uidOf = (committee: Pick<CalendarCommittee, 'shortName'>, meeting: CalendarMeeting, domain: string) =>
  `${meeting.date}-${committeeId(committee.shortName)}@${domain}`;

function event(committee: Pick<CalendarCommittee, 'shortName'>, meeting: CalendarMeeting, source: FeedSource): ICAL.Component {
  const vevent = new ICAL.Component('vevent');
  const uid = uidOf(committee, meeting, source.domain);
  vevent.addPropertyWithValue('uid', uid);
  vevent.addProperty(localTime('dtstart', meeting.date, meeting.start));
  if (meeting.end !== undefined) vevent.addProperty(localTime('dtend', meeting.date, meeting.end));
  vevent.addPropertyWithValue('summary', withoutControlCharacters(meeting.summary));
  vevent.addPropertyWithValue('location', withoutControlCharacters(meeting.place));
  if (meeting.cancelled) vevent.addPropertyWithValue('description', withoutControlCharacters(meeting.cancelled));
  if (meeting.page) vevent.addPropertyWithValue('url', meeting.page);
  vevent.addPropertyWithValue('status', meeting.cancelled ? 'CANCELLED' : 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  const { sequence, stamp } = revision(source.earlier.get(uid), contentOf(vevent), meeting.date);
  vevent.addPropertyWithValue('dtstamp', stamp);
  vevent.addPropertyWithValue('last-modified', stamp.clone());
  vevent.addPropertyWithValue('sequence', sequence);
  return vevent;
}

/**
 * The event's revision: as the earlier feed had it while nothing a calendar shows changed; else one
 * more, a second later. Derived from the inputs and the earlier feeds, not the clock, so that
 * publishing twice gives the same feed; a new event is stamped with the start of its day (UTC).
 */
function revision(before: EarlierEvent | undefined, content: string, date: string): { sequence: number; stamp: ICAL.Time } {
  if (!before) return { sequence: 0, stamp: ICAL.Time.fromData({ ...dayOf(date), hour: 0, minute: 0 }, ICAL.Timezone.utcTimezone) };
  if (before.content === content) return before;
  const stamp = before.stamp.clone();
  stamp.addDuration(ICAL.Duration.fromSeconds(1));
  return { sequence: before.sequence + 1, stamp };
}

/** An event of an earlier feed: what a subscriber's calendar holds of it. */
interface EarlierEvent {
  content: string;
  sequence: number;
  stamp: ICAL.Time;
}

/** The events of the feeds the last publication wrote, by UID. */
export type EarlierEvents = Map<string, EarlierEvent>;

export function earlierEvents(feeds: string[]): EarlierEvents {
  const events: EarlierEvents = new Map();
  for (const feed of feeds) {
    for (const vevent of ICAL.Component.fromString(feed).getAllSubcomponents('vevent')) {
      const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
      const stamp = vevent.getFirstPropertyValue('dtstamp');
      const uid = String(vevent.getFirstPropertyValue('uid'));
      // Each feed has the event as the other; the highest revision is what a calendar may hold.
      if (!(stamp instanceof ICAL.Time) || sequence < (events.get(uid)?.sequence ?? 0)) continue;
      events.set(uid, { content: contentOf(vevent), sequence, stamp });
    }
  }
  return events;
}

const revisionProperties = new Set(['dtstamp', 'last-modified', 'sequence']);

/** What a calendar shows of an event, as a feed writes it: every property but its revision's. */
function contentOf(vevent: ICAL.Component): string {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- ical.js types a parsed calendar as any
  const written = new ICAL.Component(ICAL.parse(vevent.toString()));
  return written
    .getAllProperties()
    .filter((p) => !revisionProperties.has(p.name))
    .map((p) => p.toICALString())
    .join('\r\n');
}

/**
 * The right side of the UIDs: the host of the site's address, with its folder where it is not the
 * root (two sites on one host); without an address, a name of agenda's own that no host has.
 */
export function uidDomain(siteAddress: string | undefined): string {
  if (!siteAddress) return 'agenda.invalid';
  const url = new URL(siteAddress);
  const folder = url.pathname.replace(/^\/+|\/+$/g, '');
  return folder ? `${committeeId(folder)}.${url.hostname}` : url.hostname;
}

/** A wall-clock time in Copenhagen, written with its TZID: the VTIMEZONE says what it is in UTC. */
function localTime(name: string, date: string, clock: string): ICAL.Property {
  const [hour = 0, minute = 0] = clock.split(/[:.]/).map(Number);
  const property = new ICAL.Property(name);
  property.setParameter('tzid', timeZone);
  property.setValue(ICAL.Time.fromData({ ...dayOf(date), hour, minute, second: 0, isDate: false }));
  return property;
}

function dayOf(date: string): { year: number; month: number; day: number } {
  // A date checked as it was read: every part is there.
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day };
}
