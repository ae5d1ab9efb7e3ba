import { z } from 'zod';
import { block, blockWithSections, flag, list, name, optional, text } from '../fields.js';

/** Fixed text of a section: before and after what the meeting adds. Plain text means "before". */
const standingText = z.union([text.transform((før) => ({ før, efter: undefined })), block({ før: optional(text), efter: optional(text) })]);

const standingItemShape = {
  id: name,
  titel: name,
  /** Standing items go before the meeting's own items, or after them with `sidst`. */
  placering: optional(z.enum(['først', 'sidst'])),
  sagsgang: optional(name),
  lukket: optional(flag),
  /** This item shows the forward plan: the coming meetings and the points awaiting a date. */
  kommende_møder: optional(flag),
  /** This item reviews the political calendar: the Rul line and the political meetings around the meeting. */
  politisk_kalender: optional(flag),
  /** The forward plan's points for the meeting's day land in this item's timetable. */
  fra_plan: optional(flag),
  /** What `agenda new` writes into this item's sagsfremstilling for the clerk to fill in. */
  skabelon: optional(text),
  /** The case this standing item takes up at every meeting. */
  sag: optional(name),
};

/** `faste-punkter.yaml`: the items on every agenda, with their recurring text in the house's sections. */
export function standingItemsSchemaFor(sectionKeys: string[]) {
  return block({ punkter: list(blockWithSections(standingItemShape, sectionKeys, standingText)) }).superRefine(({ punkter }, ctx) => {
    // A meeting fills in a standing item by its id: given twice, the item would print twice.
    punkter.forEach((item, i) => {
      const first = punkter.findIndex((other) => other.id === item.id);
      if (first < i) ctx.addIssue({ code: 'custom', message: `the id ${item.id} is given already (punkter[${first}]): each standing item needs its own`, path: ['punkter', i, 'id'] });
    });
  });
}

export type StandingItemsInput = z.output<ReturnType<typeof standingItemsSchemaFor>>;
export type StandingItemInput = StandingItemsInput['punkter'][number];
export type StandingText = z.output<typeof standingText>;
