import { format } from 'date-fns/format';
import { z } from 'zod';
import { messageOf } from '../../shared/errors.js';
import { asText, block, flag, optional, rule, text } from '../fields.js';
import { ownItemKeys } from './meeting.js';

// The house style (husstil): what differs from one municipality's documents to another's. The
// package's own, Norddjurs Kommune's layout, is templates/husstil.yaml; kommune.yaml and a committee's
// udvalg.yaml may each override any part of it under `husstil:`.

/** A phrase with `{name}` placeholders, of which only `allowed` may be used. */
function phrase(...allowed: string[]) {
  // For the editor: every {...} without braces inside is one of `allowed`; a lone { is text.
  const known = `(?:${allowed.map((a) => a.replace(/[^\p{L}\p{N}_]/gu, '\\$&')).join('|') || '(?!)'})`;
  const pattern = `^(?:[^{]|\\{${known}\\}|\\{(?![^{}]*\\}))*$`;
  const patternErrorMessage = `a {placeholder} this text does not know${allowed.length ? ` (write ${allowed.map((a) => `{${a}}`).join(', ')})` : ' (it takes none)'}`;
  return asText(
    text
      .superRefine((value, ctx) => {
        for (const [, name] of value.matchAll(/\{([^{}]*)\}/g)) {
          // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the pattern's one group always takes part in a match
          if (allowed.includes(name!)) continue;
          ctx.addIssue({
            code: 'custom',
            message: `{${name}} is not known here${allowed.length ? ` (write ${allowed.map((a) => `{${a}}`).join(', ')})` : ' (this text takes no placeholders)'}`,
          });
        }
      })
      .meta({ pattern, patternErrorMessage }),
  );
}

/** Letters of a date pattern that mean something else than a house means by them. */
const mistakenLetters: Record<string, string> = {
  m: 'mm is minutes in a date pattern: write MM for the month (dd.MM.yyyy)',
  D: 'D is the day of the year in a date pattern: write dd for the day of the month (dd.MM.yyyy)',
  Y: 'Y is the week-numbering year, a year off around New Year: write yyyy for the year (dd.MM.yyyy)',
};

/**
 * The same rule as a pattern, for the editor: outside quotes, only runs of the letters date-fns formats
 * that are no clock's (a letter date-fns does not know makes it throw), `o` only after one letter of a
 * number (do, Mo); an unclosed quote runs to the end, where date-fns reads it as quoted.
 */
const refused = 'hHkKmsSaBDY';
const datePatternForEditor = `^(?:[^A-Za-z']|([GyRuQqMLwIdEecibXxOztTPp])\\1*(?!\\1|o)|[yQqMLwIdeci]o|'[^']*')*(?:'[^'${refused}]*)?$`;

/**
 * A date pattern as date-fns (Unicode's patterns) reads it: dd-MM-yyyy, d. MMMM yyyy, EEEE 'den' d. MMMM yyyy.
 * A pattern with a clock in it is refused, chiefly `mm`, which is minutes: the month is MM; so are D
 * and Y (date-fns refuses DD and YYYY, and writes a warning of its own beside).
 */
const datePattern = asText(
  text
    .superRefine((pattern, ctx) => {
      const unquoted = pattern.replace(/'[^']*'/g, '');
      const letter = new RegExp(`[${refused}]`).exec(unquoted)?.[0];
      if (letter) {
        const clock = `'${letter}' is part of a clock time; a date pattern has d, M, y and E (dd-MM-yyyy)`;
        ctx.addIssue({ code: 'custom', message: mistakenLetters[letter] ?? clock });
        return;
      }
      try {
        format(new Date(2023, 10, 22, 12), pattern);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not a date pattern: ${messageOf(err)} (put words in quotes: EEEE 'den' d. MMMM yyyy)` });
      }
    })
    .meta({
      pattern: datePatternForEditor,
      patternErrorMessage: "a date pattern has d, M, y and E, and words in quotes: EEEE 'den' d. MMMM yyyy",
    }),
);

/** A section of an item: the key a meeting writes it under, and its heading in the document. */
const section = block({
  nøgle: z
    .string()
    .regex(...rule(/^[a-zæøå][a-zæøå0-9_]*$/, 'a key is written in small letters, digits and _ (økonomiske_konsekvenser)', { abort: true }))
    .regex(
      ...rule(new RegExp(`^(?!(?:${ownItemKeys.join('|')})$)`), 'a key of every item already; give the section another key', {
        error: (iss) => `${String(iss.input)} is a key of every item already; give the section another key`,
      }),
    )
    .describe('The key a meeting writes the section under: sagsfremstilling, indstilling.'),
  overskrift: text.describe("The section's heading in the documents: Sagsfremstilling."),
});

/** The sections in their order, each key once. */
const sections = z
  .array(section)
  .meta({ minItems: 1 })
  .superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least 1' });
    list.forEach((s, i) => {
      if (list.findIndex((o) => o.nøgle === s.nøgle) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'nøgle'], message: `the section ${s.nøgle} is listed twice` });
    });
  });

/** The fixed words of the documents, and which placeholders each takes; each described as the clerk sees it. */
const wordShape = {
  dagsorden: text.describe('The name of an agenda: Dagsorden.'),
  referat: text.describe('The name of the minutes: Referat.'),
  tillægsdagsorden: text.describe('The name of an addendum to the agenda, of the items added after it was sent: Tillægsdagsorden.'),
  tillægsdagsorden_nr: phrase('nummer').describe("The name of a meeting's second and later addendum: Tillægsdagsorden {nummer}."),
  tillægspunkt: text.describe("An added item's mark in the minutes: Punktet blev optaget på dagsordenen som tillægspunkt."),
  tillæg_begrundelse: phrase('begrundelse').describe('Why an added item could not wait, on the item: Begrundelse: {begrundelse}.'),
  sted: text.describe("The front page's label of the room: Sted."),
  dato: text.describe("The front page's label of the date: Dato."),
  start: text.describe("The front page's label of the start time: Start."),
  slut: text.describe("The front page's label of the end time: Slut."),
  medlemmer: text.describe("The heading of the members' list: Medlemmer."),
  fraværende: text.describe("The heading of the absent members' list: Fraværende."),
  indholdsfortegnelse: text.describe('The heading of the table of contents: Indholdsfortegnelse.'),
  side: text.describe("The table of contents' word for a page: Side."),
  åben_sag: text.describe("An open item's mark: Åben sag."),
  lukket_sag: text.describe("A closed item's mark: Lukket sag."),
  lukket_punkt: text.describe("A closed item's title in the public version: Lukket punkt."),
  sagsgang: text.describe("The label of an item's case route: Sagsgang."),
  bilag: text.describe("The heading of an item's attachments: Bilag."),
  åben: text.describe("An open attachment's mark: Åben."),
  lukket: text.describe("A closed attachment's mark: Lukket."),
  lukket_bilag: text.describe("A closed attachment's title in the public version: Lukket bilag."),
  tid: text.describe("The timetable's time column: Tid."),
  punkt: text.describe("The timetable's item column: Punkt."),
  afventer_dato: text.describe("The forward plan's heading of the points awaiting a date."),
  plan_dato: text.describe("The forward plan's heading of a coming meeting."),
  bilagsoversigt: text.describe("The heading of the combined document's list of attachments: Bilagsoversigt."),
  underskriftsside: text.describe('The heading of the signature page: Underskriftsside.'),
  vakant: text.describe('A seat with nobody in office: Vakant.'),
  aflyst: text.describe("A cancelled meeting's mark: Aflyst."),
  politisk_referater: text.describe("Item 1's heading of the political meetings held, whose minutes are reviewed."),
  politisk_dagsordener: text.describe("Item 1's heading of the political meetings ahead, whose agendas are reviewed."),
  politisk_kommende: text.describe("Item 1's heading of the political meetings coming after."),
  politisk_aflyst: phrase('møde').describe('A cancelled political meeting in item 1: {møde} is the meeting.'),
  politisk_afholdt: phrase('møde').describe('A political meeting held, in the minutes: {møde} is the meeting.'),
  politisk_afholdes: phrase('møde').describe('A political meeting to be held, in the minutes: {møde} is the meeting.'),
  politisk_var_aflyst: phrase('møde').describe('A political meeting that was cancelled, in the minutes: {møde} is the meeting.'),
  politisk_er_aflyst: phrase('møde').describe('A political meeting that is cancelled, in the minutes: {møde} is the meeting.'),
  politisk_temamøde: phrase('udvalg').describe("A theme meeting's name: Temamøde i {udvalg}."),
  politisk_ekstraordinært: phrase('møde').describe("An extraordinary meeting's name: Ekstraordinært {møde}."),
  rul: phrase('måned', 'møder').describe('The Rul line of the cycle under way: Rul {måned}: {møder}.'),
  beslutning: phrase('udvalg', 'dato').describe("The decision's heading: Beslutning i {udvalg} den {dato}."),
  medlem: phrase('navn', 'parti').describe('A member on the front page and the Underskriftsside: {navn} ({parti}).'),
  formand: phrase('medlem').describe('The chair: {medlem} (formand).'),
  næstformand: phrase('medlem').describe('The deputy chair: {medlem} (næstformand).'),
  afbud: phrase('medlem').describe('An absent member: {medlem} (afbud).'),
  stedfortræder: phrase('stedfortræder', 'medlem').describe("A substitute in an absent member's seat: {stedfortræder} (for {medlem})."),
  inhabil: phrase('navn').describe('A member disqualified from an item: {navn} er inhabil.'),
  ikke_deltaget: phrase('navn').describe('A member who did not take part in an item: {navn} deltog ikke.'),
  stemte_for: phrase('hvem', 'antal').describe('Who voted for: {hvem}, {antal} of them.'),
  stemte_imod: phrase('hvem', 'antal').describe('Who voted against: {hvem}, {antal} of them.'),
  undlod: phrase('hvem', 'antal').describe('Who abstained: {hvem}, {antal} of them.'),
  protokol: phrase('hvem').describe("A dissent's heading in the minutes (protokoltilførsel): {hvem}."),
  tidligere_beslutning: phrase('udvalg', 'dato').describe("An earlier committee's decision on the case: {udvalg} den {dato}."),
} as const;

const words = block(wordShape);

const dateShape = {
  forside: datePattern.describe("The front page's date pattern: EEEE 'den' d. MMMM yyyy (Onsdag den 22. november 2023, capitalized)."),
  titel: datePattern.describe("The PDF's title and subject: d. MMMM yyyy (22. november 2023)."),
  beslutning: datePattern.describe("The decision's heading: dd-MM-yyyy (22-11-2023)."),
};
const dates = block(dateShape);

/** The page's header and footer: {side} and {sider} are the page and the pages. */
const pageText = phrase('udvalg', 'dokument', 'dato', 'side', 'sider');

/** Whether an attachment's file keeps its links out (see pdf/active-content.ts); any other link out it never keeps. */
const webLinks = flag.describe(
  "ja (default): an attachment's file keeps its links to web pages and e-mail addresses (http, https, mailto); " +
    'nej: only its links within itself.',
);

/** What each key of a house style holds, for the editor, in the whole style and in an override. */
const about = {
  afsnit: "An item's sections in their order: nøgle, the key a meeting writes it under, and overskrift, its heading.",
  ord: 'The fixed words and phrases of the documents.',
  datoer: 'How dates are written: date patterns (dd-MM-yyyy) for forside, titel and beslutning.',
  sidehoved: "The page's header: {udvalg}, {dokument}, {dato}, {side} and {sider}.",
  sidefod: "The page's footer: {udvalg}, {dokument}, {dato}, {side} and {sider}.",
};

/** templates/husstil.yaml: a whole house style. */
export const houseStyleSchema = block({
  afsnit: sections.describe(about.afsnit),
  ord: words.describe(about.ord),
  datoer: dates.describe(about.datoer),
  sidehoved: optional(pageText).describe(about.sidehoved),
  sidefod: optional(pageText).describe(about.sidefod),
  weblinks_i_bilag: webLinks.default(true),
});

/** `husstil:` in kommune.yaml or udvalg.yaml: any part of the house style; `afsnit` replaces the list, the others key by key. */
export const houseStyleOverrideSchema = block({
  afsnit: optional(sections).describe(`${about.afsnit} Replaces the whole list.`),
  ord: optional(words.partial()).describe(about.ord),
  datoer: optional(dates.partial()).describe(about.datoer),
  sidehoved: optional(pageText).describe(about.sidehoved),
  sidefod: optional(pageText).describe(about.sidefod),
  weblinks_i_bilag: optional(webLinks).describe(webLinks.description ?? ''),
});

export type HouseStyleInput = z.output<typeof houseStyleSchema>;
export type HouseStyleOverride = z.output<typeof houseStyleOverrideSchema>;

/**
 * Only the sections of a file's `husstil:`, whatever else the file holds: where the file is not valid
 * (a misspelt word), its meetings are still checked against its own sections, not the package's.
 */
export const sectionsOnlySchema = z.object({ husstil: z.object({ afsnit: sections }) });
