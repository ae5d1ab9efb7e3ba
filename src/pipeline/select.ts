import { UsageError } from '../shared/errors.js';
import { meetingDates } from '../input/load.js';
import { isRealDate } from '../shared/dates.js';

/**
 * The meetings a command names: dates (2023-11-22), ranges of the meeting files in the folder
 * (2023-01-01..2023-12-31), or with `all` every meeting file; in date order, each once.
 */
export async function selectMeetings(dir: string, args: string[], all: boolean): Promise<string[]> {
  if (all && args.length > 0) throw new UsageError('give either dates or --all, not both');
  const files = await meetingDates(dir);
  if (all) return files;
  if (args.length === 0) throw new UsageError(`name the meetings: a date (agenda build 2023-11-22), a range (2023-01-01..2023-06-30) or --all; ${dir} holds ${files.length ? files.join(', ') : 'no meeting files'}`);
  const dates = args.flatMap((arg) => {
    const [from, to, ...rest] = arg.split('..');
    if (to === undefined) return [checkedDate(arg)];
    if (rest.length > 0) throw new UsageError(`${arg}: a range is written FROM..TO`);
    return files.filter((d) => checkedDate(from!) <= d && d <= checkedDate(to));
  });
  if (dates.length === 0) throw new UsageError(`no meeting files in ${dir} for ${args.join(' ')}`);
  return [...new Set(dates)].sort();
}

export function checkedDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${value}: expected a date written YYYY-MM-DD, e.g. 2023-11-22`);
  if (!isRealDate(value)) throw new UsageError(`${value} is not a date in the calendar`);
  return value;
}
