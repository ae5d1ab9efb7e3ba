import { z } from 'zod';
import { block, blockWithSections, closedFlag, flag, list, name, optional, text } from '../fields.js';

/** Fixed text of a section: before and after what the meeting adds. Plain text means "before". */
const standingText = z.union([
  text.transform((før) => ({ før, efter: undefined })),
  block({
    før: optional(text).describe('The fixed text before what the meeting writes.'),
    efter: optional(text).describe('The fixed text after what the meeting writes.'),
  }),
]);

const standingItemShape = {
  id: name.describe('The id a meeting fills the item in by: fast: <id>.'),
  titel: name.describe("The item's title."),
  placering: optional(z.enum(['først', 'sidst'])).describe("først (default): before the meeting's own items; sidst: after them."),
  sagsgang: optional(name).describe("The case route, e.g. DIR; default the committee's."),
  lukket: closedFlag.optional().describe('true: a closed item (Lukket sag); default open (Åben sag).'),
  kommende_møder: optional(flag).describe('true: this item shows the forward plan: the coming meetings and the points awaiting a date.'),
  politisk_kalender: optional(flag).describe(
    'true: this item reviews the political calendar: the Rul line and the political meetings around it.',
  ),
  fra_plan: optional(flag).describe("true: the forward plan's points for the meeting's day land in this item's timetable."),
  skabelon: optional(text).describe("What agenda new writes into this item's sagsfremstilling for the clerk to fill in."),
  sag: optional(name).describe('The case (journal number) this standing item takes up at every meeting.'),
};

/** `faste-punkter.yaml`: the items on every agenda, with their recurring text in the house's sections. */
export function standingItemsSchemaFor(sectionKeys: string[]) {
  const item = blockWithSections(standingItemShape, sectionKeys, standingText);
  const punkter = list(item).describe('The standing items, in the order they stand on the agenda.');
  return block({ punkter }).superRefine(({ punkter }, ctx) => {
    // A meeting fills in a standing item by its id: given twice, the item would print twice.
    punkter.forEach((item, i) => {
      const first = punkter.findIndex((other) => other.id === item.id);
      if (first < i)
        ctx.addIssue({
          code: 'custom',
          message: `the id ${item.id} is given already (punkter[${first}]): each standing item needs its own`,
          path: ['punkter', i, 'id'],
        });
    });
  });
}

export type StandingItemsInput = z.output<ReturnType<typeof standingItemsSchemaFor>>;
export type StandingItemInput = StandingItemsInput['punkter'][number];
export type StandingText = z.output<typeof standingText>;
