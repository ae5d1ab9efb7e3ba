import { addDays, formatISO, getISODay, parseISO } from 'date-fns';

// Dates travel as ISO strings (YYYY-MM-DD), which also sort and compare as text.

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
