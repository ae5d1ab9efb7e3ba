import { z } from 'zod';
import { block, isoDate, list, notBefore, optional, text } from '../fields.js';

/**
 * A planned point: its text, or its text with the meeting dates from which it is on (`tilføjet`) and
 * off (`fjernet`) the plan, so an old agenda is rebuilt with the plan as it stood then.
 */
const plannedPoint = z.union([
  text.transform((tekst) => ({ tekst, tilføjet: undefined, fjernet: undefined })),
  block({ tekst: text, tilføjet: optional(isoDate), fjernet: optional(isoDate) }).refine(...notBefore('tilføjet', 'fjernet')),
]);

/** `plan.yaml`: the forward plan (punkter til kommende møder), by meeting date, and the points awaiting a date. */
export const forwardPlanSchema = block({
  møder: optional(list(block({ dato: isoDate, punkter: list(plannedPoint) }))),
  afventer_dato: optional(list(plannedPoint)),
});

export type ForwardPlanInput = z.output<typeof forwardPlanSchema>;
export type PlannedPointInput = z.output<typeof plannedPoint>;
