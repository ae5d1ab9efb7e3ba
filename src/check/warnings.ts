import type { Finding } from '../shared/errors.js';
import type { CommitteeInput } from '../input/schema/committee.js';
import type { ForwardPlanInput } from '../input/schema/forward-plan.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import { formatPath } from '../input/key-path.js';
import type { YamlFile } from '../input/yaml-file.js';
import { weekdays } from '../input/fields.js';
import { weekdayOf } from '../shared/dates.js';
import { scheduledDates } from '../input/schedule.js';
import { draftWarnings } from './draft.js';

// Things a clerk should look at that do not stop a build.

type Warn = (path: PropertyKey[], message: string) => void;

function collector(source: YamlFile): { findings: Finding[]; warn: Warn } {
  const findings: Finding[] = [];
  const warn: Warn = (path, message) =>
    findings.push({ file: source.file, ...source.locate(path), path: formatPath(path), message, warning: true });
  return { findings, warn };
}

// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- weekdayOf gives 1..7, and there are seven weekdays
const weekdayName = (date: string) => weekdays[weekdayOf(date) - 1]!;

/** Dates the committee meets on, by its schedule; undefined without a schedule. */
function meetingDays(committee: CommitteeInput): Set<string> | undefined {
  return committee.mødeplan && new Set(scheduledDates(committee.mødeplan).flatMap((s) => (s.cancelled ? [] : [s.date])));
}

/** Points planned for a date on which the committee does not meet. */
export function planWarnings(committee: CommitteeInput, plan: ForwardPlanInput, source: YamlFile): Finding[] {
  const days = meetingDays(committee);
  const { findings, warn } = collector(source);
  (plan.møder ?? []).forEach((m, i) => {
    if (days && !days.has(m.dato) && m.punkter.length > 0)
      warn(['møder', i, 'dato'], `${committee.navn} has no meeting on ${weekdayName(m.dato)} ${m.dato} by its mødeplan`);
  });
  return findings;
}

export function meetingWarnings(date: string, committee: CommitteeInput, meeting: MeetingInput, source: YamlFile): Finding[] {
  const { findings, warn } = collector(source);
  // A file with nothing in it (or comments only) is valid, and builds the standing items alone, without a word.
  if (source.data === null || source.data === undefined) warn([], emptyMeeting);
  const days = meetingDays(committee);
  if (days && !days.has(date)) warn([], `${committee.navn} does not meet on ${weekdayName(date)} ${date} by its mødeplan`);
  (meeting.punkter ?? []).forEach((item, i) => {
    attachmentWarnings(item, (path, message) => warn(['punkter', i, ...path], message));
    slotWarnings(item.tidsplan ?? [], (path, message) => warn(['punkter', i, 'tidsplan', ...path], message));
  });
  return [...findings, ...draftWarnings(source)];
}

const emptyMeeting =
  'the meeting file is empty (or holds comments only): the meeting has its standing items alone; write its punkter, or remove the file';

function attachmentWarnings(item: NonNullable<MeetingInput['punkter']>[number], warn: Warn): void {
  const seen = new Map<number, number>();
  (item.bilag ?? []).forEach((b, j) => {
    const nummer = b.nummer ?? j + 1;
    const at = b.nummer === undefined ? ['bilag', j] : ['bilag', j, 'nummer'];
    if (seen.has(nummer)) warn(at, `attachment number ${nummer} is used twice (also bilag[${seen.get(nummer)}])`);
    // A closed attachment needs no offentlig_note: published agendas print an untitled closed
    // attachment as "(Lukket bilag)" with no reason, so the note is the clerk's choice, not a lack.
    seen.set(nummer, j);
  });
}

/**
 * Timetable rows whose time comes before the row above. The times are not quoted: a row may be
 * closed, and the warnings of a public build must not carry what it leaves out.
 */
function slotWarnings(slots: Array<{ tid?: string }>, warn: Warn): void {
  let previous: { minutes: number; row: number } | undefined;
  slots.forEach((slot, j) => {
    const m = slot.tid === undefined ? null : /^(\d{1,2})[.:](\d{2})/.exec(slot.tid);
    if (!m) return;
    const minutes = Number(m[1]) * 60 + Number(m[2]);
    if (previous && minutes < previous.minutes) warn([j, 'tid'], `this time comes before the time of tidsplan[${previous.row}] above`);
    previous = { minutes, row: j };
  });
}
