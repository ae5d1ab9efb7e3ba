import { createHash } from 'node:crypto';
import type { Item, Meeting } from '../model/meeting.js';
import type { ApprovalEntry } from './approval-log.js';

/**
 * What an approval covers, kept with it in the log: the SHA-256 of the minutes' content without
 * their additions (indhold), and of each addition (tilføjelser). The PDF's own SHA-256 cannot tell
 * a changed text from an addition, as both change every byte; these can, and they do not change with
 * a comment or a recipient added to the meeting file, which the document does not print.
 */
export interface Coverage {
  indhold: string;
  tilføjelser: string[];
  /** Each item's fields (itemFields), so that a refusal names the item and field that changed; none in an approval an earlier version recorded. */
  punkter?: ItemFields[];
}

/**
 * An item's fields as the members read them, each by its key in the meeting file, with the first 12 hex digits
 * of its SHA-256: enough to tell which field changed. `indhold` binds the approval; these only tell where.
 */
type ItemFields = Record<string, string>;

/** Keys no part of what the minutes say: where an attachment's file is named in the meeting file (at). */
const unsaid = new Set(['at']);
/** Keys of what the public is told of a closed thing (its public title, why an attachment is closed): not the members' text. */
const publicOnly = new Set([...unsaid, 'publicTitle', 'publicNote']);

const sha256 = (value: unknown, left: Set<string>, open = false) =>
  createHash('sha256')
    .update(JSON.stringify(value, (key, v: unknown) => (left.has(key) ? undefined : open && key === 'lukket' ? false : v)))
    .digest('hex');

/**
 * The members' minutes' coverage, as they stand: `indhold` as the members read it whatever is closed
 * (every `lukket` read as open, the public's titles and notes left out), so that closing a thing after
 * an approval, which changes what the public gets and never what the members approved, voids none.
 * `exact`: with what is closed, as approvals recorded it before 7 December (and publicContent).
 */
export function coverageOf(meeting: Meeting, exact = false): Coverage {
  const { items, members, seats, absent, kind, date, committee, place, start, end } = meeting;
  const content = { kind, date, committee, place, start, end, members, seats, absent, items: items.map((i) => ({ ...i, additions: [] })) };
  const [left, open] = exact ? [unsaid, false] : [publicOnly, true];
  return {
    indhold: sha256(content, left, open),
    tilføjelser: items.flatMap((item) => item.additions.map((a) => sha256({ item: item.number, ...a }, left, open))),
    ...(exact ? {} : { punkter: items.map(itemFields) }),
  };
}

/** The meeting file's key of an item's field where the model names it otherwise: what the clerk writes, or what brings it in. */
const fileKeys: Partial<Record<string, string>> = {
  title: 'titel',
  document: 'dokumentnummer',
  treatments: 'tidligere_behandlinger',
  forwardPlan: 'fast',
  politicalReview: 'bemærkninger',
  subItems: 'underpunkter',
  earlierDecisions: 'sag',
  vote: 'afstemning',
  dissent: 'protokoltilførsel',
  addendum: 'tillæg',
};
/** Not the item's text, or told otherwise: its number (its place), whether it is closed, its additions (tilføjelser), its sections (by their own keys). */
const notFields = new Set<string>([...publicOnly, 'number', 'lukket', 'additions', 'sections', 'notTakingPart']);

/** The item's fields that say anything, each hashed as `indhold` reads it (coverageOf); a section by its key, who took no part by the key that says why. */
function itemFields(item: Item): ItemFields {
  const fields = new Map<string, unknown[]>();
  const add = (key: string, value: unknown) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) fields.set(key, [...(fields.get(key) ?? []), value]);
  };
  for (const [key, value] of Object.entries(item)) if (!notFields.has(key)) add(fileKeys[key] ?? key, value);
  for (const why of ['fraværende', 'inhabil'] as const)
    add(
      why,
      item.notTakingPart.filter((n) => n.reason === why),
    );
  for (const section of item.sections) if (section.before ?? section.text ?? section.after) add(section.key, section);
  return Object.fromEntries([...fields].map(([key, values]) => [key, sha256(values, publicOnly, true).slice(0, 12)]));
}

/** Where the items differ from those approved: the first item that does (with its field, where only one does), or an item gone from the end. */
function changedItem(approved: ItemFields[], now: ItemFields[]): ApprovalChange['item'] {
  for (const [index, fields] of now.entries()) {
    const before = approved[index] ?? {};
    const differ = [...new Set([...Object.keys(before), ...Object.keys(fields)])].filter((key) => before[key] !== fields[key]);
    if (differ.length === 1) return { index, field: differ[0] };
    if (differ.length > 1 || approved[index] === undefined) return { index };
  }
  return approved.length > now.length ? { index: now.length } : undefined;
}

/** The latest approval that says what it covered: the text approved last. */
function lastCovered(log: ApprovalEntry[]): ApprovalEntry | undefined {
  return log.findLast((e) => e.indhold !== undefined);
}

/** Why the minutes may not stand as they are, and where, where the approval tells: the item (its index among the items) and its field. */
export interface ApprovalChange {
  message: string;
  item?: { index: number; field?: string | undefined };
  /** Outside the items: the place, the times, who took part. */
  outside?: boolean;
}

/**
 * Why the minutes may not stand as they are: once a member has approved them, their text may only
 * grow by additions (tilføjelser), and an addition approved stays as it was. Undefined: they may.
 */
export function changeSinceApproval(meeting: Meeting, log: ApprovalEntry[]): ApprovalChange | undefined {
  const approved = lastCovered(log);
  if (!approved) return undefined;
  const now = coverageOf(meeting);
  const since = `since ${approved.medlem} approved them on ${approved.tid}`;
  const onlyAdditions =
    'approved minutes change only by an addition (tilføjelser: under the item, with dato and tekst); undo the change, and write it as an addition';
  if (![now.indhold, coverageOf(meeting, true).indhold].includes(approved.indhold ?? '')) {
    const changed = approved.punkter && changedItem(approved.punkter, now.punkter ?? []);
    const item = changed && meeting.items[changed.index];
    if (!approved.punkter) return { message: `the minutes' text has changed ${since}: ${onlyAdditions}` };
    if (!changed)
      return {
        message: `the minutes' text outside the items (the place, the times, who took part) has changed ${since}: ${onlyAdditions}`,
        outside: true,
      };
    if (!item) return { message: `item ${changed.index + 1} was removed ${since}: ${onlyAdditions}` };
    return { message: `item ${item.number} (${item.title}) has changed ${since}: ${onlyAdditions}`, item: changed };
  }
  const kept = [...now.tilføjelser, ...coverageOf(meeting, true).tilføjelser];
  const gone = (approved.tilføjelser ?? []).filter((h) => !kept.includes(h));
  if (gone.length > 0)
    return { message: `an addition (tilføjelser) was changed or removed ${since}: an approved addition stays as it was; write a new one` };
  return undefined;
}

/** Whether the approval is of the content as it stands now (the public page names those), read either way coverageOf reads it. */
export function coversNow(entry: ApprovalEntry, meeting: Meeting): boolean {
  return [coverageOf(meeting), coverageOf(meeting, true)].some(
    (now) => entry.indhold === now.indhold && JSON.stringify(entry.tilføjelser ?? []) === JSON.stringify(now.tilføjelser),
  );
}
