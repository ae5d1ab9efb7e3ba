import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ICAL from 'ical.js';
import { withoutControlCharacters } from '../shared/control-characters.js';

// The calendar feeds (RFC 5545): one per committee and one for all. ical.js writes them (escaping,
// line folding, CRLF); the time zone's rules come from @touch4it/ical-timezones, so a subscriber's
// calendar shows 9:00 in Copenhagen on either side of a change to or from summer time. ical.js
// escapes a TEXT value's backslash, `;`, `,` and line feed, but writes a carriage return as it is:
// the checks refuse control characters in names, and withoutControlCharacters keeps out any other.

const timeZone = 'Europe/Copenhagen';

// The calendar's name is TEXT too, but ical.js knows no type of an X- property and so would write it
// unescaped: a line break in a committee's name would start a property of its own (an ATTENDEE).
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

/** One scheduled meeting as a calendar shows it. */
export interface CalendarMeeting {
  date: string;
  /** Its name in a calendar, in the committee's words. */
  summary: string;
  /** Clock times as the committee writes them: 9:00 or 9.00. */
  start: string;
  end: string;
  place: string;
  /** Why the meeting is not held; a cancelled meeting stays in the feed so calendars take it out. */
  cancelled?: string;
  /** The address of the meeting's page, where there is one and the site's address is known. */
  page?: string;
}

export interface CalendarCommittee {
  /** The committee's name in the site's addresses: part of every UID, so it must not change. */
  id: string;
  name: string;
  meetings: CalendarMeeting[];
}

/** A feed of every meeting of `committees`, in the order given; the same meetings give the same bytes. */
export function calendarFeed(title: string, committees: CalendarCommittee[]): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//agenda//Mødekalender//DA');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('x-wr-calname', withoutControlCharacters(title));
  calendar.addPropertyWithValue('x-wr-timezone', timeZone);
  calendar.addSubcomponent(new ICAL.Component(ICAL.parse(getVtimezoneComponent(timeZone)!)));
  for (const committee of committees) for (const meeting of committee.meetings) calendar.addSubcomponent(event(committee, meeting));
  return `${calendar.toString()}\r\n`;
}

function event(committee: CalendarCommittee, meeting: CalendarMeeting): ICAL.Component {
  const vevent = new ICAL.Component('vevent');
  // The same committee and day is the same event: a subscriber's calendar updates it, not adds one.
  vevent.addPropertyWithValue('uid', `${meeting.date}-${committee.id}@agenda`);
  // Derived from the meeting, not the clock, so that publishing twice gives the same feed.
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromData({ ...dayOf(meeting.date), hour: 0, minute: 0, second: 0 }, ICAL.Timezone.utcTimezone));
  vevent.addProperty(localTime('dtstart', meeting.date, meeting.start));
  vevent.addProperty(localTime('dtend', meeting.date, meeting.end));
  vevent.addPropertyWithValue('summary', withoutControlCharacters(meeting.summary));
  vevent.addPropertyWithValue('location', withoutControlCharacters(meeting.place));
  if (meeting.cancelled) vevent.addPropertyWithValue('description', withoutControlCharacters(meeting.cancelled));
  if (meeting.page) vevent.addPropertyWithValue('url', meeting.page);
  vevent.addPropertyWithValue('status', meeting.cancelled ? 'CANCELLED' : 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  return vevent;
}

/** A wall-clock time in Copenhagen, written with its TZID: the VTIMEZONE says what it is in UTC. */
function localTime(name: string, date: string, clock: string): ICAL.Property {
  const [hour, minute] = clock.split(/[:.]/).map(Number);
  const property = new ICAL.Property(name);
  property.setParameter('tzid', timeZone);
  property.setValue(ICAL.Time.fromData({ ...dayOf(date), hour: hour!, minute: minute!, second: 0, isDate: false }));
  return property;
}

function dayOf(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}
