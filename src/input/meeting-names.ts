import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../shared/errors.js';
import type { Listed } from './folder-listing.js';
import { isRealDate } from '../shared/dates.js';

// A meeting is read from the file named by its date, YYYY-MM-DD.yaml, and from no other: a file saved
// under a name nearly that one would be left out of every build and the site without a word, so it is told.

/** A meeting file's name. */
const meetingName = /^(\d{4}-\d{2}-\d{2})\.yaml$/;

/**
 * A name meant for a meeting file, narrowly: a date (its month and day of one digit or two) and
 * .yaml or .yml in any case, with spaces about them. A send or approval log (2023-11-22.sendt.yaml),
 * a README or the shared files are not.
 */
const nearMiss = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*\.ya?ml\s*$/i;

/** The names in a committee's folder that are not folders, from the run's listing of it where it has one; none where it cannot be listed. */
async function fileNames(dir: string, listed?: Listed): Promise<string[]> {
  const entries = listed ? await listed.entries(dir) : await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  return (entries ?? []).filter((e) => !e.isDirectory()).map((e) => e.name);
}

/** The dates of the meeting files in a folder, in order: only those of the calendar (see misnamedMeetingFiles). */
export async function meetingDates(dir: string): Promise<string[]> {
  const dates = (await readdir(dir).catch((): string[] => [])).flatMap((n) => meetingName.exec(n)?.[1] ?? []);
  return dates.filter(isRealDate).sort();
}

/**
 * The files of a folder that are no meeting's though their names say a date: a name of a date not in
 * the calendar (2023-02-30.yaml) is an error where every meeting file is read (`every`: check of a whole
 * folder, build --all, publish), as a meeting no build can make, and a warning where meetings are named,
 * since it is none of theirs; a near miss (2023-12-6.yaml, 2023-12-13.YAML) a warning naming the file's right name.
 * `listed`: the run's listings (a build's), whose listing of the folder serves here too.
 */
export async function misnamedMeetingFiles(dir: string, every = true, listed?: Listed): Promise<Finding[]> {
  const names = await fileNames(dir, listed);
  return names.sort().flatMap((name): Finding[] => {
    const at = { file: path.join(dir, name), line: 1, col: 1, path: '' };
    const exact = meetingName.exec(name)?.[1];
    if (exact)
      return isRealDate(exact)
        ? []
        : [{ ...at, ...(every ? {} : { warning: true }), message: `${exact} is not a date in the calendar: ${meant}` }];
    const date = nearMissDate(name);
    if (!date) return [];
    const rename = !isRealDate(date)
      ? `${date} is not a date in the calendar`
      : names.includes(`${date}.yaml`)
        ? `${date}.yaml is that meeting's file: move what this one holds into it, and remove this one`
        : `rename it ${date}.yaml`;
    return [{ ...at, warning: true, message: `not read as a meeting: ${meant}; ${rename}` }];
  });
}

/** The date a near miss's name says, its month and day of two digits; none for another name. */
function nearMissDate(name: string): string | undefined {
  const near = nearMiss.exec(name);
  if (!near) return undefined;
  const [, year = '', month = '', day = ''] = near;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The files of a folder named nearly as the meeting file of this date (2023-12-13.yml for 2023-12-13): what the clerk meant, where that file is missing. */
export async function nearMissesOf(dir: string, date: string): Promise<string[]> {
  return (await fileNames(dir)).filter((name) => !meetingName.test(name) && nearMissDate(name) === date).sort();
}

const meant = 'a meeting file is named by its date, YYYY-MM-DD.yaml, exactly';
