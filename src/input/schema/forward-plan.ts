import { z } from 'zod';
import { block, closedFlag, isoDate, list, notBefore, optional, text } from '../fields.js';

/**
 * A planned point: its text, or its text with the meeting dates from which it is on (`tilføjet`) and
 * off (`fjernet`) the plan, so an old agenda is rebuilt with the plan as it stood then, and whether it
 * is closed (`lukket`): a closed case planned for a coming meeting is shown to the members only.
 */
const plannedPoint = z.union([
  text.transform((tekst) => ({ tekst, lukket: undefined, tilføjet: undefined, fjernet: undefined })),
  block({
    tekst: text.describe('The point as the plan lists it.'),
    lukket: closedFlag
      .optional()
      .describe('true: a closed point: the members\' version shows it marked closed, the public version as "Lukket punkt".'),
    tilføjet: optional(isoDate).describe('The date of the first meeting whose agenda shows the point.'),
    fjernet: optional(isoDate).describe('The date of the meeting from which the point is off the plan.'),
  }).refine(...notBefore('tilføjet', 'fjernet')),
]);

/** `plan.yaml`: the forward plan (punkter til kommende møder), by meeting date, and the points awaiting a date. */
export const forwardPlanSchema = block({
  møder: optional(
    list(
      block({
        dato: isoDate.describe('The date of the coming meeting.'),
        punkter: list(plannedPoint).describe('The points planned for that meeting.'),
      }),
    ),
  ).describe('The coming meetings with their planned points, by date.'),
  afventer_dato: optional(list(plannedPoint)).describe('The points awaiting a date.'),
});

export type ForwardPlanInput = z.output<typeof forwardPlanSchema>;
export type PlannedPointInput = z.output<typeof plannedPoint>;
