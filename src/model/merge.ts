import type { MeetingSources } from '../input/sources.js';
import { formatPath } from '../input/key-path.js';
import { committeeInNames } from '../input/repository.js';
import { earlierDecisions, earlierTreatments, type CaseMeeting } from './case-history.js';
import { forwardPlanOn, pointsOn } from './forward-plan.js';
import { mergeItems } from './items.js';
import type { Meeting } from './meeting.js';
import { politicalReview } from './political-calendar.js';
import { neighboursOf, scheduledOn } from '../input/schedule.js';
import { absencesOf, membersOn, presentAt, seatsOn } from './seats.js';

/**
 * One meeting's sources merged into the model the renderer prints. `history` holds the other
 * committees' meetings, whose decisions on a case an item that takes it up shows.
 */
export function buildMeeting(sources: MeetingSources, history: CaseMeeting[] = []): Meeting {
  const { date, committee, meeting } = sources;
  const seats = seatsOn(committee.medlemmer, date);
  const members = membersOn(committee.medlemmer, date);
  const absent = absencesOf(members, meeting.fraværende ?? []);
  const items = mergeItems(sources.standingItems.punkter, meeting.punkter ?? [], {
    sections: sources.style.afsnit,
    sagsgang: committee.sagsgang,
    forwardPlan: forwardPlanOn(sources.forwardPlan, committee.mødeplan, date),
    plannedPoints: pointsOn(sources.forwardPlan, date),
    politicalReview: (notes) => sources.calendar && politicalReview(sources.calendar, date, neighboursOf(committee.mødeplan, date), notes),
    earlierDecisions: (sag) => earlierDecisions(history, sag, date, committee.navn, sources.style.ord.lukket_beslutning),
    caseTreatments: (sag) => earlierTreatments(history, sag, date),
    treatmentsFromCase: sources.style.behandlinger_fra_sag,
    present: { present: presentAt(members, seats, absent) },
    fileAt: (entry, within) => {
      const at = ['punkter', (meeting.punkter ?? []).indexOf(entry), ...within, 'fil'];
      const { line, col } = sources.source?.locate(at) ?? { line: 1, col: 1 };
      return { file: sources.source?.file ?? `${date}.yaml`, line, col, path: formatPath(at) };
    },
  });
  const scheduled = scheduledOn(committee.mødeplan, date);
  return {
    kind: items.some((i) => i.beslutning !== undefined) ? 'referat' : 'dagsorden',
    audience: 'medlemmer',
    date,
    committee: committee.navn,
    committeeGenitive: committee.genitiv,
    committeeId: committeeInNames(sources.folder),
    authority: authorityOf(committee, sources.municipality),
    place: meeting.sted ?? scheduled?.sted ?? committee.sted,
    start: meeting.start ?? scheduled?.start ?? committee.start,
    end: meeting.slut ?? scheduled?.slut ?? committee.slut,
    seats,
    members,
    absent,
    participants: (meeting.deltagere ?? committee.deltagere ?? []).map((p) => ({ name: p.navn, role: p.rolle })),
    items,
    style: { ...sources.style, templates: sources.templates },
  };
}

/**
 * Whose the committee's documents and site are: the municipality of kommune.yaml, else the
 * committee's `kommune`, else the committee itself.
 */
export function authorityOf(committee: { navn: string; kommune?: string }, municipality: string | undefined): string {
  return municipality ?? committee.kommune ?? committee.navn;
}
