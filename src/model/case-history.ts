import type { ClosableText, EarlierDecision, HouseStyle, Item, Meeting, Treatment } from './meeting.js';
import { publicTitle } from './public.js';

/** What a case's history keeps of a meeting: what caseSteps reads, of its items that take up a case. */
export interface CaseMeeting extends Pick<Meeting, 'committee' | 'date' | 'style'> {
  items: Array<Pick<Item, 'sag' | 'number' | 'title' | 'publicTitle' | 'lukket' | 'beslutning'>>;
}

/**
 * A meeting as its cases' history keeps it. A run of many meetings holds the history of the whole
 * repository while it reads them (historyOnce): held whole, the merged meetings, whose strings are
 * slices of their files' texts (V8 keeps a text whole while a slice of it lives), kept every meeting
 * file's text and model twice over while a first publication read them. So the items taken are copied
 * of their JSON; the house style is the committee's, shared, not copied.
 */
export function caseMeeting({ committee, date, style, items }: Meeting): CaseMeeting {
  const own = items.flatMap(({ sag, number, title, publicTitle, lukket, beslutning }) =>
    sag === undefined ? [] : [{ sag, number, title, publicTitle, lukket, beslutning }],
  );
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- JSON of plain data, of this very type
  return { committee, date, style, items: JSON.parse(JSON.stringify(own)) as CaseMeeting['items'] };
}

/** One meeting's handling of a case: which committee, when, under which item number, and what it decided. */
export interface CaseStep {
  committee: string;
  date: string;
  number: number;
  /** The item's title, as the members see it. */
  title: string;
  /** Whether the item was closed at that meeting. */
  lukket: boolean;
  /** The title the public sees: a closed item's public title, or the house's "Lukket punkt". */
  publicTitle: string;
  /** Closed where the item or the decision was closed at that meeting. */
  decision?: ClosableText;
  /** That meeting's house, whose words and date pattern `agenda sag` tells it in. */
  style: HouseStyle;
}

/** Every meeting among `meetings` that took up the case `sag`, in date order (a day's meetings in the order given). */
export function caseSteps(meetings: CaseMeeting[], sag: string): CaseStep[] {
  return meetings
    .flatMap((m) =>
      m.items
        .filter((i) => i.sag === sag)
        .map((i) => ({
          committee: m.committee,
          date: m.date,
          number: i.number,
          title: i.title,
          lukket: i.lukket,
          publicTitle: publicTitle(i, m.style.ord.lukket_punkt),
          decision: i.beslutning && { text: i.beslutning.text, lukket: i.lukket || i.beslutning.lukket },
          style: m.style,
        })),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * What other committees decided on the case before `date`: the decisions an item that takes it up shows, in order.
 * A closed one is for the members of the committee that decided it, not this one's, whose documents are mailed
 * to them: it shows that a closed decision was made, where and when, in the house's words (`closedWords`,
 * ord.lukket_beslutning), never its text. The committee's own meetings are not among them (written by hand).
 */
export function earlierDecisions(
  history: CaseMeeting[],
  sag: string,
  date: string,
  committee: string,
  closedWords: string,
): EarlierDecision[] {
  return caseSteps(history, sag).flatMap((s) =>
    s.decision && s.date < date && s.committee !== committee
      ? [
          {
            committee: s.committee,
            date: s.date,
            number: s.number,
            decision: s.decision.lukket ? { text: closedWords, lukket: true } : s.decision,
          },
        ]
      : [],
  );
}

/**
 * The earlier meetings in `history` that took up the case before `date`: an item's earlier treatments.
 * A meeting's history is the other committees' meetings (readMeeting leaves its own committee out, so
 * its fingerprint need not cover the committee's other meetings): the committee's own earlier
 * treatments are the clerk's to write by hand.
 */
export function earlierTreatments(history: CaseMeeting[], sag: string, date: string): Treatment[] {
  return caseSteps(history, sag).flatMap((s) =>
    s.date < date ? [{ committee: s.committee, date: s.date, number: s.number, lukket: s.lukket }] : [],
  );
}
