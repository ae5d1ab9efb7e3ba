import { caseStepText, caseSteps, repositoryMeetings } from '../pipeline/case-history.js';
import { UsageError } from '../shared/errors.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type SagOptions = OptionsOf<'sag'>;

/**
 * `agenda sag <id>`: the case's way through the committees of the repository here, each meeting
 * that took it up with the item's number and the decision. By default as the public may see it: a
 * closed item under its public title, a closed decision named as closed, not shown; `--medlemmer`
 * shows what the members' documents show. Its first line says which view it is.
 */
export async function sagCommand(id: string, options: SagOptions = {}): Promise<void> {
  const steps = caseSteps(await repositoryMeetings('.'), id);
  if (steps.length === 0) throw new UsageError(`no item of any committee's meetings here takes up the case ${id} (sag: ${id})`);
  const members = options.medlemmer ?? false;
  const view = members
    ? "the members' view, with closed items' titles and closed decisions: not for the public"
    : "the public view: closed items under their public titles, closed decisions not shown (--medlemmer: the members' view)";
  process.stdout.write(`${id}, ${view}\n`);
  for (const s of steps) process.stdout.write(caseStepText(s, members));
}
