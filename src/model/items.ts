import type { BilagInput, ClosableTextInput, ItemInput, SubItemInput } from '../input/schema/meeting.js';
import type { StandingItemInput, StandingText } from '../input/schema/standing-items.js';
import { closedWithin, itemClosed } from '../input/fields.js';
import { mainSectionKey } from '../input/house-style.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import type { Location } from '../shared/errors.js';
import type {
  Bilag,
  ClosableText,
  EarlierDecision,
  ForwardPlanView,
  Item,
  ItemSection,
  PlannedPoint,
  PoliticalReview,
  Slot,
  SubItem,
  Treatment,
} from './meeting.js';
import { proceedings, type Proceedings } from './proceedings.js';

export interface ItemDefaults {
  /** The house's sections, in order. */
  sections: HouseStyleInput['afsnit'];
  /** What earlier meetings of other committees decided on a case. */
  earlierDecisions: (sag: string) => EarlierDecision[];
  /** The earlier meetings that took up a case, decided or not; listed where the house wants them (`treatmentsFromCase`). */
  caseTreatments: (sag: string) => Treatment[];
  treatmentsFromCase: boolean;
  /** Who is there to take part and vote: the members present and the substitutes. */
  present: Proceedings;
  sagsgang?: string;
  forwardPlan: ForwardPlanView;
  /** The forward plan's points for this meeting's day. */
  plannedPoints: PlannedPoint[];
  /** The political calendar's review for this meeting, with the clerk's remarks; none without a calendar. */
  politicalReview: (notes?: Record<string, string>) => PoliticalReview | undefined;
  /** Where the `fil:` of an entry's attachment stands in the meeting file (`at`: its path in the entry), for errors about the file. */
  fileAt: (entry: ItemInput, at: Array<string | number>) => Location;
}

/**
 * The agenda's items in order: the standing items placed first, the meeting's own items, the standing
 * items placed last; numbered from 1. A meeting entry with `fast: id` fills in that standing item.
 */
export function mergeItems(standing: StandingItemInput[], entries: ItemInput[], defaults: ItemDefaults): Item[] {
  return itemSources(standing, entries).map((s, i) => ({ ...toItem(s.entry, s.standing, defaults), number: i + 1 }));
}

export interface ItemSource {
  entry: ItemInput | undefined;
  standing: StandingItemInput | undefined;
}

/**
 * What each item is made of, in the items' order: its entry in the meeting file (none for a standing item the file
 * does not name) and its standing item. The items added after the agenda was sent come after all of its own,
 * numbered on from its last, each tillægsdagsorden's in turn.
 */
export function itemSources(standing: StandingItemInput[], entries: ItemInput[]): ItemSource[] {
  const filled = (s: StandingItemInput) => ({ entry: entries.find((e) => e.fast === s.id), standing: s });
  const { first, last } = byPlacement(standing);
  const own = entries.filter((e) => e.fast === undefined && e.tillæg === undefined).map((entry) => ({ entry, standing: undefined }));
  const late = entries.flatMap((entry) => (entry.tillæg === undefined ? [] : [{ entry, addendum: entry.tillæg.nummer }]));
  return [
    ...first.map(filled),
    ...own,
    ...last.map(filled),
    ...late.sort((a, b) => a.addendum - b.addendum).map(({ entry }) => ({ entry, standing: undefined })),
  ];
}

/** The standing items that go before the meeting's own items, and those after them (`placering: sidst`). */
export function byPlacement(standing: StandingItemInput[]): { first: StandingItemInput[]; last: StandingItemInput[] } {
  return { first: standing.filter((s) => s.placering !== 'sidst'), last: standing.filter((s) => s.placering === 'sidst') };
}

function toItem(entry: ItemInput | undefined, standing: StandingItemInput | undefined, defaults: ItemDefaults): Omit<Item, 'number'> {
  const title = entry?.titel ?? standing?.titel;
  if (title === undefined) throw new Error('an item without a title passed validation');
  const lukket = itemClosed(entry, standing);
  return {
    title,
    publicTitle: entry?.offentlig_titel,
    lukket,
    sagsgang: entry?.sagsgang ?? standing?.sagsgang ?? defaults.sagsgang,
    document: entry?.dokumentnummer,
    forwardPlan: standing?.kommende_møder ? defaults.forwardPlan : undefined,
    politicalReview:
      standing?.politisk_kalender && entry?.politiske_møder !== false ? defaults.politicalReview(entry?.bemærkninger) : undefined,
    sections: sections(defaults.sections, standing, entry),
    subItems: (entry?.underpunkter ?? []).map((sub, i) => subItem(sub, i, defaults.sections)),
    tidsplan: timetable(entry, standing, defaults.plannedPoints),
    bilag: entry ? allBilag(entry, lukket, defaults.fileAt) : [],
    ...caseOf(entry, entry?.sag ?? standing?.sag, defaults),
    ...proceedings(entry, defaults.present),
    beslutning: closable(entry?.beslutning),
    additions: (entry?.tilføjelser ?? []).map((a) => ({ date: a.dato, text: { text: a.tekst, lukket: a.lukket ?? false } })),
    addendum: entry?.tillæg && { number: entry.tillæg.nummer, reason: entry.tillæg.begrundelse },
  };
}

/** The case's earlier decisions, and the item's earlier treatments: written by hand, then (where the house wants) the case's. */
function caseOf(
  entry: ItemInput | undefined,
  sag: string | undefined,
  defaults: ItemDefaults,
): Pick<Item, 'sag' | 'earlierDecisions' | 'treatments'> {
  const byHand = (entry?.tidligere_behandlinger ?? []).map((t) => ({ committee: t.udvalg, date: t.dato, number: t.punkt }));
  const fromCase = sag === undefined || !defaults.treatmentsFromCase ? [] : defaults.caseTreatments(sag);
  return { sag, earlierDecisions: sag === undefined ? [] : defaults.earlierDecisions(sag), treatments: [...byHand, ...fromCase] };
}

/** The meeting's timetable; without one, an item that takes the plan's points lists them, times left open. */
function timetable(entry: ItemInput | undefined, standing: StandingItemInput | undefined, planned: PlannedPoint[]): Slot[] {
  if (entry?.tidsplan) return entry.tidsplan.map((s) => ({ time: s.tid, subject: s.punkt, lukket: s.lukket ?? false }));
  return standing?.fra_plan ? planned.map((p) => ({ subject: p.text, lukket: p.lukket })) : [];
}

/**
 * The house's sections, each with the standing text before and after what the meeting adds. The
 * main one, which also shows the timetable and what the plan and the calendar give, is
 * `sagsfremstilling`, or the first where the house has none.
 */
function sections(
  style: HouseStyleInput['afsnit'],
  standing: StandingItemInput | undefined,
  entry: Pick<ItemInput, 'afsnit'> | undefined,
): ItemSection[] {
  const main = mainSectionKey(style);
  return style.map((a) => {
    const fixed: StandingText | undefined = standing?.afsnit[a.nøgle];
    return {
      key: a.nøgle,
      heading: a.overskrift,
      main: a.nøgle === main,
      before: fixed?.før,
      text: closable(entry?.afsnit[a.nøgle]),
      after: fixed?.efter,
    };
  });
}

function closable(input: ClosableTextInput | undefined): ClosableText | undefined {
  return input && { text: input.tekst, lukket: input.lukket };
}

/** A sub-item's letter by its place: a ... z, then aa, ab ... */
export function subItemLetter(index: number): string {
  const letter = String.fromCharCode(97 + (index % 26));
  return index < 26 ? letter : subItemLetter(Math.floor(index / 26) - 1) + letter;
}

function subItem(input: SubItemInput, index: number, style: HouseStyleInput['afsnit']): SubItem {
  return {
    letter: subItemLetter(index),
    title: input.titel,
    publicTitle: input.offentlig_titel,
    lukket: input.lukket ?? false,
    sections: sections(style, undefined, input).map((s) => ({ ...s, main: false })),
  };
}

/** The item's attachments, then each sub-item's, marked with its letter; a closed item's or sub-item's are closed. */
function allBilag(entry: ItemInput, itemLukket: boolean, fileAt: ItemDefaults['fileAt']): Bilag[] {
  const own = numbered(entry.bilag ?? [], itemLukket, (i) => fileAt(entry, ['bilag', i]));
  const subs = (entry.underpunkter ?? []).flatMap((sub, k) =>
    numbered(sub.bilag ?? [], closedWithin(itemLukket, sub.lukket), (i) => fileAt(entry, ['underpunkter', k, 'bilag', i])).map((b) => ({
      ...b,
      subItem: subItemLetter(k),
    })),
  );
  return [...own, ...subs];
}

/** An attachment's number is the clerk's where given, else its place in the list; a closed item's attachments are closed. */
function numbered(list: BilagInput[], lukket: boolean, fileAt: (index: number) => Location): Bilag[] {
  return list.map((b, i) => ({
    number: b.nummer ?? i + 1,
    lukket: closedWithin(lukket, b.lukket),
    title: b.titel,
    document: b.dokument,
    publicNote: b.offentlig_note,
    file: b.fil === undefined ? undefined : { path: b.fil, at: fileAt(i) },
  }));
}
