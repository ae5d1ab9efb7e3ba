import { shorten } from '../input/messages.js';
import type { ItemInput } from '../input/schema/meeting.js';
import { formatPath } from '../input/key-path.js';

type Vote = NonNullable<ItemInput['afstemning']>;

/** Someone who took part in an item, with their party (a substitute's is the member's they sit in for). */
export interface Voter {
  name: string;
  party?: string;
}

/**
 * Where a vote would count someone twice, so its counts would be wrong: a name or a party letter
 * given twice (in one list, or for and against), or a member named beside their own party's letter,
 * which counts them already. `voters` took part in the item; `at` is the vote's path.
 */
export function doubleCounts(vote: Vote, voters: Voter[], at: PropertyKey[]): Array<{ path: PropertyKey[]; message: string }> {
  const named = (['for', 'imod', 'undlod'] as const).flatMap((key) =>
    (vote[key] ?? []).map((name, j) => ({ name, path: [...at, key, j] })),
  );
  return named.flatMap(({ name, path }, n) => {
    const earlier = named.slice(0, n).find((e) => e.name === name);
    if (earlier)
      return [{ path, message: `${shorten(name)} is named twice in the vote (also at ${formatPath(earlier.path)}): each counts once` }];
    const party = voters.find((p) => p.name === name)?.party;
    const letter = named.find((e) => e.name === party);
    if (!letter) return [];
    return [
      {
        path,
        message: `${shorten(name)} is counted already with ${party} (at ${formatPath(letter.path)}): where a party's members voted apart, name each of them instead of the letter`,
      },
    ];
  });
}
