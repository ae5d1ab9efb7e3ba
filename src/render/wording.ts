import { format } from 'date-fns/format';
import { da } from 'date-fns/locale/da';
import { localNoon } from '../shared/dates.js';
import { weekdayDateInText } from '../shared/danish-dates.js';
import type { FiledAttachment } from '../model/attachments.js';
import type { CaseStep } from '../model/case-history.js';
import type {
  Absence,
  Addition,
  ApprovalRow,
  Dissent,
  HouseStyle,
  Item,
  Meeting,
  NotTakingPart,
  Participant,
  Person,
  SubItem,
  Treatment,
  Vote,
} from '../model/meeting.js';

// The house's fixed words and date patterns (templates/husstil.yaml, under kommune.yaml's and
// udvalg.yaml's overrides) put together into the document's phrases.

type Words = HouseStyle['ord'];

/** A phrase with its `{name}` placeholders filled in (the house style's check allows only known names). */
export function fill(phrase: string, values: Record<string, string>): string {
  return phrase.replace(/\{([^{}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/**
 * A date in one of the house's patterns (`forside`, `titel`, `beslutning`), capitalized where the house
 * says so (`store_forbogstaver`, by default the front page's: "Onsdag den 22. november 2023").
 */
export function styledDate(style: HouseStyle, which: keyof HouseStyle['datoer'], isoDate: string): string {
  const text = format(localNoon(isoDate), style.datoer[which], { locale: da });
  return style.store_forbogstaver.includes(which) ? capitalized(text) : text;
}

/**
 * A committee's name in the genitive: as its file gives it (`genitiv:`), else by the Danish rule,
 * an s added, but not after s, x or z ("Økonomiudvalgets", "Kommunalbestyrelsens", "Ældreråds").
 */
export function genitive(name: string, given?: string): string {
  return given ?? (/[sxz]$/i.test(name) ? name : `${name}s`);
}

/** The meeting's committee in the genitive ("Økonomiudvalgets"), the committee file's own where it gives one. */
export function committeeGenitiveOf(meeting: Pick<Meeting, 'committee' | 'committeeGenitive'>): string {
  return genitive(meeting.committee, meeting.committeeGenitive);
}

/** "Dagsorden", "Referat", "Tillægsdagsorden" (a second one "Tillægsdagsorden 2"), in the house's words. */
export function kindWord(meeting: Pick<Meeting, 'kind' | 'addendum' | 'style'>): string {
  const words = meeting.style.ord;
  const later = meeting.kind === 'tillægsdagsorden' && (meeting.addendum ?? 1) > 1;
  return later ? fill(words.tillægsdagsorden_nr, { nummer: String(meeting.addendum) }) : words[meeting.kind];
}

/** "Rettet dagsorden den 6. december 2026" on an agenda changed since it was sent, where the house prints it; with no day before it goes out. */
export function correctionLine(meeting: Meeting): string | undefined {
  const { correction, style } = meeting;
  if (!correction || !style.rettet_forside || meeting.kind !== 'dagsorden') return undefined;
  const { date } = correction;
  return date ? fill(style.ord.rettet_dagsorden, { dato: styledDate(style, 'titel', date) }) : style.ord.rettet_dagsorden_udateret;
}

/** What an added item says of it: in the minutes, that it was added (addendumMark); why it could not wait (addendumReason). */
export const addendumLines = (meeting: Meeting, item: Item): string[] => [...addendumMark(meeting, item), ...addendumReason(meeting, item)];

/** Why an added item could not wait, where the clerk said so. */
export const addendumReason = (meeting: Meeting, { addendum }: Item): string[] =>
  addendum?.reason === undefined ? [] : [fill(meeting.style.ord.tillæg_begrundelse, { begrundelse: addendum.reason })];

/** The minutes' line that an item was added (tillægspunkt); an agenda tells it by the tillægsdagsorden it stands in. */
export const addendumMark = (meeting: Meeting, item: Item): string[] =>
  item.addendum && meeting.kind === 'referat' ? [meeting.style.ord.tillægspunkt] : [];

/** "Dagsorden for Direktionens møde onsdag den 22. november 2023": a meeting's page and its document's feed entry. */
export function documentHeading(meeting: Meeting): string {
  return fill(meeting.style.ord.mødeoverskrift, {
    dokument: kindWord(meeting),
    udvalg: meeting.committee,
    udvalgs: committeeGenitiveOf(meeting),
    dato: weekdayDateInText(meeting.date),
  });
}

/** "Dagsorden for Direktionens møde den 22. november 2023": the PDF's subject, the document's name in the open data. */
export function documentName(meeting: Meeting): string {
  const dato = styledDate(meeting.style, 'titel', meeting.date);
  const udvalgs = committeeGenitiveOf(meeting);
  return fill(meeting.style.ord.dokumentnavn, { dokument: kindWord(meeting), udvalg: meeting.committee, udvalgs, dato });
}

/** "Dagsorden for Direktionens møde den 22. november 2023 (offentlig udgave)", "... med bilag (offentlig udgave)": a published PDF's name. */
export function publishedDocumentName(meeting: Meeting, withAttachments: boolean): string {
  const words = meeting.style.ord;
  return [documentName(meeting), withAttachments ? words.med_bilag : '', words.offentlig_udgave].filter(Boolean).join(' ');
}

/** "Direktionen: Dagsorden og referat": a feed of whose documents, in the house's words for them. */
export function documentsFeedTitle(words: Words, whose: string): string {
  return fill(words.dokumentfeed, { udvalg: whose, dagsorden: words.dagsorden, referat: words.referat.toLocaleLowerCase('da') });
}

/** "Dagsordener og referater", or however the house names what its site holds; `capitalize` where it begins a title. */
export function siteName(words: Words, capitalize = false): string {
  const name = fill(words.webstedet, { dagsordener: words.dagsordener, referater: words.referater });
  return capitalize ? capitalized(name) : name;
}

/**
 * "Beslutning i Direktionen den 22-11-2023", or however the house heads a committee's decision:
 * "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1" with the item's `number`
 * and the committee's `genitiveName` (its file's `genitiv:`). A template passes its helper's options
 * last, in place of what it leaves out: only text and numbers are taken.
 */
export function decisionHeading(
  style: HouseStyle,
  phrase: string,
  committee: string,
  isoDate: string,
  number?: unknown,
  genitiveName?: unknown,
): string {
  return fill(phrase, {
    udvalg: committee,
    udvalgs: genitive(committee, typeof genitiveName === 'string' ? genitiveName : undefined),
    dato: styledDate(style, 'beslutning', isoDate),
    punkt: typeof number === 'number' || typeof number === 'string' ? String(number) : '',
  });
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

/** "Mette Holm, sekretær": a participant who is not a member; one without a role by name alone. */
export function participantLine(words: Words, p: Participant): string {
  return p.role === undefined ? p.name : fill(words.deltager, { navn: p.name, rolle: p.role });
}

/** "Dok.nr.: 2005/14", and "Sagsnr.: 14/19290" where the house prints an item's case number: the item's numbers, none where it has none. */
export function itemNumbers(style: HouseStyle, item: Item): string[] {
  return itemNumberFields(style, item).map(([label, value]) => `${label} ${value}`);
}

/** The item's numbers the house prints, each by its label: ["Dok.nr.:", "2005/14"]. */
export function itemNumberFields(style: HouseStyle, item: Item): Array<[string, string]> {
  const numbers: Array<[string, string | undefined]> = [
    [style.ord.dokumentnummer, item.document],
    [style.ord.sagsnummer, style.sagsnummer_i_punkt ? item.sag : undefined],
  ];
  return numbers.flatMap(([label, value]): Array<[string, string]> => (value === undefined ? [] : [[label, value]]));
}

/** "a. Kloakering af Nørregade": a sub-item's heading as the house numbers it. */
export function subItemHeading(words: Words, item: Item, sub: SubItem): string {
  return fill(words.underpunkt, { punkt: String(item.number), bogstav: sub.letter, titel: sub.title });
}

/** The attachments of the sub-item with `letter`, or with none the item's own: each Bilag table lists its own. */
export function bilagOf(item: Item, letter?: string): Item {
  return { ...item, bilag: item.bilag.filter((b) => b.subItem === letter) };
}

/**
 * "Bilag 2.1: Notat Tidsplan for budgetopfølgning 2024, 116728/23" (a sub-item's "Bilag 2a.1"), in the
 * house's words (ord.bilag_mærke): what each of its pages is stamped with. One without a title has the
 * house's word for a closed attachment, without the brackets it has in a list ("Lukket bilag").
 */
export function attachmentLabel(words: Words, { item, bilag }: FiledAttachment): string {
  const title = bilag.title ?? words.lukket_bilag.replace(/^\((.*)\)$/, '$1');
  const nummer = `${item.number}${bilag.subItem ?? ''}.${bilag.number}`;
  return fill(words.bilag_mærke, { nummer, titel: `${title}${bilag.document ? `, ${bilag.document}` : ''}` });
}

/** "side 7": where an attachment begins, in the house's words (ord.side_henvisning). */
export function pageReference(words: Words, page: unknown): string {
  return fill(words.side_henvisning, { side: typeof page === 'number' || typeof page === 'string' ? String(page) : '' });
}

/** "Sted": a front page's label ("Sted:") as a table's heading, which needs no colon. */
export function asHeading(label: string): string {
  return label.replace(/\s*:\s*$/, '');
}

/** "Kommunalbestyrelsen den 30. januar 2012, punkt 5": an earlier treatment of an item. */
export function treatmentLine(style: HouseStyle, t: Treatment): string {
  return fill(style.ord.tidligere_behandling, {
    udvalg: t.committee,
    dato: styledDate(style, 'behandling', t.date),
    punkt: String(t.number),
  });
}

/** "Afbud: Anne Madsen (V) og Jan Holm (A)", or "Afbud: Ingen": the meeting's absent members, under a decision. */
export function absentAtDecision(words: Words, absent: Absence[]): string {
  return `${words.fraværende} ${absent.length ? listed(absent.map((a) => personName(words, a.member))) : words.ingen}`;
}

/**
 * Who did not take part in an item, a line each: "X deltog ikke i behandlingen af punktet." and "... på
 * grund af inhabilitet."; or, where the house lists them (ord.ikke_deltaget_liste), its line and then
 * those who did not take part one a line, each disqualified member still with the line of why.
 */
export function notTakingPartLines(meeting: Meeting, item: Item): string[] {
  const words = meeting.style.ord;
  const values = (n: NotTakingPart) => ({ navn: n.name, medlem: memberName(meeting, n.name) });
  const absent = item.notTakingPart.filter((n) => n.reason === 'fraværende');
  const listed = words.ikke_deltaget_liste !== undefined && absent.length > 0;
  return [
    ...(listed ? [words.ikke_deltaget_liste ?? '', ...absent.map((n) => fill(words.ikke_deltaget_navn ?? '{navn}', values(n)))] : []),
    ...item.notTakingPart
      .filter((n) => !listed || n.reason === 'inhabil')
      .map((n) => fill(n.reason === 'inhabil' ? words.inhabil : words.ikke_deltaget, values(n))),
  ];
}

/** A member or substitute of the meeting by name, with the party letter as the house writes it ("Hanne Berg (C)"). */
function memberName(meeting: Meeting, name: string): string {
  const people = [...meeting.members, ...meeting.absent.flatMap((a) => (a.substitute ? [a.substitute] : []))];
  const person = people.find((p) => p.name === name);
  return person ? personName(meeting.style.ord, person) : name;
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

/** "Tilføjelse den 20-09-2023": an addition's heading, its date as the decision's. */
export function additionHeading(style: HouseStyle, addition: Addition): string {
  return fill(style.ord.tilføjelse, { dato: styledDate(style, 'beslutning', addition.date) });
}

/** A time of approval in Danish time, wherever the tool runs: "7. september 2023 kl. 14.05". */
const approvalTime = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Godkendt 7. september 2023 kl. 14.05", "Godkendt på mødet ...", "Godkendte en tidligere udgave ...", "Ikke godkendt endnu". */
export function approvalLine(words: Words, row: ApprovalRow): string {
  if (row.time === undefined) return words.ikke_godkendt;
  const phrase = row.earlier ? words.godkendt_tidligere : row.atMeeting ? words.godkendt_på_mødet : words.godkendt;
  return fill(phrase, { tid: approvalTime.format(new Date(row.time)) });
}

/** "Med forbehold: ...". */
export function reservationLine(words: Words, text: string): string {
  return fill(words.forbehold, { tekst: text });
}

/** "SHA-256 af den godkendte udgave: 3f1c...". */
export function approvedVersionLine(words: Words, sha256: string): string {
  return fill(words.godkendt_udgave, { sha256 });
}

/**
 * `agenda sag`'s lines of one meeting that took the case up, in that meeting's house's words and its
 * date pattern for a treatment (`behandling`): when, which committee's item, its title and the
 * decision (a closed one only marked, unless `members`).
 */
export function caseStepText(step: CaseStep, members: boolean): string {
  const where = fill(step.style.ord.sagens_punkt, { udvalg: step.committee, nummer: String(step.number) });
  return `${styledDate(step.style, 'behandling', step.date)}  ${where}: ${members ? step.title : step.publicTitle}\n  ${decisionLine(step, members)}\n`;
}

function decisionLine(step: CaseStep, members: boolean): string {
  const words = step.style.ord;
  if (!step.decision) return words.ingen_beslutning;
  const text = step.decision.text.trim().replace(/\s*\n\s*/g, ' ');
  if (!step.decision.lukket) return text;
  return members ? `${words.lukket_beslutning} ${text}` : words.lukket_beslutning;
}

/** "A, F og V". */
export function listed(names: string[]): string {
  return new Intl.ListFormat('da', { type: 'conjunction' }).format(names);
}

/**
 * A CSS string that stays one inside the page's `<style>` element: quotes, backslash, `<` (which
 * could close the element: `</style>`), `>`, `&` and every control or invisible formatting character
 * as a hexadecimal escape, whose trailing space ends the escape and is not printed.
 */
export function cssString(s: string): string {
  return `"${s.replace(/["'\\<>&\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16)} `)}"`;
}
