import { format } from 'date-fns/format';
import { da } from 'date-fns/locale/da';
import { localNoon } from '../shared/dates.js';
import { weekdayDateInText } from '../shared/danish-dates.js';
import type { Absence, Dissent, HouseStyle, Item, Meeting, NotTakingPart, Person, Vote } from '../model/meeting.js';

// The house's fixed words and date patterns (templates/husstil.yaml, under kommune.yaml's and
// udvalg.yaml's overrides) put together into the document's phrases.

type Words = HouseStyle['ord'];

/** A phrase with its `{name}` placeholders filled in (the house style's check allows only known names). */
export function fill(phrase: string, values: Record<string, string>): string {
  return phrase.replace(/\{([^{}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/** A date in one of the house's patterns: `forside` capitalized ("Onsdag den 22. november 2023"), `titel`, `beslutning`. */
export function styledDate(style: HouseStyle, which: keyof HouseStyle['datoer'], isoDate: string): string {
  const text = format(localNoon(isoDate), style.datoer[which], { locale: da });
  return which === 'forside' ? capitalized(text) : text;
}

/** "Dagsorden", "Referat", "Tillægsdagsorden" (a second one "Tillægsdagsorden 2"), in the house's words. */
export function kindWord(meeting: Pick<Meeting, 'kind' | 'addendum' | 'style'>): string {
  const words = meeting.style.ord;
  const later = meeting.kind === 'tillægsdagsorden' && (meeting.addendum ?? 1) > 1;
  return later ? fill(words.tillægsdagsorden_nr, { nummer: String(meeting.addendum) }) : words[meeting.kind];
}

/** What an added item says of it: in the minutes, that it was added; where the clerk gave one, why it could not wait. */
export function addendumLines(meeting: Meeting, item: Item): string[] {
  if (!item.addendum) return [];
  const words = meeting.style.ord;
  const reason = item.addendum.reason === undefined ? [] : [fill(words.tillæg_begrundelse, { begrundelse: item.addendum.reason })];
  return meeting.kind === 'referat' ? [words.tillægspunkt, ...reason] : reason;
}

/** "Dagsorden for Direktionens møde onsdag den 22. november 2023": a published document as its feed entry names it. */
export function documentHeading(meeting: Meeting): string {
  return `${kindWord(meeting)} for ${meeting.committee}s møde ${weekdayDateInText(meeting.date)}`;
}

/** "Direktionen: Dagsorden og referat": a feed of whose documents, in the house's words for them. */
export function documentsFeedTitle(words: Words, whose: string): string {
  return `${whose}: ${words.dagsorden} og ${words.referat.toLocaleLowerCase('da')}`;
}

/** "Beslutning i Direktionen den 22-11-2023", or however the house heads a committee's decision. */
export function decisionHeading(style: HouseStyle, phrase: string, committee: string, isoDate: string): string {
  return fill(phrase, { udvalg: committee, dato: styledDate(style, 'beslutning', isoDate) });
}

/** "Jan Petersen (A)"; a person without a party by name alone. */
export function personName(words: Words, p: Person): string {
  return p.party === undefined ? p.name : fill(words.medlem, { navn: p.name, parti: p.party });
}

/** A member with the role: "Jan Petersen (A), formand". */
export function memberLine(words: Words, p: Person): string {
  const name = personName(words, p);
  return p.role ? fill(words[p.role], { medlem: name }) : name;
}

/** The substitute's line: "Karen Jensen (V), stedfortræder for Anne Madsen (V)". */
export function substituteLine(words: Words, a: Absence): string {
  return a.substitute
    ? fill(words.stedfortræder, { stedfortræder: personName(words, a.substitute), medlem: personName(words, a.member) })
    : '';
}

/** "Anne Madsen (V), afbud". */
export function absentLine(words: Words, a: Absence): string {
  return fill(words.afbud, { medlem: memberLine(words, a.member) });
}

/** "X deltog ikke i behandlingen af punktet på grund af inhabilitet." */
export function notTakingPartLine(words: Words, n: NotTakingPart): string {
  return fill(n.reason === 'inhabil' ? words.inhabil : words.ikke_deltaget, { navn: n.name });
}

/** The vote's lines, for, against, abstaining, each where anybody voted so. */
export function voteLines(words: Words, vote: Vote): string[] {
  const lines: Array<[string, Vote['for']]> = [
    [words.stemte_for, vote.for],
    [words.stemte_imod, vote.against],
    [words.undlod, vote.abstaining],
  ];
  return lines.flatMap(([phrase, v]) => (v.who.length ? [fill(phrase, { hvem: listed(v.who), antal: String(v.count) })] : []));
}

/** "V ønskede følgende tilført protokollen:", before the dissent's text. */
export function protocolLine(words: Words, d: Dissent): string {
  return fill(words.protokol, { hvem: listed(d.by) });
}

/** "A, F og V". */
export function listed(names: string[]): string {
  return new Intl.ListFormat('da', { type: 'conjunction' }).format(names);
}

/**
 * A page header's or footer's text as the value of a CSS margin box's `content`: its words as
 * strings, {side} as the page counter, {sider} as the number of pages (where known).
 */
export function marginContent(phrase: string, meeting: Meeting, pages: number | undefined): string {
  const values = marginValues(meeting);
  return phrase
    .split(/(\{side\})/)
    .filter(Boolean)
    .map((part) => (part === '{side}' ? 'counter(page)' : cssString(fill(part, { ...values, sider: String(pages ?? '') }))))
    .join(' ');
}

/** What a page's header and footer may name besides its number. */
function marginValues(meeting: Meeting): Record<string, string> {
  return { udvalg: meeting.committee, dokument: kindWord(meeting), dato: styledDate(meeting.style, 'titel', meeting.date) };
}

/** The text of each margin (sidehoved, sidefod) that prints the page's number, as the page numbered `page` of `pages` prints it. */
export function numberTexts(meeting: Meeting, pages: number): (page: number) => string[] {
  const phrases = [meeting.style.sidehoved, meeting.style.sidefod].filter((p): p is string => p?.includes('{side}') === true);
  return (page) => phrases.map((p) => fill(p, { ...marginValues(meeting), side: String(page), sider: String(pages) }));
}

/**
 * A CSS string that stays one inside the page's `<style>` element: quotes, backslash, `<` (which
 * could close the element: `</style>`), `>`, `&` and every control or invisible formatting character
 * as a hexadecimal escape, whose trailing space ends the escape and is not printed.
 */
export function cssString(s: string): string {
  return `"${s.replace(/["'\\<>&\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16)} `)}"`;
}
