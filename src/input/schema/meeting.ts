import { z } from 'zod';
import { block, clock, flag, list, optional, text, wholeNumber } from '../fields.js';

const bilag = block({
  nummer: optional(wholeNumber),
  titel: optional(text),
  dokument: optional(text),
  lukket: optional(flag),
}).refine((b) => b.lukket || b.titel !== undefined, { error: 'an open attachment needs a titel', path: ['titel'] });

/** A row of the item's timetable (Tid / Punkt). */
const slot = block({ tid: optional(text), punkt: text });

const item = block({
  /** The id of a standing item this entry fills in; without it the entry is an item of its own. */
  fast: optional(text),
  titel: optional(text),
  lukket: optional(flag),
  sagsgang: optional(text),
  sagsfremstilling: optional(text),
  tidsplan: optional(list(slot)),
  økonomiske_konsekvenser: optional(text),
  indstilling: optional(text),
  bilag: optional(list(bilag)),
  beslutning: optional(text),
}).refine((i) => i.fast !== undefined || i.titel !== undefined, { error: 'an item needs a titel (or fast: the id of a standing item)', path: ['titel'] });

/** `<date>.yaml`: what is new at this meeting. The date is the file's name. */
export const meetingSchema = block({
  sted: optional(text),
  start: optional(clock),
  slut: optional(clock),
  fraværende: optional(list(text)),
  punkter: optional(list(item)),
});

export type MeetingInput = z.output<typeof meetingSchema>;
export type ItemInput = z.output<typeof item>;
export type BilagInput = z.output<typeof bilag>;
