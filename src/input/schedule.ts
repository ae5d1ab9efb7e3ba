import type { CommitteeInput } from './schema/committee.js';
import { weekdays } from './fields.js';
import { plusDays, weekdayOf } from '../shared/dates.js';

type Schedule = NonNullable<CommitteeInput['mødeplan']>;

/** The committee's own meetings either side of a date. */
export interface Neighbours {
  previous?: string;
  next?: string;
}

/** The meetings held (not cancelled) just before and just after `date`, by the schedule. */
export function neighboursOf(schedule: Schedule | undefined, date: string): Neighbours {
  const held = (schedule ? scheduledDates(schedule) : []).filter((s) => !s.cancelled).map((s) => s.date);
  return { previous: held.findLast((d) => d < date), next: held.find((d) => d > date) };
}

export interface ScheduledDate {
  date: string;
  cancelled?: string;
}

/** Every date in the committee's schedule, cancelled ones included with their reason, in order. */
export function scheduledDates(schedule: Schedule): ScheduledDate[] {
  const weekday = weekdays.indexOf(schedule.ugedag) + 1;
  const first = plusDays(schedule.fra, (weekday - weekdayOf(schedule.fra) + 7) % 7);
  const dates = new Set(schedule.ekstra ?? []);
  for (let d = first; d <= schedule.til; d = plusDays(d, 7)) dates.add(d);
  for (const move of schedule.flyttet ?? []) {
    dates.delete(move.fra);
    dates.add(move.til);
  }
  const cancelled = new Map((schedule.aflyst ?? []).map((a) => [a.dato, a.årsag ?? 'Aflyst']));
  return [...dates].sort().map((date) => (cancelled.has(date) ? { date, cancelled: cancelled.get(date)! } : { date }));
}
