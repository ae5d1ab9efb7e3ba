import { meetingKey, type CalendarInput, type PoliticalMeetingInput } from '../input/schema/calendar.js';
import { plusDays } from '../shared/dates.js';
import type { PoliticalMeeting, PoliticalReview, RulEntry } from './meeting.js';
import type { Neighbours } from '../input/schedule.js';

/**
 * Item 1's review of the political calendar for the meeting on `date`:
 * - held: the minutes to go through, of meetings from the previous meeting's day up to the day before this one;
 * - agenda: the agendas of meetings from this day up to the day before the next meeting;
 * - coming: the meetings after that, up to and including the day the cycle's closing committee next meets.
 * Without a previous or next meeting in the schedule, a week either side stands in for it.
 * `notes` are the clerk's remarks on single meetings, keyed "ØK 2023-09-05".
 */
export function politicalReview(
  calendar: CalendarInput,
  date: string,
  around: Neighbours,
  notes: Record<string, string> = {},
): PoliticalReview {
  const previous = around.previous ?? plusDays(date, -7);
  const next = around.next ?? plusDays(date, 7);
  const meetings = sortedByDate(calendar.møder);
  const closer = calendar.rul?.at(-1);
  const closing = closer === undefined ? undefined : meetings.find((m) => m.dato >= next && closesCycle(m, closer));
  const view = (m: PoliticalMeetingInput) => toView(calendar, m, notes[meetingKey(m.udvalg, m.dato)]);
  return {
    rul: rulOf(calendar, meetings, date),
    held: meetings.filter((m) => previous <= m.dato && m.dato < date).map(view),
    agenda: meetings.filter((m) => date <= m.dato && m.dato < next).map(view),
    coming: meetings.filter((m) => next <= m.dato && (closing === undefined || m.dato <= closing.dato)).map(view),
  };
}

/** The calendar's meetings by date; meetings of one day keep the calendar's order. */
function sortedByDate(meetings: PoliticalMeetingInput[]): PoliticalMeetingInput[] {
  return [...meetings].sort((a, b) => a.dato.localeCompare(b.dato));
}

/** A meeting that decides: not cancelled, not a theme meeting. */
function decides(m: PoliticalMeetingInput, udvalg: string): boolean {
  return m.udvalg === udvalg && !m.aflyst && m.type !== 'temamøde';
}

const closesCycle = decides;

/**
 * The cycle whose closing meeting has not yet been held on `date`: each committee of the cycle with
 * its last deciding meeting before the close, after the cycle before it closed.
 */
function rulOf(calendar: CalendarInput, meetings: PoliticalMeetingInput[], date: string): RulEntry[] | undefined {
  const order = calendar.rul ?? [];
  const closer = order.at(-1);
  if (closer === undefined) return undefined;
  const closeAt = meetings.findIndex((m) => m.dato >= date && closesCycle(m, closer));
  if (closeAt < 0) return undefined;
  const opened = meetings.findLastIndex((m, i) => i < closeAt && closesCycle(m, closer));
  const cycle = meetings.slice(opened + 1, closeAt + 1);
  return order.flatMap((udvalg) => {
    const last = cycle.findLast((m) => decides(m, udvalg));
    return last ? [{ abbreviation: udvalg, date: last.dato }] : [];
  });
}

function toView(calendar: CalendarInput, m: PoliticalMeetingInput, note: string | undefined): PoliticalMeeting {
  const committee = calendar.udvalg.find((u) => u.kort === m.udvalg);
  if (!committee) throw new Error(`the calendar's committee ${m.udvalg} passed validation unknown`);
  return {
    abbreviation: m.udvalg,
    committee: committee.navn,
    meetingName: committee.møde,
    date: m.dato,
    type: m.type ?? 'ordinært',
    cancelled: m.aflyst ?? false,
    note,
  };
}
