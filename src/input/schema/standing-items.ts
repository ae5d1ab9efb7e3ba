import { z } from 'zod';
import { block, flag, list, optional, text } from '../fields.js';

/** Fixed text of a section: before and after what the meeting adds. Plain text means "before". */
const standingText = z.union([text.transform((før) => ({ før, efter: undefined })), block({ før: optional(text), efter: optional(text) })]);

const standingItem = block({
  id: text,
  titel: text,
  /** Standing items go before the meeting's own items, or after them with `sidst`. */
  placering: optional(z.enum(['først', 'sidst'])),
  sagsgang: optional(text),
  lukket: optional(flag),
  /** This item shows the forward plan: the coming meetings and the points awaiting a date. */
  kommende_møder: optional(flag),
  /** This item reviews the political calendar: the Rul line and the political meetings around the meeting. */
  politisk_kalender: optional(flag),
  /** The forward plan's points for the meeting's day land in this item's timetable. */
  fra_plan: optional(flag),
  /** What `agenda new` writes into this item's sagsfremstilling for the clerk to fill in. */
  skabelon: optional(text),
  sagsfremstilling: optional(standingText),
  økonomiske_konsekvenser: optional(standingText),
  indstilling: optional(standingText),
});

/** `faste-punkter.yaml`: the items on every agenda, with their recurring text. */
export const standingItemsSchema = block({ punkter: list(standingItem) }).superRefine(({ punkter }, ctx) => {
  // A meeting fills in a standing item by its id: given twice, the item would print twice.
  punkter.forEach((item, i) => {
    const first = punkter.findIndex((other) => other.id === item.id);
    if (first < i) ctx.addIssue({ code: 'custom', message: `the id ${item.id} is given already (punkter[${first}]): each standing item needs its own`, path: ['punkter', i, 'id'] });
  });
});

export type StandingItemsInput = z.output<typeof standingItemsSchema>;
export type StandingItemInput = z.output<typeof standingItem>;
export type StandingText = z.output<typeof standingText>;
