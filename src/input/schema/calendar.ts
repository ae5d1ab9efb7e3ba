import { z } from 'zod';
import { block, flag, isoDate, list, name, optional } from '../fields.js';

/** A political committee (udvalg) as the calendar and item 1 name it. */
const committee = block({
  kort: name.describe('The short name the meetings and the Rul line write: ØK, KB, BUU ...'),
  navn: name.describe('The committee in definite form: Kommunalbestyrelsen (as in "Temamøde i Kommunalbestyrelsen").'),
  møde: name.describe('Its meeting: Kommunalbestyrelsesmøde.'),
});

export const meetingTypes = ['ordinært', 'ekstraordinært', 'temamøde', '1. behandling', '2. behandling'] as const;

const politicalMeeting = block({
  dato: isoDate.describe('The day of the meeting, YYYY-MM-DD.'),
  udvalg: name.describe('The committee that meets: its short name (kort) in udvalg above.'),
  type: optional(z.enum(meetingTypes)).describe(`The kind of meeting: ${meetingTypes.join(', ')}; default ordinært.`),
  aflyst: optional(flag).describe('true: the meeting is cancelled (aflyst).'),
});

/** `kalender.yaml`: the year's political meetings, which item 1 reviews. */
export const calendarSchema = block({
  udvalg: list(committee).describe('The political committees: kort, navn and møde of each.'),
  rul: optional(list(name)).describe(
    'The committees of a cycle (a Rul) in the order they meet, by short name: the first prepares, the last decides and closes the cycle ' +
      '("Rul december: ØK d. 5/12 2023, KB d. 12/12 2023").',
  ),
  møder: list(politicalMeeting).describe("The year's political meetings: dato, udvalg, and type or aflyst where it applies."),
});

export type CalendarInput = z.output<typeof calendarSchema>;
export type PoliticalMeetingInput = z.output<typeof politicalMeeting>;
export type MeetingType = (typeof meetingTypes)[number];

/** How the meeting file names a political meeting: its committee's short name and its date, "ØK 2023-09-05". */
export function meetingKey(udvalg: string, date: string): string {
  return `${udvalg} ${date}`;
}
