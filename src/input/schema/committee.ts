import { z } from 'zod';
import { block, clock, email, given, isoDate, list, name, namePart, notBefore, optional, text, weekday } from '../fields.js';
import { houseStyleOverrideSchema } from './house-style.js';
import { participant } from './participant.js';

export const roles = ['formand', 'næstformand'] as const;

/**
 * A member for a period (`fra`, `til`): a person in a seat with a title (Direktionen's
 * "Kommunaldirektør"; a seat with nobody in office on the day reads "Vakant"), or a politician with a
 * party letter and a role. Both may be listed in one committee.
 */
const member = block({
  titel: optional(name).describe("The seat's title: Kommunaldirektør."),
  navn: name.describe("The member's name."),
  parti: optional(name).describe('The party letter: A, V, F ... (Jan Petersen (A)).'),
  rolle: optional(z.enum(roles)).describe(`The member's role: ${roles.join(' or ')}.`),
  fra: optional(isoDate).describe('The first day in the seat; default always.'),
  til: optional(isoDate).describe('The last day in the seat; default always.'),
  email: optional(email).describe('Where agenda send sends the documents.'),
}).refine(...notBefore('fra', 'til'));

const maxScheduleYears = 10;
const rhythmKeys = ['ugedag', 'fra', 'til'] as const;
const wholeRhythm = 'a weekday rhythm needs ugedag, fra and til';
const noMeetings = 'a mødeplan needs a weekday (ugedag, fra, til) or a list of datoer';

/** A meeting off the weekday rhythm, with its own time and room where they differ. */
const dated = z.union([
  isoDate.transform((dato) => ({ dato, start: undefined, slut: undefined, sted: undefined })),
  block({
    dato: isoDate.describe('The day of the meeting.'),
    start: optional(clock).describe('Its start time, where it differs.'),
    slut: optional(clock).describe('Its end time, where it differs.'),
    sted: optional(name).describe('Its room, where it differs.'),
  }),
]);

/**
 * The committee's meetings: a weekday over a period (`ugedag`, `fra`, `til`), and/or a list of dates
 * (`datoer`), less the cancelled ones, plus extra dates and moves.
 */
const schedule = block({
  ugedag: optional(weekday).describe('The weekday the committee meets, from fra to til.'),
  fra: optional(isoDate).describe('The first day of the weekday rhythm.'),
  til: optional(isoDate).describe('The last day of the weekday rhythm.'),
  datoer: optional(list(dated)).describe('Meetings on dates of their own: a date, or dato with start, slut and sted.'),
  aflyst: optional(
    list(block({ dato: isoDate.describe("The cancelled meeting's date."), årsag: optional(text).describe('Why: Efterårsferie.') })),
  ).describe('Cancelled meetings.'),
  ekstra: optional(list(isoDate)).describe("Extra meetings' dates."),
  flyttet: optional(
    list(block({ fra: isoDate.describe('The day it was to be held.'), til: isoDate.describe('The day it is held.') })),
  ).describe('Meetings moved to another day: held on til instead of fra.'),
})
  .refine(...notBefore('fra', 'til'))
  // Every meeting of the span is worked out: a year typo (2923 for 2023) would take minutes and memory.
  .refine((s) => s.fra === undefined || s.til === undefined || Number(s.til.slice(0, 4)) - Number(s.fra.slice(0, 4)) <= maxScheduleYears, {
    error: `the schedule spans more than ${maxScheduleYears} years: is the year a typo? (a longer one is written as a new mødeplan then)`,
    path: ['til'],
  })
  .superRefine((s, ctx) => {
    const rhythm = rhythmKeys.filter((key) => s[key] !== undefined).length;
    if (rhythm > 0 && rhythm < 3) {
      for (const key of rhythmKeys) if (s[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: wholeRhythm });
    }
    if (rhythm === 0 && s.datoer === undefined) ctx.addIssue({ code: 'custom', path: ['datoer'], message: noMeetings });
  })
  .meta({
    allOf: [
      ...rhythmKeys.map((key) => ({ if: given(key), then: { allOf: rhythmKeys.map((k) => given(k, wholeRhythm)) } })),
      { anyOf: [...rhythmKeys, 'datoer'].map((key) => given(key, noMeetings)) },
    ],
  });

/** `udvalg.yaml`: who meets, where and when. */
export const committeeSchema = block({
  navn: name.describe("The committee's name: Direktionen, Økonomiudvalget."),
  genitiv: optional(name).describe(
    "The committee's name in the genitive, for the house's {udvalgs}: default its name with an s (not after s, x or z): Økonomiudvalgets.",
  ),
  kort: optional(namePart).describe("The short name commands and documents' names use (--udvalg ØK); default the folder's name."),
  kommune: optional(name).describe("The municipality; default kommune.yaml's navn."),
  sted: name.describe('Where the committee meets: the room.'),
  start: clock.describe('When its meetings start: 9:00.'),
  slut: optional(clock).describe('When its meetings end: 17:00; none where the house never prints an end time.'),
  sagsgang: optional(name).describe('The case route its items show: DIR.'),
  medlemmer: z.array(member).min(1).describe('The members: navn with titel, or parti and rolle; fra and til for a period.'),
  deltagere: optional(list(participant)).describe(
    'Who takes part besides the members (sekretær, referent): a name, or navn and rolle; never mailed as members nor counted in votes.',
  ),
  mødeplan: optional(schedule).describe('When it meets: ugedag from fra to til, and/or datoer; less aflyst, plus ekstra and flyttet.'),
  husstil: optional(houseStyleOverrideSchema).describe("This committee's own house style, over the municipality's."),
});

export type CommitteeInput = z.output<typeof committeeSchema>;
export type MemberInput = z.output<typeof member>;
export type ScheduleInput = z.output<typeof schedule>;
export type Role = (typeof roles)[number];
