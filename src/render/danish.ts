import { format } from 'date-fns/format';
import { da } from 'date-fns/locale/da';
import { localNoon } from '../shared/dates.js';
import type { PoliticalMeeting, RulEntry } from '../model/meeting.js';

// Dates as the house writes them.

const inDanish = (isoDate: string, pattern: string) => format(localNoon(isoDate), pattern, { locale: da });
const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/** "Onsdag den 22. november 2023" (front page). */
export const weekdayDate = (d: string) => capitalized(weekdayDateInText(d));

/** "onsdag den 22. november 2023" (within a sentence: a mail, a comment). */
export const weekdayDateInText = (d: string) => inDanish(d, "EEEE 'den' d. MMMM yyyy");

/** "22. november 2023" (document title). */
export const longDate = (d: string) => inDanish(d, 'd. MMMM yyyy');

/** "22-11-2023" (decision headings). */
export const numericDate = (d: string) => inDanish(d, 'dd-MM-yyyy');

/** "29. Nov." (the forward plan's date column). */
export const shortDate = (d: string) => {
  const [day, month] = inDanish(d, 'd. MMM').split(' ');
  return `${day} ${capitalized(month ?? '')}`;
};

/** "Dagsorden", "Referat". */
export const kindName = capitalized;

/**
 * "Temamøde i Kommunalbestyrelsen d. 12. december", "Økonomiudvalgsmøde d. 1. september (1. behandling)",
 * "... (aflyst)"; with the year where it is not that of `today`.
 */
export function politicalMeetingName(m: PoliticalMeeting, today: string): string {
  return `${capitalized(meetingNameAndDay(m, today))}${m.aflyst ? ' (aflyst)' : ''}`;
}

function meetingNameAndDay(m: PoliticalMeeting, today: string): string {
  const day = inDanish(m.date, m.date.slice(0, 4) === today.slice(0, 4) ? 'd. MMMM' : 'd. MMMM yyyy');
  const name = m.type === 'temamøde' ? `temamøde i ${m.committee}` : m.type === 'ekstraordinært' ? `ekstraordinært ${m.meetingName}` : m.meetingName;
  return `${name} d. ${day}${m.type.endsWith('behandling') ? ` (${m.type})` : ''}`;
}

/** "Rul december: ØK d. 5/12 2023, KB d. 12/12 2023": the cycle, named by the month it closes in. */
export function rulLine(rul: RulEntry[]): string {
  const closing = rul.at(-1);
  if (!closing) return '';
  return `Rul ${inDanish(closing.date, 'MMMM')}: ${rul.map((r) => `${r.udvalg} d. ${inDanish(r.date, 'd/M yyyy')}`).join(', ')}`;
}

/** The minutes' line on a political meeting: held or to be held, or cancelled. */
export function politicalMeetingMinute(m: PoliticalMeeting, today: string, held: boolean): string {
  const name = meetingNameAndDay(m, today);
  if (m.aflyst) return `${capitalized(name)} ${held ? 'var' : 'er'} aflyst.`;
  return `Der ${held ? 'blev afholdt' : 'afholdes'} ${name}.`;
}
