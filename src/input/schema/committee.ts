import { z } from 'zod';
import { block, clock, email, isoDate, list, notBefore, optional, text, weekday } from '../fields.js';

/** One person in one seat for a period; a seat with nobody in office on the day reads "Vakant". */
const member = block({
  titel: text,
  navn: text,
  fra: optional(isoDate),
  til: optional(isoDate),
  email: optional(email),
}).refine(...notBefore('fra', 'til'));

const maxScheduleYears = 10;

/** The committee's regular meetings: a weekday over a period, less the cancelled ones, plus extra dates and moves. */
const schedule = block({
  ugedag: weekday,
  fra: isoDate,
  til: isoDate,
  aflyst: optional(list(block({ dato: isoDate, årsag: optional(text) }))),
  ekstra: optional(list(isoDate)),
  /** A meeting moved to another day: it is held on `til` instead of `fra`. */
  flyttet: optional(list(block({ fra: isoDate, til: isoDate }))),
})
  .refine(...notBefore('fra', 'til'))
  // Every meeting of the span is worked out: a year typo (2923 for 2023) would take minutes and memory.
  .refine((s) => Number(s.til.slice(0, 4)) - Number(s.fra.slice(0, 4)) <= maxScheduleYears, {
    error: `the schedule spans more than ${maxScheduleYears} years: is the year a typo? (a longer one is written as a new mødeplan then)`,
    path: ['til'],
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
