import { z } from 'zod';
import { block, clock, email, flag, list, optional, text, wholeNumber } from '../fields.js';

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

const item = block({
  /** The id of a standing item this entry fills in; without it the entry is an item of its own. */
  fast: optional(text),
  titel: optional(text),
  /** The title the public version shows for a closed item; without it, "Lukket punkt". */
  offentlig_titel: optional(text),
  lukket: optional(flag),
  sagsgang: optional(text),
  sagsfremstilling: optional(closableText),
  tidsplan: optional(list(slot)),
  økonomiske_konsekvenser: optional(closableText),
  indstilling: optional(closableText),
  bilag: optional(list(bilag)),
  beslutning: optional(closableText),
  /** Leave out the political calendar's lists (with `nej`), to write them by hand. */
  politiske_møder: optional(flag),
  /** Remarks on single political meetings for the minutes, keyed by short name and date: `ØK 2023-09-05`. */
  bemærkninger: optional(z.record(z.string(), text)),
}).refine((i) => i.fast !== undefined || i.titel !== undefined, { error: 'an item needs a titel (or fast: the id of a standing item)', path: ['titel'] });

/** `<date>.yaml`: what is new at this meeting. The date is the file's name. */
export const meetingSchema = block({
  sted: optional(text),
  start: optional(clock),
  slut: optional(clock),
  fraværende: optional(list(text)),
  /** Who gets the documents by e-mail besides the members (`agenda send`): secretaries, participants. */
  modtagere: optional(list(block({ navn: optional(text), email }))),
  punkter: optional(list(item)),
});

export type MeetingInput = z.output<typeof meetingSchema>;
export type ItemInput = z.output<typeof item>;
export type BilagInput = z.output<typeof bilag>;
export type ClosableTextInput = z.output<typeof closableText>;
