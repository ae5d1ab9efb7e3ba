import type { Finding } from '../shared/errors.js';
import { closest, shorten } from '../input/messages.js';
import type { CommitteeInput } from '../input/schema/committee.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import { formatPath } from '../input/key-path.js';
import type { YamlFile } from '../input/yaml-file.js';
import { within } from '../shared/dates.js';
import { doubleCounts, type Voter } from './vote.js';

/**
 * The minutes' record names only people at the meeting: who did not take part in an item, how they
 * voted and who dissented are the members in office on the day and the substitutes, or (in a vote
 * and a dissent) a party letter of theirs. A substitute stands in for a member who sent word
 * (fraværende), and nobody takes part in an item they are recorded as not taking part in. A vote
 * counts each voter once; a substitute is of the party of the member they sit in for, as the model's
 * counts have it (model/seats.ts absencesOf).
 */
export function checkProceedings(date: string, committee: CommitteeInput, meeting: MeetingInput, source: YamlFile): Finding[] {
  const findings: Finding[] = [];
  const at = (path: PropertyKey[], message: string) =>
    findings.push({ file: source.file, ...source.locate(path), path: formatPath(path), message });
  const inOffice = committee.medlemmer.filter((m) => within(date, m.fra, m.til));
  const absent = meeting.fraværende ?? [];
  // As the model counts: a party letter counts the party's politicians (members without a seat title).
  const partyOf = (name: string) => inOffice.find((m) => m.navn === name && m.titel === undefined)?.parti;
  const present: Voter[] = [
    ...inOffice.filter((m) => !absent.some((a) => a.navn === m.navn)).map((m) => ({ name: m.navn, party: partyOf(m.navn) })),
    ...absent.flatMap((a) => (a.stedfortræder === undefined ? [] : [{ name: a.stedfortræder, party: partyOf(a.navn) }])),
  ];
  const people = present.map((p) => p.name);
  const unknown = (name: string, known: string[], what: string) => {
    const guess = closest(name, known);
    return `${shorten(name)} is not ${what} on ${date}${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (they are: ${known.join(', ')})` : ''}`;
  };
  (meeting.punkter ?? []).forEach((item, i) => {
    const out = new Set([...(item.fraværende ?? []), ...(item.inhabil ?? [])]);
    for (const key of ['fraværende', 'inhabil'] as const) {
      (item[key] ?? []).forEach(
        (name, j) => people.includes(name) || at(['punkter', i, key, j], unknown(name, people, `at the meeting of ${committee.navn}`)),
      );
    }
    const voters = present.filter((p) => !out.has(p.name));
    const voterNames = voters.map((p) => p.name);
    // A party letter names the party's voters here: a party whose members are all away has none.
    const parties = [...new Set(voters.flatMap((p) => p.party ?? []))];
    const nameOrParty = (name: string, path: PropertyKey[]) => {
      if (parties.includes(name) || voterNames.includes(name)) return;
      const why = out.has(name)
        ? `${shorten(name)} did not take part in this item (fraværende or inhabil), so cannot vote on it`
        : unknown(name, [...parties, ...voterNames], 'a party letter or a member who took part');
      at(path, why);
    };
    for (const key of ['for', 'imod', 'undlod'] as const) {
      (item.afstemning?.[key] ?? []).forEach((name, j) => nameOrParty(name, ['punkter', i, 'afstemning', key, j]));
    }
    if (item.afstemning) for (const d of doubleCounts(item.afstemning, voters, ['punkter', i, 'afstemning'])) at(d.path, d.message);
    (item.protokoltilførsel ?? []).forEach((d, j) =>
      d.af.forEach((name, k) => nameOrParty(name, ['punkter', i, 'protokoltilførsel', j, 'af', ...(d.af.length > 1 ? [k] : [])])),
    );
  });
  (meeting.fraværende ?? []).forEach((a, i) => {
    // A misspelt name would leave the member it means counted as present: able to vote and approve.
    if (!inOffice.some((m) => m.navn === a.navn))
      at(
        ['fraværende', i],
        unknown(
          a.navn,
          inOffice.map((m) => m.navn),
          `a member of ${committee.navn}`,
        ),
      );
    if (a.stedfortræder !== undefined && inOffice.some((m) => m.navn === a.stedfortræder))
      at(
        ['fraværende', i, 'stedfortræder'],
        `${shorten(a.stedfortræder)} is a member already; a substitute comes from outside the committee`,
      );
  });
  return findings;
}
