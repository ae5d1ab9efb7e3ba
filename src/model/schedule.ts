import type { CommitteeInput } from '../input/schema/committee.js';
import { weekdays } from '../input/fields.js';
import { plusDays, weekdayOf } from './dates.js';

type Schedule = NonNullable<CommitteeInput['mødeplan']>;

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
  const cancelled = new Map((schedule.aflyst ?? []).map((a) => [a.dato, a.årsag ?? 'Aflyst']));
  return [...dates].sort().map((date) => (cancelled.has(date) ? { date, cancelled: cancelled.get(date)! } : { date }));
}
