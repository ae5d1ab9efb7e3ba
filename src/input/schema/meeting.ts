import { z } from 'zod';
import { block, clock, email, flag, list, optional, text, wholeNumber } from '../fields.js';

const bilag = block({
  nummer: optional(wholeNumber).describe('The attachment\'s number in its item; default: its place in the list.'),
  titel: optional(text).describe('The attachment\'s title; required unless it is closed.'),
  dokument: optional(text).describe('Its number in the case system, e.g. 116728/23.'),
  /** The attachment's file (PDF, PNG or JPEG), relative to the meetings folder: it goes into the combined document. */
  fil: optional(text).describe('The attachment\'s file (PDF, PNG or JPEG), relative to the meetings folder, for the combined document.'),
  lukket: optional(flag).describe('true: a closed attachment, left out of the public version.'),
  /** Why a closed attachment is closed, for the public (e.g. "jf. offentlighedslovens § 30"). */
  offentlig_note: optional(text).describe('Why a closed attachment is closed, shown to the public, e.g. jf. offentlighedslovens § 30.'),
}).refine((b) => b.lukket || b.titel !== undefined, { error: 'an open attachment needs a titel', path: ['titel'] });

/** A text of the meeting's: plain, or `{ tekst, lukket: true }` to keep it out of the public version. */
const closableText = z.union([
  text.transform((tekst) => ({ tekst, lukket: false })),
  block({ tekst: text.describe('The text.'), lukket: optional(flag).describe('true: the text is closed, left out of the public version.') }).transform(({ tekst, lukket }) => ({ tekst, lukket: lukket ?? false })),
]);

/** A row of the item's timetable (Tid / Punkt). */
const slot = block({
  tid: optional(text).describe('The time, e.g. 11.00.'),
  punkt: text.describe('What is dealt with then (Markdown).'),
  lukket: optional(flag).describe('true: the row is closed, left out of the public version.'),
});

const item = block({
  /** The id of a standing item this entry fills in; without it the entry is an item of its own. */
  fast: optional(text).describe('The id of a standing item (faste-punkter.yaml) this entry fills in; without it, the entry is an item of its own.'),
  titel: optional(text).describe('The item\'s title: required for an item of its own; replaces a standing item\'s title.'),
  /** The title the public version shows for a closed item; without it, "Lukket punkt". */
  offentlig_titel: optional(text).describe('The title the public version shows for a closed item; without it, "Lukket punkt".'),
  lukket: optional(flag).describe('true: a closed item (Lukket sag); default open (Åben sag).'),
  sagsgang: optional(text).describe('The case route, e.g. DIR; default the committee\'s.'),
  sagsfremstilling: optional(closableText).describe('The item\'s text (Markdown), or tekst: and lukket: true.'),
  tidsplan: optional(list(slot)).describe('A timetable shown at the end of the sagsfremstilling: rows of tid, punkt and lukket.'),
  økonomiske_konsekvenser: optional(closableText).describe('The item\'s economic consequences (Markdown), or tekst: and lukket: true.'),
  indstilling: optional(closableText).describe('The recommendation (Markdown), or tekst: and lukket: true.'),
  bilag: optional(list(bilag)).describe('The item\'s attachments.'),
  beslutning: optional(closableText).describe('The decision: a meeting with any decision is printed as minutes (referat).'),
  /** Leave out the political calendar's lists (with `nej`), to write them by hand. */
  politiske_møder: optional(flag).describe('nej: leave out the political calendar\'s lists on this item, to write them by hand.'),
  /** Remarks on single political meetings for the minutes, keyed by short name and date: `ØK 2023-09-05`. */
  bemærkninger: optional(z.record(z.string(), text)).describe('Remarks on single political meetings for the minutes, keyed by short name and date, e.g. ØK 2023-09-05.'),
}).refine((i) => i.fast !== undefined || i.titel !== undefined, { error: 'an item needs a titel (or fast: the id of a standing item)', path: ['titel'] });

/** `<date>.yaml`: what is new at this meeting. The date is the file's name. */
export const meetingSchema = block({
  sted: optional(text).describe('The room, in place of the committee\'s.'),
  start: optional(clock).describe('The start time, e.g. 9:00, in place of the committee\'s.'),
  slut: optional(clock).describe('The end time, in place of the committee\'s.'),
  fraværende: optional(list(text)).describe('The names of members who are absent.'),
  /** Who gets the documents by e-mail besides the members (`agenda send`): secretaries, participants. */
  modtagere: optional(list(block({ navn: optional(text).describe('The recipient\'s name.'), email: email.describe('The address agenda send sends to.') }))).describe('Who gets the documents by e-mail besides the members.'),
  punkter: optional(list(item)).describe('The meeting\'s items, in order; standing items come in their own order.'),
});

export type MeetingInput = z.output<typeof meetingSchema>;
export type ItemInput = z.output<typeof item>;
export type BilagInput = z.output<typeof bilag>;
export type ClosableTextInput = z.output<typeof closableText>;
