// Dates travel as ISO strings (YYYY-MM-DD), which also sort and compare as text. A date is a
// calendar day, the same in every time zone: the arithmetic below works on day numbers counted in
// UTC, so neither the machine's zone nor a change of clocks can move a day.

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** The day number (days since 1970-01-01) of a YYYY-MM-DD date in the calendar, or undefined. */
function dayNumber(s: string): number | undefined {
  const m = isoPattern.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to 2023-03-02; a real date comes back as written. (Years 0-99 are
  // taken as 1900-1999 by Date.UTC, so the year is compared too.)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / msPerDay;
}

function fromDayNumber(n: number): string {
  return new Date(n * msPerDay).toISOString().slice(0, 10);
}

function days(isoDate: string): number {
  const n = dayNumber(isoDate);
  if (n === undefined) throw new RangeError(`not a calendar date: ${isoDate}`);
  return n;
}

/** Whether a YYYY-MM-DD date is in the calendar (2023-02-30 is not). */
export function isRealDate(s: string): boolean {
  return dayNumber(s) !== undefined;
}

/** 1 for Monday to 7 for Sunday. */
export function weekdayOf(isoDate: string): number {
  return ((((days(isoDate) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

export function plusDays(isoDate: string, n: number): string {
  return fromDayNumber(days(isoDate) + n);
}

/** Today as the clerk's clock shows it: the local date, not UTC's. */
export function today(now = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The date as a local Date at noon, for formatting only: noon exists in every zone on every day
 * (midnight does not everywhere on the day clocks change), so formatting it gives back the same day.
 */
export function localNoon(isoDate: string): Date {
  const d = new Date(days(isoDate) * msPerDay);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
}

/** Whether `date` falls in the period from `from` up to and including `to`; an open end is unbounded. */
export function within(date: string, from?: string, to?: string): boolean {
  return (from === undefined || from <= date) && (to === undefined || date <= to);
}
