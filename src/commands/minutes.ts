import { readFile } from 'node:fs/promises';
import { readMeetingSources } from '../pipeline/sources.js';
import { minutesDraft } from '../drafts/minutes.js';
import { UsageError } from '../shared/errors.js';
import { mainSectionKey } from '../input/house-style.js';
import { chooseCommitteeOf } from '../input/repository.js';
import { meetingFile } from '../input/load.js';
import { placeholder } from '../input/placeholder.js';
import { writeAtomically } from '../shared/files.js';
import { checkedDate } from '../pipeline/select.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type MinutesOptions = OptionsOf<'minutes'>;

/** `agenda minutes <date>`: the meeting file becomes the minutes draft, a decision under each item. */
export async function minutesCommand(dateArg: string, options: MinutesOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const file = meetingFile(folder.dir, date);
  const { sources } = await readMeetingSources(folder, date);
  const draft = minutesDraft(
    file,
    await readFile(file, 'utf8'),
    sources.meeting,
    sources.standingItems.punkter,
    mainSectionKey(sources.style.afsnit),
  );
  if (!draft) throw new UsageError(`${file} has a beslutning under every item already: it is the minutes`);
  await writeAtomically(file, draft.yaml);
  process.stdout.write(
    `${file}: added a beslutning to ${draft.added} items; write over each ${placeholder}, then agenda build ${date} gives the minutes (referat)\n`,
  );
}
