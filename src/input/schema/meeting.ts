import { z } from 'zod';
import { participant } from './participant.js';
import { officeExtensions } from '../../shared/attachment-file.js';
import {
  block,
  blockWithSections,
  clock,
  email,
  closedFlag,
  flag,
  given,
  isoDate,
  list,
  name,
  notGivenUnless,
  optional,
  saysYes,
  text,
  wholeNumber,
} from '../fields.js';

const openAttachment = 'an open attachment needs a titel';
const bilag = block({
  nummer: optional(wholeNumber).describe("The attachment's number in its item; default: its place in the list."),
  titel: optional(name).describe("The attachment's title; required unless it is closed."),
  dokument: optional(name).describe('Its number in the case system, e.g. 116728/23.'),
  /** The attachment's file, relative to the meetings folder: it goes into the combined document (an office file converted to PDF by LibreOffice). */
  fil: optional(text).describe(
    `The attachment's file, relative to the meetings folder, for the combined document: PDF, PNG, JPEG, or an office file (${officeExtensions.join(' ')}), converted to PDF by LibreOffice.`,
  ),
  lukket: closedFlag.optional().describe('true: a closed attachment, left out of the public version.'),
  /** Why a closed attachment is closed, for the public (e.g. "jf. offentlighedslovens § 30"). */
  offentlig_note: optional(text).describe('Why a closed attachment is closed, shown to the public, e.g. jf. offentlighedslovens § 30.'),
})
  .refine((b) => b.lukket || b.titel !== undefined, { error: openAttachment, path: ['titel'] })
  .meta({ if: saysYes('lukket'), else: given('titel', openAttachment) });

/** A text of the meeting's: plain, or `{ tekst, lukket: true }` to keep it out of the public version. */
const closableText = z.union([
  text.transform((tekst) => ({ tekst, lukket: false })),
  block({
    tekst: text.describe('The text.'),
    lukket: closedFlag.optional().describe('true: the text is closed, left out of the public version.'),
  }).transform(({ tekst, lukket }) => ({ tekst, lukket: lukket ?? false })),
]);

/**
 * An addition (tilføjelse) to approved minutes: once a member has approved them, their text may only
 * grow by these, which the document prints as additions with their date (see docs/clerk/godkendelse.md).
 */
const addition = block({
  dato: isoDate.describe('The day the addition was made, e.g. 2023-09-20.'),
  tekst: text.describe('The addition as it goes into the minutes (Markdown).'),
  lukket: closedFlag.optional().describe('true: the addition is closed, left out of the public version.'),
});

/** A row of the item's timetable (Tid / Punkt). */
const slot = block({
  tid: optional(text).describe('The time, e.g. 11.00.'),
  punkt: text.describe('What is dealt with then (Markdown).'),
  lukket: closedFlag.optional().describe('true: the row is closed, left out of the public version.'),
});

const names = list(name);

/** How the members voted on an item: party letters (A, V) or names, for, against, abstaining. */
const vote = block({
  for: optional(names).describe('Who voted for: party letters or names.'),
  imod: optional(names).describe('Who voted against: party letters or names.'),
  undlod: optional(names).describe('Who abstained: party letters or names.'),
});

/** A member's or a party's dissent for the record (protokoltilførsel). */
const dissent = block({
  af: z.union([name.transform((n) => [n]), names]).describe('Whose dissent: a member, a party letter, or a list of them.'),
  tekst: text.describe('The dissent as it goes into the minutes.'),
});

/** An earlier meeting that dealt with the item, written by hand where the repository does not hold it. */
const treatment = block({
  udvalg: name.describe('The committee that dealt with it: Kommunalbestyrelsen.'),
  dato: isoDate.describe("That meeting's date."),
  punkt: wholeNumber.describe("The item's number at that meeting."),
});
/**
 * An item added after the agenda was sent: the number of the tillægsdagsorden it goes out in (1, 2 ...),
 * or that number with the reason it could not wait.
 */
const addendum = z
  .union([
    wholeNumber.transform((nummer) => ({ nummer, begrundelse: undefined })),
    block({
      nummer: optional(wholeNumber).describe('The number of the tillægsdagsorden the item goes out in; default 1.'),
      begrundelse: optional(text).describe('Why the item could not wait for the next meeting, printed on the item where given.'),
    }).transform(({ nummer, begrundelse }) => ({ nummer: nummer ?? 1, begrundelse })),
  ])
  .describe(
    'An item added after the agenda was sent: the number of the tillægsdagsorden it goes out in (1, 2 ...), or { nummer, begrundelse }.',
  );

/** The keys every item has, whatever the house's sections. */
const ownItemShape = {
  /** The id of a standing item this entry fills in; without it the entry is an item of its own. */
  fast: optional(name).describe(
    'The id of a standing item (faste-punkter.yaml) this entry fills in; without it, the entry is an item of its own.',
  ),
  titel: optional(name).describe("The item's title: required for an item of its own; replaces a standing item's title."),
  /** The title the public version shows for a closed item; without it, "Lukket punkt". */
  offentlig_titel: optional(name).describe('The title the public version shows for a closed item; without it, "Lukket punkt".'),
  lukket: closedFlag.optional().describe('true: a closed item (Lukket sag); default open (Åben sag).'),
  sagsgang: optional(name).describe("The case route, e.g. DIR; default the committee's."),
  /** The case this item takes up (its journal number): earlier committees' decisions on it are shown. */
  sag: optional(name).describe("The case this item takes up (its journal number): earlier committees' decisions on it are shown."),
  dokumentnummer: optional(name).describe("The item's document number in the case system (Dok.nr.), e.g. 2005/14."),
  tidligere_behandlinger: optional(list(treatment)).describe(
    'Earlier meetings that dealt with the item, where the repository does not hold them: udvalg, dato and punkt.',
  ),
  tidsplan: optional(list(slot)).describe('A timetable shown at the end of the sagsfremstilling: rows of tid, punkt and lukket.'),
  bilag: optional(list(bilag)).describe("The item's attachments."),
  tillæg: optional(addendum),
  beslutning: optional(closableText).describe('The decision: a meeting with any decision is printed as minutes (referat).'),
  tilføjelser: optional(list(addition)).describe(
    'Additions to approved minutes, each with dato and tekst: printed after the decision as additions with their date.',
  ),
  /** Members who did not take part in this item: absent for it (fraværende) or disqualified (inhabil). */
  fraværende: optional(names).describe('Members who did not take part in this item.'),
  inhabil: optional(names).describe('Members who did not take part in this item because they were disqualified (inhabil).'),
  afstemning: optional(vote).describe('How the members voted: for, imod, undlod, by party letter or name.'),
  protokoltilførsel: optional(list(dissent)).describe("A member's or a party's dissent for the record: af and tekst."),
  /** Leave out the political calendar's lists (with `nej`), to write them by hand. */
  politiske_møder: optional(flag).describe("nej: leave out the political calendar's lists on this item, to write them by hand."),
  /** Remarks on single political meetings for the minutes, keyed by short name and date: `ØK 2023-09-05`. */
  bemærkninger: optional(z.record(z.string(), text)).describe(
    'Remarks on single political meetings for the minutes, keyed by short name and date, e.g. ØK 2023-09-05.',
  ),
};

/** A sub-item's own keys (a, b, c ... within an item): a title, closed or not, its attachments. */
const subItemShape = {
  titel: name.describe("The sub-item's title."),
  offentlig_titel: optional(name).describe('The title the public version shows for a closed sub-item; without it, "Lukket punkt".'),
  lukket: closedFlag.optional().describe('true: a closed sub-item, left out of the public version but for its letter and public title.'),
  bilag: optional(list(bilag)).describe("The sub-item's attachments."),
};

/** The keys of an item that no section may take. */
export const ownItemKeys = [...Object.keys(ownItemShape), 'underpunkter'];

/** A sub-item: its own keys and one closable text for each of the house's sections. */
function subItemSchema(sectionKeys: string[]) {
  return blockWithSections(subItemShape, sectionKeys, closableText);
}

/** An item: its own keys and one closable text for each of the house's sections, gathered under `afsnit`. */
function itemSchema(sectionKeys: string[]) {
  const untitled = 'an item needs a titel (or fast: the id of a standing item)';
  const underpunkter = optional(list(subItemSchema(sectionKeys))).describe(
    "Sub-items (a, b, c ...): each with titel, the house's sections, bilag, lukket; numbered as the house numbers them.",
  );
  return blockWithSections({ ...ownItemShape, underpunkter }, sectionKeys, closableText)
    .refine((i) => i.fast !== undefined || i.titel !== undefined, { error: untitled, path: ['titel'] })
    .refine((i) => i.fast === undefined || i.tillæg === undefined, {
      error: 'a standing item is on the agenda itself: only an item of its own can be added in a tillægsdagsorden',
      path: ['tillæg'],
    })
    .meta({
      anyOf: ['fast', 'titel'].map((key) => given(key, untitled)),
      // The editor's twin of check/closed-only.ts for the item itself: closed by its lukket, or by its standing item's where it says none.
      ...notGivenUnless('offentlig_titel', { anyOf: [saysYes('lukket'), { allOf: [given('fast'), { not: { required: ['lukket'] } }] }] }),
    });
}

/** Someone absent from the meeting (afbud): a name, or the name with the substitute (stedfortræder) who takes the seat. */
const absence = z.union([
  name.transform((navn) => ({ navn, stedfortræder: undefined })),
  block({
    navn: name.describe("The absent member's name."),
    stedfortræder: optional(name).describe('Who takes the seat for the meeting (stedfortræder).'),
  }),
]);

/** `<date>.yaml`: what is new at this meeting, with an item's sections as the house style lists them. The date is the file's name. */
export function meetingSchemaFor(sectionKeys: string[]) {
  return block({
    sted: optional(name).describe("The room, in place of the committee's."),
    start: optional(clock).describe("The start time, e.g. 9:00, in place of the committee's."),
    slut: optional(clock).describe("The end time, in place of the committee's."),
    fraværende: optional(list(absence)).describe('Members who are absent (afbud): a name, or navn and stedfortræder.'),
    deltagere: optional(list(participant)).describe(
      "Who takes part besides the members at this meeting, in place of the committee's: a name, or navn and rolle.",
    ),
    /** Who gets the documents by e-mail besides the members (`agenda send`): secretaries, participants. */
    modtagere: optional(
      list(block({ navn: optional(name).describe("The recipient's name."), email: email.describe('The address agenda send sends to.') })),
    ).describe('Who gets the documents by e-mail besides the members.'),
    punkter: optional(list(itemSchema(sectionKeys))).describe("The meeting's items, in order; standing items come in their own order."),
  });
}

export type MeetingInput = z.output<ReturnType<typeof meetingSchemaFor>>;
export type ItemInput = z.output<ReturnType<typeof itemSchema>>;
export type AbsenceInput = z.output<typeof absence>;
export type SubItemInput = z.output<ReturnType<typeof subItemSchema>>;
export type BilagInput = z.output<typeof bilag>;
export type AdditionInput = z.output<typeof addition>;
export type ClosableTextInput = z.output<typeof closableText>;
