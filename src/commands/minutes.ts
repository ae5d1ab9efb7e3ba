import { readFile } from 'node:fs/promises';
import { loadMeeting } from '../check/check.js';
import { minutesDraft } from '../drafts/minutes.js';
import { UsageError } from '../errors.js';
import { mainSectionKey } from '../input/house-style.js';
import { meetingFile } from '../input/load.js';
import { placeholder } from '../input/placeholder.js';
import { writeAtomically } from '../output.js';
import { chooseCommitteeOf, type CommitteeChoice } from '../input/repository.js';
import { checkedDate } from './select.js';

export type MinutesOptions = CommitteeChoice;

/** `agenda minutes <date>`: the meeting file becomes the minutes draft, a decision under each item. */
export async function minutesCommand(dateArg: string, options: MinutesOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const file = meetingFile(folder.dir, date);
  const { sources } = await loadMeeting(folder, date);
  const draft = minutesDraft(await readFile(file, 'utf8'), sources.meeting, sources.standingItems.punkter, mainSectionKey(sources.style.afsnit));
  if (!draft) throw new UsageError(`${file} has a beslutning under every item already: it is the minutes`);
  await writeAtomically(file, draft.yaml);
  process.stdout.write(`${file}: added a beslutning to ${draft.added} items; write over each ${placeholder}, then agenda build ${date} gives the minutes (referat)\n`);
}
