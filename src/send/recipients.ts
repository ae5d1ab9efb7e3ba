import type { CommitteeInput } from '../input/schema/committee.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import { within } from '../shared/dates.js';

export interface Recipient {
  name?: string;
  email: string;
  /** A member's place in udvalg.yaml's `medlemmer` (none for an extra recipient). */
  member?: number;
}

/**
 * Who gets the meeting's document: the members in office on the day and the meeting's extra
 * recipients, each address once. Members without an address are named, to be told, never skipped in silence.
 */
export function recipientsOf(
  committee: CommitteeInput,
  meeting: MeetingInput,
  date: string,
): { recipients: Recipient[]; withoutEmail: string[] } {
  // Each member with its place in udvalg.yaml, which a frozen meeting's changed address is matched by (send.ts).
  const members = committee.medlemmer.map((m, member) => ({ m, member })).filter(({ m }) => within(date, m.fra, m.til));
  const all: Recipient[] = [
    ...members.flatMap(({ m, member }) => (m.email ? [{ name: m.navn, email: m.email, member }] : [])),
    ...(meeting.modtagere ?? []).map((r) => ({ name: r.navn, email: r.email })),
  ];
  const seen = new Set<string>();
  const recipients = all.filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()));
  return { recipients, withoutEmail: members.filter(({ m }) => !m.email).map(({ m }) => m.navn) };
}
