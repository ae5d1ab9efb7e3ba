import type { Meeting, Person } from '../model/meeting.js';
import { participants } from '../model/seats.js';
import { UsageError } from '../shared/errors.js';

/**
 * The participant named `name` (as udvalg.yaml or the meeting file writes it, in any case). A name
 * that is no member's that day, or a member who was absent (afbud), is refused: only those who took
 * part approve the minutes (Kommunestyrelsesloven § 13).
 */
export function approver(meeting: Meeting, name: string): Person {
  const same = (p: Person) => sameName(name.trim(), p);
  const found = participants(meeting).find(same);
  if (found) return found;
  const away = meeting.absent.find((a) => same(a.member));
  if (away)
    throw new UsageError(`${away.member.name} did not take part in the meeting of ${meeting.date} (afbud), so cannot approve its minutes`);
  const who = participants(meeting)
    .map((p) => p.name)
    .join(', ');
  throw new UsageError(`${name} is not a member of ${meeting.committee} who took part on ${meeting.date} (they are: ${who})`);
}

/** Whether the log's name is this person's (the log keeps the name as udvalg.yaml writes it). */
export function sameName(name: string, person: Person): boolean {
  return name.toLocaleLowerCase('da') === person.name.toLocaleLowerCase('da');
}
