import { z } from 'zod';
import { block, blockWithSections, clock, email, flag, list, optional, text, wholeNumber } from '../fields.js';

const bilag = block({
  nummer: optional(wholeNumber),
  titel: optional(text),
  dokument: optional(text),
  /** The attachment's file (PDF, PNG or JPEG), relative to the meetings folder: it goes into the combined document. */
  fil: optional(text),
  lukket: optional(flag),
  /** Why a closed attachment is closed, for the public (e.g. "jf. offentlighedslovens § 30"). */
  offentlig_note: optional(text),
}).refine((b) => b.lukket || b.titel !== undefined, { error: 'an open attachment needs a titel', path: ['titel'] });

/** A text of the meeting's: plain, or `{ tekst, lukket: true }` to keep it out of the public version. */
const closableText = z.union([
  text.transform((tekst) => ({ tekst, lukket: false })),
  block({ tekst: text, lukket: optional(flag) }).transform(({ tekst, lukket }) => ({ tekst, lukket: lukket ?? false })),
]);

/** A row of the item's timetable (Tid / Punkt). */
const slot = block({ tid: optional(text), punkt: text, lukket: optional(flag) });

const names = list(text);

/** How the members voted on an item: party letters (A, V) or names, for, against, abstaining. */
const vote = block({ for: optional(names), imod: optional(names), undlod: optional(names) });

/** A member's or a party's dissent for the record (protokoltilførsel). */
const dissent = block({ af: z.union([text.transform((n) => [n]), names]), tekst: text });

/** The keys every item has, whatever the house's sections. */
const ownItemShape = {
  /** The id of a standing item this entry fills in; without it the entry is an item of its own. */
  fast: optional(text),
  titel: optional(text),
  /** The title the public version shows for a closed item; without it, "Lukket punkt". */
  offentlig_titel: optional(text),
  lukket: optional(flag),
  sagsgang: optional(text),
  /** The case this item takes up (its journal number): earlier committees' decisions on it are shown. */
  sag: optional(text),
  tidsplan: optional(list(slot)),
  bilag: optional(list(bilag)),
  beslutning: optional(closableText),
  /** Members who did not take part in this item: absent for it (fraværende) or disqualified (inhabil). */
  fraværende: optional(names),
  inhabil: optional(names),
  afstemning: optional(vote),
  protokoltilførsel: optional(list(dissent)),
  /** Leave out the political calendar's lists (with `nej`), to write them by hand. */
  politiske_møder: optional(flag),
  /** Remarks on single political meetings for the minutes, keyed by short name and date: `ØK 2023-09-05`. */
  bemærkninger: optional(z.record(z.string(), text)),
};

/** The keys of an item that no section may take. */
export const ownItemKeys = Object.keys(ownItemShape);

/** An item: its own keys and one closable text for each of the house's sections, gathered under `afsnit`. */
function itemSchema(sectionKeys: string[]) {
  return blockWithSections(ownItemShape, sectionKeys, closableText).refine((i) => i.fast !== undefined || i.titel !== undefined, {
    error: 'an item needs a titel (or fast: the id of a standing item)',
    path: ['titel'],
  });
}

/** Someone absent from the meeting (afbud): a name, or the name with the substitute (stedfortræder) who takes the seat. */
const absence = z.union([
  text.transform((navn) => ({ navn, stedfortræder: undefined })),
  block({ navn: text, stedfortræder: optional(text) }),
]);

/** `<date>.yaml`: what is new at this meeting, with an item's sections as the house style lists them. The date is the file's name. */
export function meetingSchemaFor(sectionKeys: string[]) {
  return block({
    sted: optional(text),
    start: optional(clock),
    slut: optional(clock),
    fraværende: optional(list(absence)),
    /** Who gets the documents by e-mail besides the members (`agenda send`): secretaries, participants. */
    modtagere: optional(list(block({ navn: optional(text), email }))),
    punkter: optional(list(itemSchema(sectionKeys))),
  });
}

export type MeetingInput = z.output<ReturnType<typeof meetingSchemaFor>>;
export type ItemInput = z.output<ReturnType<typeof itemSchema>>;
export type AbsenceInput = z.output<typeof absence>;
export type BilagInput = z.output<typeof bilag>;
export type ClosableTextInput = z.output<typeof closableText>;
