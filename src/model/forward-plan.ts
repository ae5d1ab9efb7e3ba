import type { ScheduleInput } from '../input/schema/committee.js';
import type { ForwardPlanInput, PlannedPointInput } from '../input/schema/forward-plan.js';
import { within } from '../shared/dates.js';
import type { ForwardPlanView, PlannedMeeting, PlannedPoint } from './meeting.js';
import { scheduledDates } from '../input/schedule.js';

/**
 * The plan as it stood at the meeting on `date`: every later meeting up to the end of the schedule,
 * empty ones included, with the points on the plan that day. A point counts from the meeting it was
 * added at (`tilføjet`) until the meeting it was taken off at (`fjernet`), so rebuilding an old
 * meeting shows the plan that was sent, whatever has changed since. `asOf` reads the plan as it
 * stood on another day: `latest` for the plan as it stands now, every change counted.
 */
export function forwardPlanOn(plan: ForwardPlanInput, schedule: ScheduleInput | undefined, date: string, asOf = date): ForwardPlanView {
  const meetings = new Map<string, PlannedMeeting>();
  for (const s of schedule ? scheduledDates(schedule) : []) {
    if (s.date > date) meetings.set(s.date, { date: s.date, cancelled: s.cancelled, points: [] });
  }
  for (const planned of plan.møder ?? []) {
    const points = current(planned.punkter, asOf);
    if (planned.dato <= date || (points.length === 0 && !meetings.has(planned.dato))) continue;
    const meeting = meetings.get(planned.dato) ?? { date: planned.dato, points: [] };
    meeting.points.push(...points);
    meetings.set(planned.dato, meeting);
  }
  return {
    meetings: [...meetings.values()].sort((a, b) => a.date.localeCompare(b.date)),
    awaiting: current(plan.afventer_dato ?? [], asOf),
  };
}

/** Read the plan with every addition and removal counted. */
export const latest = '9999-12-31';

/** The points the plan puts on the meeting of `date` itself, as the plan stood that day. */
export function pointsOn(plan: ForwardPlanInput, date: string): PlannedPoint[] {
  return (plan.møder ?? []).filter((m) => m.dato === date).flatMap((m) => current(m.punkter, date));
}

function current(points: PlannedPointInput[], date: string): PlannedPoint[] {
  return points
    .filter((p) => within(date, p.tilføjet) && (p.fjernet === undefined || date < p.fjernet))
    .map((p) => ({ text: p.tekst, lukket: p.lukket ?? false }));
}
