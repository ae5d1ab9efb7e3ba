import type { MemberInput } from '../input/schema/committee.js';
import type { AbsenceInput } from '../input/schema/meeting.js';
import { within } from '../shared/dates.js';
import type { Absence, Meeting, Person, Seat } from './meeting.js';

/** The committee's seats with titles in the order first listed, each with whoever holds it on `date`. */
export function seatsOn(members: MemberInput[], date: string): Seat[] {
  const titled = members.filter((m) => m.titel !== undefined);
  const titles = [...new Set(titled.flatMap((m) => m.titel ?? []))];
  return titles.map((title) => {
    const holder = titled.find((m) => m.titel === title && within(date, m.fra, m.til));
    return holder ? { title, name: holder.navn } : { title };
  });
}

/** The politicians (members without a seat title) in office on `date`. */
export function membersOn(members: MemberInput[], date: string): Person[] {
  return members
    .filter((m) => m.titel === undefined && within(date, m.fra, m.til))
    .map((m) => ({ name: m.navn, party: m.parti, role: m.rolle }));
}

/** The meeting's absences, each member with the substitute in their place (of their party). */
export function absencesOf(members: Person[], absent: AbsenceInput[]): Absence[] {
  return absent.map(({ navn, stedfortræder }) => {
    const member = members.find((m) => m.name === navn) ?? { name: navn };
    return { member, substitute: stedfortræder === undefined ? undefined : { name: stedfortræder, party: member.party } };
  });
}

/** Who is at the meeting: the members not absent, then the substitutes. */
export function presentAt(members: Person[], seats: Seat[], absent: Absence[]): Person[] {
  const away = new Set(absent.map((a) => a.member.name));
  const holders = seats.flatMap((s) => (s.name ? [{ name: s.name }] : []));
  return [...holders, ...members].filter((m) => !away.has(m.name)).concat(absent.flatMap((a) => (a.substitute ? [a.substitute] : [])));
}

/**
 * Who took part in the meeting, and so approves its minutes: the members present and the substitutes.
 * One list for `agenda godkend` and the Godkendelsesside it prints, so the page names whoever may approve.
 */
export function participants(meeting: Pick<Meeting, 'members' | 'seats' | 'absent'>): Person[] {
  return presentAt(meeting.members, meeting.seats, meeting.absent);
}
