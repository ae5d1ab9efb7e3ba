import type { Item, Meeting, PoliticalMeeting } from '../model/meeting.js';
import type { Printed } from '../model/versions.js';
import { shortDate } from '../shared/danish-dates.js';
import { cancelledText, politicalMeetingMinute, politicalMeetingName, rulLine } from './danish.js';
import { addendumMark, addendumReason, asHeading, itemNumberFields, memberLine, participantLine, substituteLine } from './wording.js';

// What a document prints beyond its items' sections, as the templates print it (partials/forside.hbs,
// punkt.hbs, kommende-moeder.hbs, politiske-moeder*.hbs), each part by the house's word for it: so that a
// version of the document (model/versions.ts) holds it, and a changed time, place, absentee, calendar or plan is
// a change to tell.

/** The front page's fields (Sted, Start kl., Slut kl., Medlemmer, Øvrige deltagere, Fraværende) that have any text. */
export function frontPage(meeting: Meeting): Printed[] {
  const words = meeting.style.ord;
  const fields: Array<[string, string[]]> = [
    [words.sted, [meeting.place]],
    [words.start, [meeting.start]],
    [words.slut, meeting.style.sluttid && meeting.end ? [meeting.end] : []],
    [
      words.medlemmer,
      [...meeting.seats.map((s) => `${s.title} ${s.name ?? words.vakant}`), ...meeting.members.map((m) => memberLine(words, m))],
    ],
    [words.deltagere, meeting.participants.map((p) => participantLine(words, p))],
    [words.fraværende, meeting.absent.flatMap((a) => [memberLine(words, a.member), ...(a.substitute ? [substituteLine(words, a)] : [])])],
  ];
  return printed(fields);
}

/**
 * What an item prints besides its sections, the case history, the decision's record and its attachments (whose
 * document numbers and notes a version keeps with them, model/versions.ts): its numbers, sagsgang, the lines of an
 * added item, the forward plan and the political meetings; a block each (a point of the plan is one: a closed one is
 * a block the public version reads otherwise, model/changes.ts). What only the minutes print (that an item was added,
 * the political meetings held) is a block of its own, marked `minutes`, so that an agenda compared with its minutes
 * does not tell it.
 */
export function itemPrinted(meeting: Meeting, item: Item): Printed[] {
  const words = meeting.style.ord;
  const plan = item.forwardPlan;
  const review = item.politicalReview;
  const named = (label: string, list: PoliticalMeeting[]) =>
    list.length > 0 ? [label, ...list.map((m) => politicalMeetingName(m, meeting.date, words))] : [];
  const minutes = (list: PoliticalMeeting[], held: boolean) =>
    list.map((m) => [politicalMeetingMinute(m, meeting.date, held, words), m.note].filter(Boolean).join(' '));
  const parts: Part[] = [
    ...itemNumberFields(meeting.style, item).map(([label, value]): Part => [label, [value]]),
    [words.sagsgang, item.sagsgang ? [item.sagsgang] : []],
    [words.tillægsdagsorden, addendumMark(meeting, item), true],
    [words.tillægsdagsorden, addendumReason(meeting, item)],
    [
      words.kommende_møder,
      plan
        ? [
            ...plan.meetings.flatMap((m) => [
              [shortDate(m.date), m.cancelled === undefined ? '' : cancelledText(m.cancelled, words)].filter(Boolean).join(' '),
              ...m.points.map((p) => p.text),
            ]),
            ...(plan.awaiting.length > 0 ? [words.afventer_dato, ...plan.awaiting.map((p) => p.text)] : []),
          ]
        : [],
    ],
    [
      words.politiske_møder,
      review
        ? [
            ...(review.rul ? [rulLine(review.rul, words)] : []),
            ...named(words.politisk_referater, review.held),
            ...named(words.politisk_dagsordener, review.agenda),
            ...named(words.politisk_kommende, review.coming),
          ]
        : [],
    ],
    // The minutes print what was held under the decision too.
    [
      words.politiske_møder,
      review && meeting.kind === 'referat' ? [...minutes(review.held, true), ...minutes(review.agenda, false)] : [],
      true,
    ],
  ];
  return printed(parts);
}

/** A part by the house's label, its lines, and whether only the minutes print it. */
type Part = [label: string, lines: string[], minutes?: boolean];

/** Those with any text, by the house's label without its colon, their lines a block each. */
const printed = (parts: Part[]): Printed[] =>
  parts.flatMap(([label, lines, minutes]) =>
    lines.length > 0 ? [{ heading: asHeading(label), text: lines.join('\n\n'), ...(minutes ? { minutes } : {}) }] : [],
  );
