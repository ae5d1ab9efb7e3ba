import { z } from 'zod';
import { block, clock, email, isoDate, list, name, namePart, notBefore, optional, text, weekday } from '../fields.js';
import { houseStyleOverrideSchema } from './house-style.js';

export const roles = ['formand', 'næstformand'] as const;

/**
 * A member for a period (`fra`, `til`): a person in a seat with a title (Direktionen's
 * "Kommunaldirektør"; a seat with nobody in office on the day reads "Vakant"), or a politician with a
 * party letter and a role. Both may be listed in one committee.
 */
const member = block({
  titel: optional(name),
  navn: name,
  /** The party letter: A, V, F ... ("Jan Petersen (A)"). */
  parti: optional(name),
  rolle: optional(z.enum(roles)),
  fra: optional(isoDate),
  til: optional(isoDate),
  email: optional(email),
}).refine(...notBefore('fra', 'til'));

const maxScheduleYears = 10;

/** A meeting off the weekday rhythm, with its own time and room where they differ. */
const dated = z.union([
  isoDate.transform((dato) => ({ dato, start: undefined, slut: undefined, sted: undefined })),
  block({ dato: isoDate, start: optional(clock), slut: optional(clock), sted: optional(name) }),
]);

/**
 * The committee's meetings: a weekday over a period (`ugedag`, `fra`, `til`), and/or a list of dates
 * (`datoer`), less the cancelled ones, plus extra dates and moves.
 */
const schedule = block({
  ugedag: optional(weekday),
  fra: optional(isoDate),
  til: optional(isoDate),
  datoer: optional(list(dated)),
  aflyst: optional(list(block({ dato: isoDate, årsag: optional(text) }))),
  ekstra: optional(list(isoDate)),
  /** A meeting moved to another day: it is held on `til` instead of `fra`. */
  flyttet: optional(list(block({ fra: isoDate, til: isoDate }))),
})
  .refine(...notBefore('fra', 'til'))
  // Every meeting of the span is worked out: a year typo (2923 for 2023) would take minutes and memory.
  .refine((s) => s.fra === undefined || s.til === undefined || Number(s.til.slice(0, 4)) - Number(s.fra.slice(0, 4)) <= maxScheduleYears, {
    error: `the schedule spans more than ${maxScheduleYears} years: is the year a typo? (a longer one is written as a new mødeplan then)`,
    path: ['til'],
  })
  .superRefine((s, ctx) => {
    const rhythm = [s.ugedag, s.fra, s.til].filter((v) => v !== undefined).length;
    if (rhythm > 0 && rhythm < 3) {
      for (const key of ['ugedag', 'fra', 'til'] as const) {
        if (s[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'a weekday rhythm needs ugedag, fra and til' });
      }
    }
    if (rhythm === 0 && s.datoer === undefined) ctx.addIssue({ code: 'custom', path: ['datoer'], message: 'a mødeplan needs a weekday (ugedag, fra, til) or a list of datoer' });
  });

/** `udvalg.yaml`: who meets, where and when. */
export const committeeSchema = block({
  navn: name,
  /** The short name commands and documents' names use (`--udvalg ØK`); default the folder's name. */
  kort: optional(namePart),
  kommune: optional(name),
  sted: name,
  start: clock,
  slut: clock,
  sagsgang: optional(name),
  medlemmer: z.array(member).min(1),
  mødeplan: optional(schedule),
  /** This committee's own house style, over the municipality's. */
  husstil: optional(houseStyleOverrideSchema),
});

export type CommitteeInput = z.output<typeof committeeSchema>;
export type MemberInput = z.output<typeof member>;
export type ScheduleInput = z.output<typeof schedule>;
export type Role = (typeof roles)[number];
