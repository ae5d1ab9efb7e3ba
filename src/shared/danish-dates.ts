import { format } from 'date-fns/format';
import { da } from 'date-fns/locale/da';
import { localNoon } from './dates.js';

// Dates as the house writes them.

/** A date in a date-fns pattern, in Danish. */
export const inDanish = (isoDate: string, pattern: string) => format(localNoon(isoDate), pattern, { locale: da });
export const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

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
