import type { CommitteeInput } from '../input/schema/committee.js';
import { within } from '../shared/dates.js';
import type { Seat } from './meeting.js';

/** The committee's seats in the order first listed, each with whoever holds it on `date`. */
export function seatsOn(members: CommitteeInput['medlemmer'], date: string): Seat[] {
  const titles = [...new Set(members.map((m) => m.titel))];
  return titles.map((title) => {
    const holder = members.find((m) => m.titel === title && within(date, m.fra, m.til));
    return holder ? { title, name: holder.navn } : { title };
  });
}
