import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { da } from 'date-fns/locale/da';

// Dates as the house writes them.

const inDanish = (isoDate: string, pattern: string) => format(parseISO(isoDate), pattern, { locale: da });
const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/** "Onsdag den 22. november 2023" (front page). */
export const weekdayDate = (d: string) => capitalized(inDanish(d, "EEEE 'den' d. MMMM yyyy"));

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
