import type { CommitteeFolder } from '../input/repository.js';
import { loadShared } from '../check/check.js';
import { forwardPlanOn, latest } from '../model/forward-plan.js';
import type { ForwardPlanView } from '../model/meeting.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import { plusDays } from '../shared/dates.js';

/** The coming meetings from `from` on and their planned points, as the committee's plan stands now. */
export async function comingPlan(
  committee: string | CommitteeFolder,
  from: string,
): Promise<{ committee: string; plan: ForwardPlanView; style: HouseStyleInput }> {
  const shared = await loadShared(committee);
  return {
    committee: shared.committee.navn,
    style: shared.style,
    plan: forwardPlanOn(shared.forwardPlan, shared.committee.mødeplan, plusDays(from, -1), latest),
  };
}
