import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { getISODay } from 'date-fns/getISODay';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

// Dates travel as ISO strings (YYYY-MM-DD), which also sort and compare as text.

/** Whether a YYYY-MM-DD date is in the calendar (2023-02-30 is not). */
export function isRealDate(s: string): boolean {
  const d = parseISO(s);
  return isValid(d) && d.toISOString().startsWith(s);
}

export function weekdayOf(isoDate: string): number {
  return getISODay(parseISO(isoDate));
}

export function plusDays(isoDate: string, days: number): string {
  return formatISO(addDays(parseISO(isoDate), days), { representation: 'date' });
}

/** Whether `date` falls in the period from `from` up to and including `to`; an open end is unbounded. */
export function within(date: string, from?: string, to?: string): boolean {
  return (from === undefined || from <= date) && (to === undefined || date <= to);
}
