import { caseSteps, repositoryMeetings } from '../pipeline/case-history.js';
import { UsageError } from '../shared/errors.js';
import { longDate } from '../shared/danish-dates.js';

/**
 * `agenda sag <id>`: the case's way through the committees of the repository here, each meeting
 * that took it up with the item's number and the decision (closed ones named as closed, not shown).
 */
export async function sagCommand(id: string): Promise<void> {
  const steps = caseSteps(await repositoryMeetings('.'), id);
  if (steps.length === 0) throw new UsageError(`no item of any committee's meetings here takes up the case ${id} (sag: ${id})`);
  for (const s of steps) {
    const decision = s.decision ? (s.decision.lukket ? '(lukket beslutning)' : s.decision.text.trim().replace(/\s*\n\s*/g, ' ')) : '(ingen beslutning endnu)';
    process.stdout.write(`${longDate(s.date)}  ${s.committee}, punkt ${s.number}: ${s.title}\n  ${decision}\n`);
  }
}
