import type { CommitteeFolder } from '../input/repository.js';
import { loadShared } from '../check/check.js';
import { forwardPlanOn, latest } from '../model/forward-plan.js';
import type { ForwardPlanView } from '../model/meeting.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import { plusDays } from '../shared/dates.js';
import { longDate } from '../shared/danish-dates.js';
import { fill } from '../render/wording.js';

/** The coming meetings from `from` on and their planned points, as the committee's plan stands now, under its heading in the house's words. */
export async function comingPlan(
  committee: string | CommitteeFolder,
  from: string,
): Promise<{ heading: string; plan: ForwardPlanView; style: HouseStyleInput }> {
  const shared = await loadShared(committee);
  return {
    heading: fill(shared.style.ord.plan_overskrift, { udvalg: shared.committee.navn, dato: longDate(from) }),
    style: shared.style,
    plan: forwardPlanOn(shared.forwardPlan, shared.committee.mødeplan, plusDays(from, -1), latest),
  };
}
