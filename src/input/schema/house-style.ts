import { format } from 'date-fns/format';
import { z } from 'zod';
import { block, flag, optional, text } from '../fields.js';
import { ownItemKeys } from './meeting.js';

// The house style (husstil): what differs from one municipality's documents to another's. The
// package's own, Norddjurs Kommune's layout, is templates/husstil.yaml; kommune.yaml and a committee's
// udvalg.yaml may each override any part of it under `husstil:`.

/** A phrase with `{name}` placeholders, of which only `allowed` may be used. */
function phrase(...allowed: string[]) {
  return text.superRefine((value, ctx) => {
    for (const [, name] of value.matchAll(/\{([^{}]*)\}/g)) {
      if (allowed.includes(name!)) continue;
      ctx.addIssue({ code: 'custom', message: `{${name}} is not known here${allowed.length ? ` (write ${allowed.map((a) => `{${a}}`).join(', ')})` : ' (this text takes no placeholders)'}` });
    }
  });
}

/** Letters of a date pattern that mean something else than a house means by them. */
const mistakenLetters: Record<string, string> = {
  m: 'mm is minutes in a date pattern: write MM for the month (dd.MM.yyyy)',
  D: 'D is the day of the year in a date pattern: write dd for the day of the month (dd.MM.yyyy)',
  Y: 'Y is the week-numbering year, a year off around New Year: write yyyy for the year (dd.MM.yyyy)',
};

/**
 * A date pattern as date-fns (Unicode's patterns) reads it: dd-MM-yyyy, d. MMMM yyyy, EEEE 'den' d. MMMM yyyy.
 * A pattern with a clock in it is refused, chiefly `mm`, which is minutes: the month is MM; so are D
 * and Y (date-fns refuses DD and YYYY, and writes a warning of its own beside).
 */
const datePattern = text.superRefine((pattern, ctx) => {
  const unquoted = pattern.replace(/'[^']*'/g, '');
  const letter = /[hHkKmsSaBDY]/.exec(unquoted)?.[0];
  if (letter) {
    const clock = `'${letter}' is part of a clock time; a date pattern has d, M, y and E (dd-MM-yyyy)`;
    ctx.addIssue({ code: 'custom', message: mistakenLetters[letter] ?? clock });
    return;
  }
  try {
    format(new Date(2023, 10, 22, 12), pattern);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a date pattern: ${(err as Error).message} (put words in quotes: EEEE 'den' d. MMMM yyyy)` });
  }
});

/** A section of an item: the key a meeting writes it under, and its heading in the document. */
const section = block({
  nøgle: z
    .string()
    .regex(/^[a-zæøå][a-zæøå0-9_]*$/, { error: 'a key is written in small letters, digits and _ (økonomiske_konsekvenser)', abort: true })
    .refine((k) => !ownItemKeys.includes(k), { error: (iss) => `${String(iss.input)} is a key of every item already; give the section another key` }),
  overskrift: text,
});

/** The sections in their order, each key once. */
const sections = z.array(section).superRefine((list, ctx) => {
  if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least 1' });
  list.forEach((s, i) => {
    if (list.findIndex((o) => o.nøgle === s.nøgle) !== i) ctx.addIssue({ code: 'custom', path: [i, 'nøgle'], message: `the section ${s.nøgle} is listed twice` });
  });
});

/** The fixed words of the documents, and which placeholders each takes. */
const wordShape = {
  dagsorden: text,
  referat: text,
  sted: text,
  dato: text,
  start: text,
  slut: text,
  medlemmer: text,
  fraværende: text,
  indholdsfortegnelse: text,
  side: text,
  åben_sag: text,
  lukket_sag: text,
  lukket_punkt: text,
  sagsgang: text,
  bilag: text,
  åben: text,
  lukket: text,
  lukket_bilag: text,
  tid: text,
  punkt: text,
  afventer_dato: text,
  plan_dato: text,
  bilagsoversigt: text,
  underskriftsside: text,
  vakant: text,
  aflyst: text,
  /** The political calendar's lists in the agenda's first item, and its meetings' lines in the minutes. */
  politisk_referater: text,
  politisk_dagsordener: text,
  politisk_kommende: text,
  politisk_aflyst: phrase('møde'),
  politisk_afholdt: phrase('møde'),
  politisk_afholdes: phrase('møde'),
  politisk_var_aflyst: phrase('møde'),
  politisk_er_aflyst: phrase('møde'),
  /** A political meeting's name where its type changes it, and the Rul line of the cycle under way. */
  politisk_temamøde: phrase('udvalg'),
  politisk_ekstraordinært: phrase('møde'),
  rul: phrase('måned', 'møder'),
  /** The decision's heading: "Beslutning i Direktionen den 22-11-2023". */
  beslutning: phrase('udvalg', 'dato'),
  /** A member as the front page and the Underskriftsside print them: "Jan Petersen (A)". */
  medlem: phrase('navn', 'parti'),
  formand: phrase('medlem'),
  næstformand: phrase('medlem'),
  afbud: phrase('medlem'),
  stedfortræder: phrase('stedfortræder', 'medlem'),
  inhabil: phrase('navn'),
  ikke_deltaget: phrase('navn'),
  stemte_for: phrase('hvem', 'antal'),
  stemte_imod: phrase('hvem', 'antal'),
  undlod: phrase('hvem', 'antal'),
  protokol: phrase('hvem'),
  tidligere_beslutning: phrase('udvalg', 'dato'),
} as const;

const words = block(wordShape);

const dateShape = {
  /** The front page: "Onsdag den 22. november 2023" (capitalized). */
  forside: datePattern,
  /** The PDF's title and subject: "22. november 2023". */
  titel: datePattern,
  /** The decision's heading: "22-11-2023". */
  beslutning: datePattern,
};
const dates = block(dateShape);

/** The page's header and footer: {udvalg}, {dokument}, {dato}, and {side} and {sider} for the page and the pages. */
const pageText = phrase('udvalg', 'dokument', 'dato', 'side', 'sider');

/** Whether an attachment's file keeps its links out (see pdf/active-content.ts); any other link out it never keeps. */
const webLinks = flag.describe(
  "ja (default): an attachment's file keeps its links to web pages and e-mail addresses (http, https, mailto); " +
    'nej: only its links within itself.',
);

/** templates/husstil.yaml: a whole house style. */
export const houseStyleSchema = block({
  afsnit: sections,
  ord: words,
  datoer: dates,
  sidehoved: optional(pageText),
  sidefod: optional(pageText),
  weblinks_i_bilag: webLinks.default(true),
});

/** `husstil:` in kommune.yaml or udvalg.yaml: any part of the house style; `afsnit` replaces the list, the others key by key. */
export const houseStyleOverrideSchema = block({
  afsnit: optional(sections),
  ord: optional(words.partial()),
  datoer: optional(dates.partial()),
  sidehoved: optional(pageText),
  sidefod: optional(pageText),
  weblinks_i_bilag: optional(webLinks),
});

export type HouseStyleInput = z.output<typeof houseStyleSchema>;
export type HouseStyleOverride = z.output<typeof houseStyleOverrideSchema>;

/**
 * Only the sections of a file's `husstil:`, whatever else the file holds: where the file is not valid
 * (a misspelt word), its meetings are still checked against its own sections, not the package's.
 */
export const sectionsOnlySchema = z.object({ husstil: z.object({ afsnit: sections }) });
