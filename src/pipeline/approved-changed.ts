import path from 'node:path';
import { approvalLogFile, readApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { changeSinceApproval, type ApprovalChange } from '../approval/coverage.js';
import { formatPath } from '../input/key-path.js';
import type { MeetingSources } from '../input/sources.js';
import { itemSources } from '../model/items.js';
import type { Meeting } from '../model/meeting.js';
import type { Finding } from '../shared/errors.js';
import { meetingFor } from './document.js';

/** Minutes changed since a member approved them, otherwise than by an addition: what a build, send and `agenda godkend` refuse. */
export function changedFindings(sources: MeetingSources, meeting: Meeting, log: ApprovalEntry[]): Finding[] {
  const change = changeSinceApproval(meeting, log);
  return change ? [at(sources, placeOf(sources, change), change.message)] : [];
}

/**
 * Where the change stands in the meeting file: the item's entry, and its field where the entry writes it (a
 * standing item's text is in faste-punkter.yaml, the case's decisions at other meetings); the file's top outside
 * the items; the items (`punkter`) where the approval does not tell (recorded before it did) or an item is gone.
 */
function placeOf(sources: MeetingSources, change: ApprovalChange): PropertyKey[] {
  if (change.outside) return [];
  const index = change.item ? entryIndex(sources, change.item.index) : -1;
  if (index < 0) return ['punkter'];
  const field = change.item?.field;
  const entry = sources.meeting.punkter?.[index];
  const written = field !== undefined && entry !== undefined && (Object.hasOwn(entry, field) || Object.hasOwn(entry.afsnit, field));
  return written ? ['punkter', index, field] : ['punkter', index];
}

/** The place in the meeting file's `punkter` of the item at `index` among the items; -1 where the file names it not (a standing item's own). */
export function entryIndex(sources: MeetingSources, index: number): number {
  const entries = sources.meeting.punkter ?? [];
  const entry = itemSources(sources.standingItems.punkter, entries)[index]?.entry;
  return entry ? entries.indexOf(entry) : -1;
}

/** The same, for `agenda check` with every other finding: the members' minutes are made only where a member approved them. */
export async function approvalFindings(dir: string, sources: MeetingSources): Promise<Finding[]> {
  const log = await readApprovalLog(approvalLogFile(dir, sources.date));
  if (log.length === 0) return [];
  const meeting = await meetingFor(sources, 'medlemmer');
  return meeting.kind === 'referat' ? changedFindings(sources, meeting, log) : [];
}

export function at(sources: MeetingSources, where: PropertyKey[], message: string): Finding {
  const file = sources.source?.file ?? path.join(sources.folder.dir, `${sources.date}.yaml`);
  const { line, col } = sources.source?.locate(where) ?? { line: 1, col: 1 };
  return { file, line, col, path: formatPath(where), message };
}
