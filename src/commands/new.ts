import path from 'node:path';
import { chooseCommittee } from '../input/repository.js';
import { writeFile } from 'node:fs/promises';
import { readSharedSources } from '../pipeline/sources.js';
import type { SharedSources } from '../input/sources.js';
import { nextScheduledDate, newMeetingYaml } from '../drafts/new-meeting.js';
import { EnvironmentError, UsageError } from '../shared/errors.js';
import { meetingFile } from '../input/load.js';
import { meetingDates, nearMissesOf } from '../input/meeting-names.js';
import { placeholder, unfilledPaths } from '../input/placeholder.js';
import { parseYaml } from '../input/yaml-file.js';
import { plusDays, today } from '../shared/dates.js';
import { writeSchema, schemaFileName } from './schema.js';
import { checkedDate } from '../pipeline/select.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type NewOptions = OptionsOf<'new'>;

/**
 * `agenda new [date]`: a meeting file for the clerk to fill in, for the date given or the next
 * meeting on the schedule after the latest meeting file. It never overwrites a file.
 */
export async function newCommand(dateArg: string | undefined, options: NewOptions): Promise<void> {
  const folder = await chooseCommittee(options);
  const { dir } = folder;
  const shared = await readSharedSources(folder);
  const date = dateArg === undefined ? await defaultDate(dir, shared) : checkedDate(dateArg);
  const file = meetingFile(dir, date);
  // A meeting saved under a name nearly its own is not read: a fresh draft beside it would hide it the more.
  const [near] = await nearMissesOf(dir, date);
  if (near)
    throw new UsageError(
      `${path.join(dir, near)} is this meeting, not read under that name: rename it ${date}.yaml rather than write a new one`,
    );
  await writeSchema(dir, shared);
  const yaml = newMeetingYaml(shared, date, schemaFileName);
  await writeFile(file, yaml, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST')
      throw new UsageError(`${file} exists already: agenda new never overwrites a meeting (edit it, or delete it first)`);
    throw new EnvironmentError(`cannot write ${file}: ${err.message}`);
  });
  // Counted as agenda check counts them, a text each: a skabelon's text may say it on several lines.
  const left = unfilledPaths(parseYaml(file, yaml).data).length;
  process.stdout.write(
    `wrote ${file}: write over ${placeholder} in its ${left} ${left === 1 ? 'text' : 'texts'} (agenda check ${date} lists those left), then agenda build ${date}\n`,
  );
}

async function defaultDate(dir: string, shared: SharedSources): Promise<string> {
  const latest = (await meetingDates(dir)).at(-1) ?? plusDays(today(), -1);
  const next = nextScheduledDate(shared, latest);
  if (!next) throw new UsageError(`no meeting on the schedule in udvalg.yaml after ${latest}: give the date, e.g. agenda new 2024-01-10`);
  return next;
}
