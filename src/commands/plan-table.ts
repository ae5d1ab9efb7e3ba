import type { HouseStyleInput } from '../input/schema/house-style.js';
import type { ForwardPlanView, PlannedPoint } from '../model/meeting.js';
import { longDate } from '../shared/danish-dates.js';

// The forward plan as `agenda plan` prints it on a terminal.

const dateWidth = 20;

/** Two columns, the date and the points, headed in the house's words, each point wrapped to the width; a cancelled meeting in the house's word ("Aflyst: Juleferie"). */
export function planTable(plan: ForwardPlanView, width: number, words: HouseStyleInput['ord']): string {
  const cancelled = (c: string | true) => (c === true ? words.aflyst : `${words.aflyst}: ${c}`);
  // The clerk's view: a closed point is shown, marked in the house's word for closed, as the members' version shows it.
  const point = (p: PlannedPoint) => `- ${p.lukket ? `${words.lukket}: ` : ''}${p.text}`;
  const rows = plan.meetings.map((m) => row(longDate(m.date), m.cancelled ? [cancelled(m.cancelled)] : m.points.map(point)));
  if (plan.awaiting.length > 0) rows.push(row(words.plan_afventer, plan.awaiting.map(point)));
  if (rows.length === 0) return 'No meetings on the schedule from that date.\n';
  const lines = rows.flatMap(([date, texts]) =>
    texts.flatMap((text, i) =>
      wrap(text, width - dateWidth).map((line, j) => `${(i === 0 && j === 0 ? date : '').padEnd(dateWidth)}${j > 0 ? '  ' : ''}${line}`),
    ),
  );
  return `${words.plan_dato.padEnd(dateWidth)}${words.punkter}\n${lines.join('\n')}\n`;
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
