import { loadShared } from '../check/check.js';
import { plusDays, today } from '../model/dates.js';
import { forwardPlanOn, latest } from '../model/forward-plan.js';
import type { ForwardPlanView } from '../model/meeting.js';
import { longDate } from '../render/danish.js';
import { chooseCommittee, type CommitteeChoice } from '../input/repository.js';
import { checkedDate } from './select.js';

export interface PlanOptions extends CommitteeChoice {
  from?: string;
}

/** `agenda plan`: the coming meetings and their planned points as the plan stands now, as a table. */
export async function planCommand(options: PlanOptions): Promise<void> {
  const shared = await loadShared(await chooseCommittee(options));
  const from = options.from === undefined ? today() : checkedDate(options.from);
  const plan = forwardPlanOn(shared.forwardPlan, shared.committee.mødeplan, plusDays(from, -1), latest);
  const width = Math.max(60, process.stdout.columns ?? 100);
  process.stdout.write(`${shared.committee.navn}: punkter til kommende møder fra ${longDate(from)}\n\n${planTable(plan, width, shared.style.ord.aflyst)}`);
}

const dateWidth = 20;

/** Two columns, the date and the points, each point wrapped to the width. */
export function planTable(plan: ForwardPlanView, width: number, cancelled: string): string {
  const rows = plan.meetings.map((m) => row(longDate(m.date), m.cancelled ? [[cancelled, m.reason].filter(Boolean).join(': ')] : m.points.map((p) => `- ${p}`)));
  if (plan.awaiting.length > 0) rows.push(row('Afventer dato', plan.awaiting.map((p) => `- ${p}`)));
  if (rows.length === 0) return 'No meetings on the schedule from that date.\n';
  const lines = rows.flatMap(([date, texts]) => texts.flatMap((text, i) => wrap(text, width - dateWidth).map((line, j) => `${(i === 0 && j === 0 ? date : '').padEnd(dateWidth)}${j > 0 ? '  ' : ''}${line}`)));
  return `${'Dato'.padEnd(dateWidth)}Punkter\n${lines.join('\n')}\n`;
}

function row(date: string, texts: string[]): [string, string[]] {
  return [date, texts.length > 0 ? texts : ['']];
}

/** Words to lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width - 2) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
