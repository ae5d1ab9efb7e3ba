import type { PoliticalMeeting, RulEntry } from '../model/meeting.js';
import { capitalized, inDanish } from '../shared/danish-dates.js';
import type { HouseStyle } from '../model/meeting.js';
import { fill, genitive } from './wording.js';

type Words = HouseStyle['ord'];

// The political calendar's meetings as the minutes and the front page name them.

/**
 * "Temamøde i Kommunalbestyrelsen d. 12. december", "Økonomiudvalgsmøde d. 1. september (1. behandling)",
 * "... (aflyst)"; with the year where it is not that of `today`.
 */
export function politicalMeetingName(m: PoliticalMeeting, today: string, words: Words): string {
  const name = capitalized(meetingNameAndDay(m, today, words));
  return m.cancelled ? fill(words.politisk_aflyst, { møde: name }) : name;
}

function meetingNameAndDay(m: PoliticalMeeting, today: string, words: Words): string {
  const day = inDanish(m.date, m.date.slice(0, 4) === today.slice(0, 4) ? 'd. MMMM' : 'd. MMMM yyyy');
  const name =
    m.type === 'temamøde'
      ? fill(words.politisk_temamøde, { udvalg: m.committee })
      : m.type === 'ekstraordinært'
        ? fill(words.politisk_ekstraordinært, { møde: m.meetingName })
        : m.meetingName;
  return `${name} d. ${day}${m.type.endsWith('behandling') ? ` (${m.type})` : ''}`;
}

/** "Rul december: ØK d. 5/12 2023, KB d. 12/12 2023": the cycle, named by the month it closes in. */
export function rulLine(rul: RulEntry[], words: Words): string {
  const closing = rul.at(-1);
  if (!closing) return '';
  return fill(words.rul, {
    måned: inDanish(closing.date, 'MMMM'),
    møder: rul.map((r) => `${r.abbreviation} d. ${inDanish(r.date, 'd/M yyyy')}`).join(', '),
  });
}

/** The minutes' line on a political meeting: held or to be held, or cancelled. */
export function politicalMeetingMinute(m: PoliticalMeeting, today: string, held: boolean, words: Words): string {
  const name = meetingNameAndDay(m, today, words);
  const phrase = m.cancelled
    ? held
      ? words.politisk_var_aflyst
      : words.politisk_er_aflyst
    : held
      ? words.politisk_afholdt
      : words.politisk_afholdes;
  // A phrase that begins with the meeting capitalizes it, as a sentence does.
  return fill(phrase, { møde: phrase.startsWith('{møde}') ? capitalized(name) : name });
}

/**
 * A committee's meeting as a calendar feed names it: "Direktionens møde", "Direktionens møde (aflyst)";
 * `genitiveName` is the committee's file's `genitiv:`.
 */
export function calendarSummary(committee: string, genitiveName: string | undefined, cancelled: boolean, words: Words): string {
  const name = fill(words.møde, { udvalg: committee, udvalgs: genitive(committee, genitiveName) });
  return cancelled ? fill(words.politisk_aflyst, { møde: name }) : name;
}

/** A cancelled date of the forward plan: the schedule's reason, else the house's word. */
export function cancelledText(cancelled: string | true, words: Words): string {
  return cancelled === true ? words.aflyst : cancelled;
}
