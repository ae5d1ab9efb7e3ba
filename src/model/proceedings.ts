import type { ItemInput } from '../input/schema/meeting.js';
import type { Item, NotTakingPart, Person, VoteCount } from './meeting.js';

/** Who is at the meeting to take part in its items: the members present and the substitutes. */
export interface Proceedings {
  present: Person[];
}

/**
 * What the minutes record of an item beside its decision: who did not take part and why, the vote
 * with its counts, and dissent for the record. A party letter in a vote counts that party's people
 * who took part in the item; a name counts one.
 */
export function proceedings(entry: ItemInput | undefined, at: Proceedings): Pick<Item, 'notTakingPart' | 'vote' | 'dissent'> {
  const notTakingPart: NotTakingPart[] = [
    ...(entry?.fraværende ?? []).map((name) => ({ name, reason: 'fraværende' as const })),
    ...(entry?.inhabil ?? []).map((name) => ({ name, reason: 'inhabil' as const })),
  ];
  const out = new Set(notTakingPart.map((n) => n.name));
  const voters = at.present.filter((p) => !out.has(p.name));
  const count = (who: string[] = []): VoteCount => ({
    who,
    count: who.reduce((n, w) => n + (voters.some((p) => p.name === w) ? 1 : voters.filter((p) => p.party === w).length), 0),
  });
  const vote = entry?.afstemning && {
    for: count(entry.afstemning.for),
    against: count(entry.afstemning.imod),
    abstaining: count(entry.afstemning.undlod),
  };
  return { notTakingPart, vote, dissent: (entry?.protokoltilførsel ?? []).map((d) => ({ by: d.af, text: d.tekst })) };
}
