import { chooseCommittee } from '../input/repository.js';
import { comingPlan } from '../pipeline/plan.js';
import { checkedDate } from '../pipeline/select.js';
import { planTable } from './plan-table.js';
import { today } from '../shared/dates.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type PlanOptions = OptionsOf<'plan'>;

/** `agenda plan`: the coming meetings and their planned points as the plan stands now, as a table. */
export async function planCommand(options: PlanOptions): Promise<void> {
  const from = options.from === undefined ? today() : checkedDate(options.from);
  const { heading, plan, style } = await comingPlan(await chooseCommittee(options), from);
  const width = Math.max(60, process.stdout.columns ?? 100);
  process.stdout.write(`${heading}\n\n${planTable(plan, width, style.ord)}`);
}
