import { chooseCommitteeOf } from '../input/repository.js';
import { readMeetingSources } from '../pipeline/sources.js';
import { UsageError } from '../shared/errors.js';
import { archiveDir, hasArchive, writeArchive } from '../input/archive.js';
import { meetingFor } from '../pipeline/document.js';
import { checkedDate } from '../pipeline/select.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type FinalizeOptions = OptionsOf<'finalize'>;

/**
 * `agenda finalize <date>`: the meeting's documents have gone out. Its shared files are archived as
 * they stand, and its builds read those from now on; the meeting's own file still counts, so the
 * decisions can be written in for the minutes.
 */
export async function finalizeCommand(dateArg: string, options: FinalizeOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const { dir } = folder;
  const archive = archiveDir(dir, date);
  if (await hasArchive(dir, date)) throw new UsageError(`${date} is finalized already (see ${archive}); to reopen it, delete that folder`);
  const { sources } = await readMeetingSources(folder, date);
  const { attachmentHashes } = await import('../pipeline/combine.js');
  const copied = await writeArchive(dir, date, await attachmentHashes(dir, await meetingFor(sources, 'medlemmer'), options));
  process.stdout.write(
    `finalized ${date}: its documents are built from the copies of ${copied.join(', ')} in ${archive} (commit them with the meeting)\n`,
  );
}
