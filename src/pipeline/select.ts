import { UsageError } from '../shared/errors.js';
import { meetingDates } from '../input/meeting-names.js';
import type { CommitteeFolder } from '../input/repository.js';
import { isRealDate } from '../shared/dates.js';

/** A meeting a command works on: a committee's and a date. */
export interface Target {
  folder: CommitteeFolder;
  date: string;
}

/**
 * The meetings a command names: dates (2023-11-22), ranges of the meeting files (2023-01-01..2023-12-31),
 * or with `all` every meeting file; in each committee's folder, in date order, each once. Of several
 * committees, a date counts where the committee has a meeting file of it; of one, always (so a
 * missing file is told as such).
 */
export async function selectTargets(folders: CommitteeFolder[], args: string[], all: boolean): Promise<Target[]> {
  if (all && args.length > 0) throw new UsageError('give either dates or --all, not both');
  const targets: Target[] = [];
  for (const folder of folders) {
    const files = await meetingDates(folder.dir);
    if (!all && args.length === 0)
      throw new UsageError(
        `name the meetings: a date (agenda build 2023-11-22), a range (2023-01-01..2023-06-30) or --all; ${folder.dir} holds ${files.length ? files.join(', ') : 'no meeting files'}`,
      );
    const dates = all ? files : args.flatMap((arg) => datesOf(arg, files, folders.length === 1));
    targets.push(...[...new Set(dates)].sort().map((date) => ({ folder, date })));
  }
  if (targets.length === 0)
    throw new UsageError(`no meeting files in ${folders.map((f) => f.dir).join(', ')}${args.length ? ` for ${args.join(' ')}` : ''}`);
  return targets;
}

function datesOf(arg: string, files: string[], keepMissing: boolean): string[] {
  const [from = '', to, ...rest] = arg.split('..');
  if (to === undefined) return keepMissing || files.includes(checkedDate(arg)) ? [checkedDate(arg)] : [];
  if (rest.length > 0) throw new UsageError(`${arg}: a range is written FROM..TO`);
  return files.filter((d) => checkedDate(from) <= d && d <= checkedDate(to));
}

export function checkedDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${value}: expected a date written YYYY-MM-DD, e.g. 2023-11-22`);
  if (!isRealDate(value)) throw new UsageError(`${value} is not a date in the calendar`);
  return value;
}
