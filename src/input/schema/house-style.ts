import { format } from 'date-fns/format';
import { z } from 'zod';
import { messageOf } from '../../shared/errors.js';
import { asText, block, flag, list, optional, rule, text } from '../fields.js';
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
  rettet_dagsorden: phrase('dato').describe(
    "A corrected agenda's front page (changed since it was sent), with the day the corrected version went out: Rettet dagsorden den {dato}.",
  ),
  rettet_dagsorden_udateret: text.describe(
    "A corrected agenda's front page before the corrected version has gone out (it has no day yet): Rettet dagsorden.",
  ),
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
  beslutning: phrase('udvalg', 'udvalgs', 'dato', 'punkt').describe(
    "The decision's heading: Beslutning i {udvalg} den {dato}; {udvalgs} is the committee's name in the genitive, {punkt} the item's number.",
  ),
  medlem: phrase('navn', 'parti').describe('A member on the front page and the Underskriftsside: {navn} ({parti}).'),
  formand: phrase('medlem').describe('The chair: {medlem} (formand).'),
  næstformand: phrase('medlem').describe('The deputy chair: {medlem} (næstformand).'),
  afbud: phrase('medlem').describe('An absent member: {medlem} (afbud).'),
  stedfortræder: phrase('stedfortræder', 'medlem').describe("A substitute in an absent member's seat: {stedfortræder} (for {medlem})."),
  inhabil: phrase('navn', 'medlem').describe(
    'A member disqualified from an item: {navn} er inhabil; {medlem} is the name with the party letter.',
  ),
  ikke_deltaget: phrase('navn', 'medlem').describe(
    'A member who did not take part in an item: {navn} deltog ikke; {medlem} is the name with the party letter.',
  ),
  stemte_for: phrase('hvem', 'antal').describe('Who voted for: {hvem}, {antal} of them.'),
  stemte_imod: phrase('hvem', 'antal').describe('Who voted against: {hvem}, {antal} of them.'),
  undlod: phrase('hvem', 'antal').describe('Who abstained: {hvem}, {antal} of them.'),
  protokol: phrase('hvem').describe("A dissent's heading in the minutes (protokoltilførsel): {hvem}."),
  tidligere_beslutning: phrase('udvalg', 'udvalgs', 'dato').describe(
    "An earlier committee's decision on the case: {udvalg} den {dato}; {udvalgs} is its name in the genitive.",
  ),
  tilføjelse: phrase('dato').describe("An addition's heading in approved minutes: Tilføjelse den {dato}."),
  godkendelsesside: text.describe('The heading of the approval page: Godkendelsesside.'),
  godkendelse_forklaring: text.describe(
    'What the approval page says it shows: whose approval of which version (the SHA-256 of the minutes before this page was filled in).',
  ),
  godkendt: phrase('tid').describe('A member who approved this version: Godkendt {tid}.'),
  godkendt_på_mødet: phrase('tid').describe('A member who approved this version at the meeting: Godkendt på mødet {tid}.'),
  godkendt_tidligere: phrase('tid').describe('A member who approved an earlier version only: Godkendte en tidligere udgave {tid}.'),
  ikke_godkendt: text.describe('A member who has not approved yet: Ikke godkendt endnu.'),
  forbehold: phrase('tekst').describe("A member's reservation: Med forbehold: {tekst}."),
  godkendt_udgave: phrase('sha256').describe('The SHA-256 of the version approved: SHA-256 af den godkendte udgave: {sha256}.'),
  påmindelse_emne: phrase('udvalg', 'udvalgs', 'dato').describe(
    "The subject of the reminder to approve the minutes: {udvalgs} møde {dato}; {udvalgs} is the committee's name in the genitive.",
  ),
  påmindelse_brev: phrase('navn', 'udvalg', 'udvalgs', 'dato', 'dokument').describe(
    'The text of the reminder to approve the minutes: {navn}, {udvalg} ({udvalgs} in the genitive), {dato} (the meeting) and {dokument} (the PDF attached).',
  ),
  ændringer: phrase('dokument').describe('The heading of the page of what changed in a document (agenda diff): Ændringer i {dokument}.'),
  ændret_siden: phrase('fra').describe(
    'What the changes are counted from, {fra} being udgave_sendt or udgave_revision: Ændret siden {fra}.',
  ),
  udgave_sendt: phrase('dato').describe('A version by the day it was sent: udgaven sendt {dato}.'),
  udgave_revision: phrase('revision').describe("A version by the repository's revision: udgaven i {revision}."),
  ingen_ændringer: text.describe('Said where nothing changed: Ingen ændringer.'),
  tilføjet: text.describe('The mark before words added, printed and read aloud: Tilføjet:.'),
  fjernet: text.describe('The mark before words removed, printed and read aloud: Fjernet:.'),
  punkt_tilføjet: phrase('nummer', 'titel').describe('An item added: Punkt {nummer} er tilføjet: {titel}.'),
  punkt_fjernet: phrase('nummer', 'titel').describe('An item removed: Punkt {nummer} er fjernet: {titel}.'),
  punkt_flyttet: phrase('fra', 'nummer', 'titel').describe('An item moved: Punkt {fra} er nu punkt {nummer}: {titel}.'),
  titel_ændret: phrase('nummer', 'titel').describe("An item's new title: Punkt {nummer} har fået ny titel: {titel}."),
  tekst_ændret: phrase('nummer', 'titel', 'afsnit').describe('Words changed in a section: Punkt {nummer} {titel}: {afsnit} er ændret.'),
  forside_ændret: phrase('felt').describe(
    'A field of the front page changed ({felt}: its label, as sted, start, fraværende print it, without the colon): Forsiden: {felt} er ændret.',
  ),
  kommende_møder: text.describe('The forward plan as a change names it ({afsnit} of tekst_ændret): Kommende møder.'),
  politiske_møder: text.describe("Item 1's political meetings as a change names them ({afsnit} of tekst_ændret): Politiske møder."),
  bilag_tilføjet: phrase('nummer', 'bilag').describe('An attachment added: Punkt {nummer}: bilag {bilag} er tilføjet.'),
  bilag_fjernet: phrase('nummer', 'bilag').describe('An attachment removed: Punkt {nummer}: bilag {bilag} er fjernet.'),
  bilag_erstattet: phrase('nummer', 'bilag').describe(
    'An attachment with another file: Punkt {nummer}: bilag {bilag} er erstattet af en ny fil.',
  ),
  underpunkt_tilføjet: phrase('nummer', 'underpunkt').describe('A sub-item added: Punkt {nummer}: underpunkt {underpunkt} er tilføjet.'),
  underpunkt_fjernet: phrase('nummer', 'underpunkt').describe('A sub-item removed: Punkt {nummer}: underpunkt {underpunkt} er fjernet.'),
  underpunkt_titel_ændret: phrase('nummer', 'underpunkt').describe(
    "A sub-item's new title: Punkt {nummer}: underpunkt {underpunkt} har fået ny titel.",
  ),
  underpunkt_ændret: phrase('nummer', 'underpunkt', 'afsnit').describe(
    "Words changed in a sub-item's section: Punkt {nummer}, underpunkt {underpunkt}: {afsnit} er ændret.",
  ),
  tilføjelse_tilføjet: phrase('nummer', 'dato').describe(
    'An addition to approved minutes: Punkt {nummer}: tilføjelse af {dato} er tilføjet.',
  ),
  tilføjelse_fjernet: phrase('nummer', 'dato').describe('An addition removed: Punkt {nummer}: tilføjelse af {dato} er fjernet.'),
  tilføjelse_ændret: phrase('nummer', 'dato').describe("An addition's words changed: Punkt {nummer}: tilføjelse af {dato} er ændret."),
  behandling_tilføjet: phrase('nummer', 'titel', 'behandling').describe(
    "An earlier meeting the item's case history shows added: Punkt {nummer} {titel}: tidligere behandling ({behandling}) er tilføjet.",
  ),
  behandling_fjernet: phrase('nummer', 'titel', 'behandling').describe(
    "An earlier meeting the item's case history showed removed: Punkt {nummer} {titel}: tidligere behandling ({behandling}) er fjernet.",
  ),
  behandling_ændret: phrase('nummer', 'titel', 'behandling').describe(
    "An earlier meeting of the item's case history shown otherwise (another decision, closed since, another item number there): Punkt {nummer} {titel}: tidligere behandling ({behandling}) er ændret.",
  ),
  behandling_navn: phrase('udvalg', 'dato').describe(
    'An earlier meeting as a change names it ({behandling}): {udvalg} {dato}, the day in the pattern of datoer.behandling.',
  ),
  lukket_behandling: text.describe(
    'An earlier meeting a mail names ({behandling}) where some of it was closed there, for its committee and day are not for a mail: lukket.',
  ),
  rettet_emne: phrase('emne').describe("A corrected version's mail subject: Rettet: {emne}."),
  rettet_brev: phrase('dato').describe(
    "A corrected version's mail, before its list of changes: Dette er en rettet udgave. Ændret siden den udgave, du fik {dato}:.",
  ),
  rettet_uden_liste: phrase('dato').describe(
    "A corrected version's mail where the version the reader got was not kept: Dette er en rettet udgave af den, du fik {dato}.",
  ),
  // Participants who are not members, an item's numbers in the case system, its earlier treatments.
  deltagere: text.describe("The front page's heading of the participants who are not members: Øvrige deltagere."),
  deltager: phrase('navn', 'rolle').describe('A participant with a role: {navn}, {rolle} (one without a role by name alone).'),
  dokumentnummer: text.describe("The label of an item's document number: Dok.nr.:"),
  sagsnummer: text.describe("The label of an item's case number (sag), where the house prints it: Sagsnr.:"),
  tidligere_behandlinger: text.describe("The heading of an item's earlier treatments: Tidligere behandlinger."),
  tidligere_behandling: phrase('udvalg', 'dato', 'punkt').describe('An earlier treatment: {udvalg} den {dato}, punkt {punkt}.'),
  underpunkt: phrase('punkt', 'bogstav', 'titel').describe("A sub-item's heading: {bogstav}. {titel} ({punkt} is the item's number)."),
  ingen: text.describe('Where nobody is absent, in the line of who is, under each decision (afbud_ved_beslutning): Ingen.'),
  // The document's open and closed parts, as the house names them (Åbent referat, Lukket referat); without them, no parts.
  åben_del: optional(text).describe(
    'The name of the open part, in the contents, over its first item and as {del} in the margins: Åbent referat.',
  ),
  ikke_deltaget_liste: optional(text).describe(
    'Where given, who did not take part in an item is listed under this line, one a line, in place of ikke_deltaget: Følgende deltog ikke i behandlingen af punktet:',
  ),
  ikke_deltaget_navn: optional(phrase('navn', 'medlem')).describe(
    'A line of that list: {navn} (default), or {medlem}, the name with the party letter.',
  ),
  lukket_del: optional(text).describe(
    'The name of the closed part, in the contents, over its first item and as {del} in the margins: Lukket referat.',
  ),
  // Beyond the pages: the PDF's properties, the combined document's stamps, the site, the data, the feeds, the mail.
  dagsordener: text.describe('Agendas, within a sentence (the site, its search): dagsordener.'),
  referater: text.describe('Minutes, within a sentence (the site, its search): referater.'),
  dagsordenen: text.describe("The agenda, within a sentence (the mail's text): dagsordenen."),
  referatet: text.describe("The minutes, within a sentence (the mail's text): referatet."),
  tillægsdagsordenen: text.describe("The addendum, within a sentence (the mail's text): tillægsdagsordenen."),
  dokumentnavn: phrase('dokument', 'udvalg', 'udvalgs', 'dato').describe(
    "A document's name (the PDF's subject, the open data, the site's links): {dokument} for {udvalgs} møde den {dato}; {udvalgs} is the committee's name in the genitive.",
  ),
  mødeoverskrift: phrase('dokument', 'udvalg', 'udvalgs', 'dato').describe(
    "A meeting's page and feed entry: {dokument} for {udvalgs} møde {dato}, the date with its weekday; {udvalgs} is the committee's name in the genitive.",
  ),
  offentlig_udgave: text.describe("After a published document's name: (offentlig udgave)."),
  med_bilag: text.describe("A combined document's name after the document's: med bilag."),
  lukket_advarsel: text.describe("The front page's and the PDF subject's warning of closed content."),
  lukket_indhold: text.describe('Atop every page that holds closed content: Lukket indhold.'),
  samlet_side: phrase('side', 'sider').describe("A combined document's page number on an attachment's page: Side {side} af {sider}."),
  bilag_side: phrase('bilag', 'side', 'sider').describe(
    "An attachment's page as a screen reader hears it: {bilag}, side {side} af {sider}.",
  ),
  møde: phrase('udvalg', 'udvalgs').describe(
    "A committee's meeting in the calendar feeds: {udvalgs} møde; {udvalgs} is the committee's name in the genitive.",
  ),
  mødekalender: phrase('udvalg').describe("A calendar feed's title: {udvalg}: møder (the authority's, for all committees)."),
  alle_møder: phrase('udvalg').describe('The link to the calendar of every committee: Alle møder i {udvalg} (the authority).'),
  dokumentfeed: phrase('udvalg', 'dagsorden', 'referat').describe("A documents feed's title: {udvalg}: {dagsorden} og {referat}."),
  webstedet: phrase('dagsordener', 'referater').describe("The site's name, after the authority's: {dagsordener} og {referater}."),
  søg: phrase('dagsordener', 'referater').describe("The search page's title: Søg i {dagsordener}, {referater} og bilag."),
  åbne_data: text.describe("The data page's title: Åbne data og mødekalendere."),
  sagens_punkt: phrase('udvalg', 'nummer').describe("`agenda sag`'s meeting that took the case up: {udvalg}, punkt {nummer}."),
  lukket_beslutning: text.describe(
    "the mark of a closed decision, in `agenda sag` and in place of an earlier committee's closed decision: (lukket beslutning).",
  ),
  ingen_beslutning: text.describe("`agenda sag`'s line where the case has no decision yet: (ingen beslutning endnu)."),
  // The last fixed words: the PDF's page labels, the combined document's stamp, the Bilag table's and
  // the site's labels, `agenda plan`'s lines.
  forside: text.describe(
    'The page label a PDF viewer shows for the front page, where it has no number: Forside. (datoer.forside is another thing: how the date on the front page is written.)',
  ),
  indhold: text.describe(
    "The page label of the contents, where they have no number: Indhold (Indhold 1, Indhold 2 over more sheets). Its own word beside indholdsfortegnelse, the heading, as a viewer's page box wants a short one.",
  ),
  bilag_mærke: phrase('nummer', 'titel').describe(
    "An attachment's stamp on its pages in the combined document, and its link on the site: Bilag {nummer}: {titel} ({nummer} is 2.1, or 2a.1 for a sub-item's).",
  ),
  side_henvisning: phrase('side').describe(
    "Where an attachment begins, in the Bilag table, the Bilagsoversigt and the site's search: side {side}.",
  ),
  bilag_nr: text.describe("The Bilag table's column of numbers, read aloud: Nr."),
  bilag_adgang: text.describe("The Bilag table's column of open or closed, read aloud: Adgang."),
  bilag_titel: text.describe("The Bilag table's column of titles, read aloud: Titel."),
  bilag_dokument: text.describe("The Bilag table's column of document numbers, read aloud: Dokument."),
  om_mødet: text.describe("The meeting's facts on its page of the site, read aloud: Om mødet."),
  dokumenter: text.describe("The heading of a meeting's documents on its page of the site: Dokumenter."),
  punkter: text.describe("The heading of a meeting's items on its page of the site, and the forward plan's column of points: Punkter."),
  plan_overskrift: phrase('udvalg', 'dato').describe("`agenda plan`'s first line: {udvalg}: punkter til kommende møder fra {dato}."),
  plan_afventer: text.describe("`agenda plan`'s row of the points awaiting a date: Afventer dato."),
  // The comments `agenda new` writes into a new meeting file, for the clerk who fills it in.
  nyt_møde: phrase('udvalg', 'dato').describe("`agenda new`'s first comment: Møde i {udvalg} {dato}, skrevet af agenda new."),
  nyt_møde_udfyld: phrase('udfyld', 'dato').describe(
    "`agenda new`'s comment on what to fill in: Skriv over hvert {udfyld} (agenda check viser dem, der er tilbage), og byg så med agenda build {dato}.",
  ),
  nyt_møde_fælles: text.describe(
    "`agenda new`'s comment on what the shared files give: Medlemmer, lokale, tider, … kommer fra de fælles filer i mappen.",
  ),
  nyt_møde_fraværende: phrase('medlemmer').describe(
    "`agenda new`'s comment above fraværende: Medlemmer, der ikke kommer; medlemmerne er {medlemmer}.",
  ),
  nyt_møde_egne_punkter: text.describe("`agenda new`'s comment where the meeting's own items go: Mødets egne punkter skrives her, …"),
  nyt_møde_bemærkninger: text.describe(
    "`agenda new`'s comment above an example of remarks on a political meeting: Bemærkninger til et politisk møde til referatet, fx.",
  ),
  nyt_møde_kalender: phrase('afholdt', 'kommende').describe(
    "`agenda new`'s note on the political calendar's item: Rul-linjen og de politiske møder ({afholdt} afholdte, {kommende} kommende) kommer fra kalenderen.",
  ),
  nyt_møde_kommende_møder: text.describe("`agenda new`'s note on the forward plan's item: planen udfylder punktet."),
  nyt_møde_planens_punkter: text.describe(
    "`agenda new`'s note on an item of the plan's points for the day: planens punkter for dagen: giv hvert sit tidspunkt, og tilføj dets bilag.",
  ),
  // The words of `agenda preview`'s page in the browser; {antal} and {tid} filled in by the page.
  forhåndsvisning: text.describe("The preview page's title and heading, before the meeting's date: Forhåndsvisning."),
  forhåndsvisning_udgave: text.describe("The preview page's choice of version, read aloud: udgave."),
  forhåndsvisning_medlemmer: text.describe("The preview page's choice of the members' document: medlemmernes udgave."),
  forhåndsvisning_offentlig: text.describe("The preview page's choice of the public document: offentlig udgave."),
  forhåndsvisning_venter: text.describe("The preview page's line until its first document: venter på den første udskrift …"),
  forhåndsvisning_opdaterer: text.describe(
    "The preview page's line while a save is being printed: opdaterer: udskriver den seneste gemte udgave.",
  ),
  forhåndsvisning_opdateret: phrase('tid').describe("The preview page's line once it shows the latest save: opdateret kl. {tid}."),
  forhåndsvisning_fejl: phrase('antal').describe(
    "The preview page's line while the files have errors: {antal} fejl: viser det seneste gode dokument.",
  ),
} as const;

const words = block(wordShape);

const dateShape = {
  forside: datePattern.describe(
    "The front page's date pattern: EEEE 'den' d. MMMM yyyy (onsdag den 22. november 2023, capitalized where store_forbogstaver says: Onsdag).",
  ),
  titel: datePattern.describe("The PDF's title and subject: d. MMMM yyyy (22. november 2023)."),
  beslutning: datePattern.describe("The decision's heading: dd-MM-yyyy (22-11-2023)."),
  behandling: datePattern.describe("An item's earlier treatment: d. MMMM yyyy (30. januar 2012)."),
};
const dates = block(dateShape);

/** A line of the page's header or footer: {side} and {sider} are the page and the pages, {del} the part's name, {kommune} the municipality. */
const pageText = phrase('kommune', 'udvalg', 'udvalgs', 'dokument', 'del', 'dato', 'side', 'sider');

/** The kinds of pages a header or footer may stand on. */
export const pageKinds = ['forside', 'indhold', 'punkter'] as const;

/** One place of a header or footer: a line, or its lines in order. */
const pageLines = z.union([pageText, z.array(pageText).meta({ minItems: 1 }).min(1)]);

/**
 * A header or footer: one line (the header at the top left, the footer at the bottom right, on the
 * items' pages), or its lines to the left, in the middle and to the right, on the pages listed.
 */
const pageMargin = z.union([
  pageText,
  block({
    venstre: optional(pageLines).describe('The line or lines at the left.'),
    midte: optional(pageLines).describe('The line or lines in the middle.'),
    højre: optional(pageLines).describe('The line or lines at the right.'),
    sider: optional(list(z.enum(pageKinds, { error: 'expected forside, indhold or punkter' }))).describe(
      'The pages it stands on: forside, indhold, punkter (default punkter: the items, the Bilagsoversigt and the Underskriftsside).',
    ),
  }),
]);

/** From which page the pages are numbered: the first item's page (Side 1 after the front page and contents), or the front page. */
const numberedFrom = z
  .enum(['første_punkt', 'forside'], { error: 'expected første_punkt or forside' })
  .describe(
    "første_punkt (default): the first item's page is Side 1, the front page and contents have no number; forside: the front page is Side 1.",
  );

/** The dates written with a capital first letter (Onsdag den 22. november 2023). */
const dateKeys = ['forside', 'titel', 'beslutning', 'behandling'] as const satisfies ReadonlyArray<keyof typeof dateShape>;
const capitalizedDates = list(
  z.enum(dateKeys, { error: `expected ${dateKeys.slice(0, -1).join(', ')} or ${dateKeys.at(-1) ?? ''}` }),
).describe('The dates (of datoer) written with a capital first letter: forside by default (Onsdag den ...); [] for none (onsdag den ...).');

/** Whether the front page prints the end time. */
const endTime = flag.describe('ja (default): the front page prints the end time (Slut kl.); nej: never.');

/** Whether an attachment's file keeps its links out (see pdf/active-content.ts); any other link out it never keeps. */
const webLinks = flag.describe(
  "ja (default): an attachment's file keeps its links to web pages and e-mail addresses (http, https, mailto); " +
    'nej: only its links within itself.',
);

/** Which page ends the minutes, and what of the approvals the public version shows (see docs/clerk/godkendelse.md). */
const approvalShape = {
  side: z
    .enum(['underskriftsside', 'godkendelsesside'])
    .describe('underskriftsside: a line to sign for each member; godkendelsesside: who approved which version, when, with the SHA-256.'),
  offentlig: z
    .enum(['navne', 'intet'])
    .describe("What the public version's approval page shows: navne (names and times, never a reservation) or intet (no page)."),
};
const approval = block(approvalShape);
/** Whether an item prints its case number (sag) beside its document number. */
const caseNumber = flag.describe('ja: an item prints its case number (sag) under the word sagsnummer; nej (default): it does not.');
/** Whether an item lists the earlier meetings of its case from the repository's history. */
const treatmentsFromCase = flag.describe(
  "ja: an item lists the other committees' earlier meetings in the repository that took up its case (sag) under tidligere_behandlinger; nej (default): only those written by hand.",
);

/** Whether the contents list an item's sub-items (a, b, c) under it, each with its page. */
const subItemsInContents = flag.describe(
  "ja: the contents list each item's sub-items (a, b, c) under it, with the page each begins on; nej (default): the items alone.",
);

/** Whether each decision ends with the meeting's absent members. */
const absentAtDecision = flag.describe(
  'ja: each decision ends with the line of who is absent, under the word fraværende (or ingen); nej (default): it does not.',
);

/** Whether the front page of an agenda changed since it was sent says so (ord.rettet_dagsorden). */
const correctedFrontPage = flag.describe(
  'ja (default): the front page of an agenda changed since it was sent says so, with the day of the correction (ord.rettet_dagsorden); nej: it does not.',
);

/** What each key of a house style holds, for the editor, in the whole style and in an override. */
const about = {
  afsnit: "An item's sections in their order: nøgle, the key a meeting writes it under, and overskrift, its heading.",
  ord: 'The fixed words and phrases of the documents.',
  datoer: 'How dates are written: date patterns (dd-MM-yyyy) for forside, titel, beslutning and behandling.',
  sidehoved:
    "The page's header: one line at the top left of the items' pages, or venstre, midte and højre, each a line or a list of lines, and sider; " +
    '{kommune}, {udvalg}, {udvalgs}, {dokument}, {del}, {dato}, {side} and {sider}.',
  sidefod:
    "The page's footer: one line at the bottom right of the items' pages, or venstre, midte and højre, each a line or a list of lines, and sider; " +
    '{kommune}, {udvalg}, {udvalgs}, {dokument}, {del}, {dato}, {side} and {sider}.',
  godkendelse: "The minutes' last page: side (underskriftsside or godkendelsesside) and what the public version shows of it (offentlig).",
};

/** templates/husstil.yaml: a whole house style. */
export const houseStyleSchema = block({
  afsnit: sections.describe(about.afsnit),
  ord: words.describe(about.ord),
  datoer: dates.describe(about.datoer),
  sidehoved: optional(pageMargin).describe(about.sidehoved),
  sidefod: optional(pageMargin).describe(about.sidefod),
  weblinks_i_bilag: webLinks.default(true),
  godkendelse: approval.describe(about.godkendelse),
  sagsnummer_i_punkt: caseNumber.default(false),
  behandlinger_fra_sag: treatmentsFromCase.default(false),
  afbud_ved_beslutning: absentAtDecision.default(false),
  sidetal_fra: numberedFrom.default('første_punkt'),
  store_forbogstaver: capitalizedDates.default(['forside']),
  sluttid: endTime.default(true),
  underpunkter_i_indhold: subItemsInContents.default(false),
  rettet_forside: correctedFrontPage.default(true),
});

/** `husstil:` in kommune.yaml or udvalg.yaml: any part of the house style; `afsnit` replaces the list, the others key by key. */
export const houseStyleOverrideSchema = block({
  afsnit: optional(sections).describe(`${about.afsnit} Replaces the whole list.`),
  ord: optional(words.partial()).describe(about.ord),
  datoer: optional(dates.partial()).describe(about.datoer),
  sidehoved: optional(pageMargin).describe(about.sidehoved),
  sidefod: optional(pageMargin).describe(about.sidefod),
  weblinks_i_bilag: optional(webLinks).describe(webLinks.description ?? ''),
  godkendelse: optional(approval.partial()).describe(about.godkendelse),
  sagsnummer_i_punkt: optional(caseNumber).describe(caseNumber.description ?? ''),
  behandlinger_fra_sag: optional(treatmentsFromCase).describe(treatmentsFromCase.description ?? ''),
  afbud_ved_beslutning: optional(absentAtDecision).describe(absentAtDecision.description ?? ''),
  sidetal_fra: optional(numberedFrom).describe(numberedFrom.description ?? ''),
  store_forbogstaver: optional(capitalizedDates).describe(capitalizedDates.description ?? ''),
  sluttid: optional(endTime).describe(endTime.description ?? ''),
  underpunkter_i_indhold: optional(subItemsInContents).describe(subItemsInContents.description ?? ''),
  rettet_forside: optional(correctedFrontPage).describe(correctedFrontPage.description ?? ''),
});

export type HouseStyleInput = z.output<typeof houseStyleSchema>;
export type PageMargin = z.output<typeof pageMargin>;
export type PageKind = (typeof pageKinds)[number];
export type HouseStyleOverride = z.output<typeof houseStyleOverrideSchema>;

/**
 * Only the sections of a file's `husstil:`, whatever else the file holds: where the file is not valid
 * (a misspelt word), its meetings are still checked against its own sections, not the package's.
 */
export const sectionsOnlySchema = z.object({ husstil: z.object({ afsnit: sections }) });
