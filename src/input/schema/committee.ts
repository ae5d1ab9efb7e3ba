import { z } from 'zod';
import { block, clock, email, isoDate, list, optional, text, weekday } from '../fields.js';

/** One person in one seat for a period; a seat with nobody in office on the day reads "Vakant". */
const member = block({
  titel: text,
  navn: text,
  fra: optional(isoDate),
  til: optional(isoDate),
  email: optional(email),
});

/** The committee's regular meetings: a weekday over a period, less the cancelled ones, plus extra dates and moves. */
const schedule = block({
  ugedag: weekday,
  fra: isoDate,
  til: isoDate,
  aflyst: optional(list(block({ dato: isoDate, årsag: optional(text) }))),
  ekstra: optional(list(isoDate)),
  /** A meeting moved to another day: it is held on `til` instead of `fra`. */
  flyttet: optional(list(block({ fra: isoDate, til: isoDate }))),
});

/** `udvalg.yaml`: who meets, where and when. */
export const committeeSchema = block({
  navn: text,
  kommune: optional(text),
  sted: text,
  start: clock,
  slut: clock,
  sagsgang: optional(text),
  medlemmer: z.array(member).min(1),
  mødeplan: optional(schedule),
});

export type CommitteeInput = z.output<typeof committeeSchema>;
