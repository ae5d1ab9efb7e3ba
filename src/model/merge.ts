import type { MeetingSources } from '../input/sources.js';
import { forwardPlanOn, pointsOn } from './forward-plan.js';
import { mergeItems } from './items.js';
import type { Meeting } from './meeting.js';
import { politicalReview } from './political-calendar.js';
import { neighboursOf } from '../input/schedule.js';
import { seatsOn } from './seats.js';

/** One meeting's sources merged into the model the renderer prints. */
export function buildMeeting(sources: MeetingSources): Meeting {
  const { date, committee, meeting } = sources;
  const items = mergeItems(sources.standingItems.punkter, meeting.punkter ?? [], {
    sagsgang: committee.sagsgang,
    forwardPlan: forwardPlanOn(sources.forwardPlan, committee.mødeplan, date),
    plannedPoints: pointsOn(sources.forwardPlan, date),
    politicalReview: (notes) => sources.calendar && politicalReview(sources.calendar, date, neighboursOf(committee.mødeplan, date), notes),
    fileAt: (entry, bilag) => {
      const at = ['punkter', (meeting.punkter ?? []).indexOf(entry), 'bilag', bilag, 'fil'] as const;
      const { line, col } = sources.source?.locate(at) ?? { line: 1, col: 1 };
      return { file: sources.source?.file ?? `${date}.yaml`, line, col, path: `punkter[${at[1]}].bilag[${bilag}].fil` };
    },
  });
  return {
    kind: items.some((i) => i.beslutning !== undefined) ? 'referat' : 'dagsorden',
    audience: 'medlemmer',
    date,
    committee: committee.navn,
    authority: committee.kommune ?? committee.navn,
    place: meeting.sted ?? committee.sted,
    start: meeting.start ?? committee.start,
    end: meeting.slut ?? committee.slut,
    seats: seatsOn(committee.medlemmer, date),
    absent: meeting.fraværende ?? [],
    items,
  };
}
