import { createHash } from 'node:crypto';
import type { Meeting } from '../model/meeting.js';
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
}

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
  };
}

/** The latest approval that says what it covered: the text approved last. */
function lastCovered(log: ApprovalEntry[]): ApprovalEntry | undefined {
  return log.findLast((e) => e.indhold !== undefined);
}

/**
 * Why the minutes may not stand as they are: once a member has approved them, their text may only
 * grow by additions (tilføjelser), and an addition approved stays as it was. Undefined: they may.
 */
export function changeSinceApproval(meeting: Meeting, log: ApprovalEntry[]): string | undefined {
  const approved = lastCovered(log);
  if (!approved) return undefined;
  const now = coverageOf(meeting);
  const since = `since ${approved.medlem} approved them on ${approved.tid}`;
  if (![now.indhold, coverageOf(meeting, true).indhold].includes(approved.indhold ?? ''))
    return `the minutes' text has changed ${since}: approved minutes change only by an addition (tilføjelser: under the item, with dato and tekst); undo the change, and write it as an addition`;
  const kept = [...now.tilføjelser, ...coverageOf(meeting, true).tilføjelser];
  const gone = (approved.tilføjelser ?? []).filter((h) => !kept.includes(h));
  if (gone.length > 0)
    return `an addition (tilføjelser) was changed or removed ${since}: an approved addition stays as it was; write a new one`;
  return undefined;
}

/** Whether the approval is of the content as it stands now (the public page names those), read either way coverageOf reads it. */
export function coversNow(entry: ApprovalEntry, meeting: Meeting): boolean {
  return [coverageOf(meeting), coverageOf(meeting, true)].some(
    (now) => entry.indhold === now.indhold && JSON.stringify(entry.tilføjelser ?? []) === JSON.stringify(now.tilføjelser),
  );
}
