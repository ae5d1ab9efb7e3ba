import { z } from 'zod';
import { block, flag, isoDate, list, name, optional } from '../fields.js';

/** A political committee (udvalg) as the calendar and item 1 name it. */
const committee = block({
  /** Short name, as the calendar's meetings and the "Rul" line write it: ØK, KB, BUU ... */
  kort: name,
  /** The committee in definite form: "Kommunalbestyrelsen" ("Temamøde i Kommunalbestyrelsen"). */
  navn: name,
  /** Its meeting: "Kommunalbestyrelsesmøde". */
  møde: name,
});

export const meetingTypes = ['ordinært', 'ekstraordinært', 'temamøde', '1. behandling', '2. behandling'] as const;

const politicalMeeting = block({
  dato: isoDate,
  udvalg: name,
  type: optional(z.enum(meetingTypes)),
  aflyst: optional(flag),
});

/** `kalender.yaml`: the year's political meetings, which item 1 reviews. */
export const calendarSchema = block({
  udvalg: list(committee),
  /**
   * The committees of a cycle (a "Rul") in the order they meet: the first prepares, the last decides
   * and closes the cycle ("Rul december: ØK d. 5/12 2023, KB d. 12/12 2023").
   */
  rul: optional(list(name)),
  møder: list(politicalMeeting),
});

export type CalendarInput = z.output<typeof calendarSchema>;
export type PoliticalMeetingInput = z.output<typeof politicalMeeting>;
export type MeetingType = (typeof meetingTypes)[number];

/** How the meeting file names a political meeting: its committee's short name and its date, "ØK 2023-09-05". */
export function meetingKey(udvalg: string, date: string): string {
  return `${udvalg} ${date}`;
}
