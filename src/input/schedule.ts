import type { ScheduleInput } from './schema/committee.js';
import { definedOnly, weekdays } from './fields.js';
import { plusDays, weekdayOf } from '../shared/dates.js';

/** The committee's own meetings either side of a date. */
export interface Neighbours {
  previous?: string;
  next?: string;
}

/** The meetings held (not cancelled) just before and just after `date`, by the schedule. */
export function neighboursOf(schedule: ScheduleInput | undefined, date: string): Neighbours {
  const held = (schedule ? scheduledDates(schedule) : []).filter((s) => !s.cancelled).map((s) => s.date);
  return { previous: held.findLast((d) => d < date), next: held.find((d) => d > date) };
}

export interface ScheduledDate {
  date: string;
  /** Cancelled: the schedule's reason (shown in the plan instead of points), else `true` (the house style's word, aflyst, is shown). */
  cancelled?: string | true;
  /** A dated meeting's own time and room, where they differ from the committee's. */
  start?: string;
  slut?: string;
  sted?: string;
}

/** Every date in the committee's schedule, the weekday rhythm's and the listed ones, cancelled ones included with their reason, in order. */
export function scheduledDates(schedule: ScheduleInput): ScheduledDate[] {
  const dates = new Map<string, ScheduledDate>();
  for (const d of [...rhythm(schedule), ...(schedule.ekstra ?? [])]) dates.set(d, { date: d });
  for (const d of schedule.datoer ?? [])
    dates.set(d.dato, { date: d.dato, ...definedOnly({ start: d.start, slut: d.slut, sted: d.sted }) });
  for (const move of schedule.flyttet ?? []) {
    const moved = dates.get(move.fra);
    dates.delete(move.fra);
    dates.set(move.til, { ...moved, date: move.til });
  }
  for (const a of schedule.aflyst ?? []) {
    if (dates.has(a.dato)) dates.set(a.dato, { date: a.dato, cancelled: a.årsag ?? true });
  }
  return [...dates.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The schedule's entry for `date`, where it has one. */
export function scheduledOn(schedule: ScheduleInput | undefined, date: string): ScheduledDate | undefined {
  return schedule && scheduledDates(schedule).find((s) => s.date === date);
}

/** The weekly meetings from `fra` to `til`, where the schedule has a weekday. */
function rhythm({ ugedag, fra, til }: ScheduleInput): string[] {
  if (ugedag === undefined || fra === undefined || til === undefined) return [];
  const weekday = weekdays.indexOf(ugedag) + 1;
  const out: string[] = [];
  for (let d = plusDays(fra, (weekday - weekdayOf(fra) + 7) % 7); d <= til; d = plusDays(d, 7)) out.push(d);
  return out;
}
