import type { TemplateDelegate } from 'handlebars';
import type { Change, ItemChange } from '../model/changes.js';
import type { Meeting } from '../model/meeting.js';
import { publicTitle } from '../model/public.js';
import { changeLine, sentDay } from '../render/changes.js';
import { committeeGenitiveOf, fill, kindWord } from '../render/wording.js';
import { capitalized, weekdayDateInText } from '../shared/danish-dates.js';
import { Handlebars } from '../shared/bundled.js';
import type { HousePages } from '../shared/house-templates.js';
import { TemplateError } from '../render/templates.js';
import { oncePerHouse, pageFile, pageTemplate } from '../render/house-pages.js';
import type { Recipient } from './recipients.js';

export interface Letter {
  subject: string;
  text: string;
}

/**
 * The reminder to approve the minutes, in the house's words (påmindelse_emne, påmindelse_brev): to a
 * member who took part and has not approved them as they stand.
 */
export function reminderFor(meeting: Meeting, name: string, attachment: string): Letter {
  const values = {
    navn: name,
    udvalg: meeting.committee,
    udvalgs: committeeGenitiveOf(meeting),
    dato: weekdayDateInText(meeting.date),
    dokument: attachment,
  };
  return { subject: fill(meeting.style.ord.påmindelse_emne, values), text: `${fill(meeting.style.ord.påmindelse_brev, values)}\n` };
}

interface LetterTemplates {
  subject: TemplateDelegate;
  body: TemplateDelegate;
}

/** The house's subject and letter (husstil/mail/emne.hbs, brev.hbs) where it has them, else the package's; unescaped, as text. */
const templatesOf = oncePerHouse((house): LetterTemplates => {
  const compile = (file: string) => pageTemplate(Handlebars.create(), house, 'mail', file, { noEscape: true });
  return { subject: compile('emne.hbs'), body: compile('brev.hbs') };
});

/** A subject or letter of the house's that came out empty: a message with nothing to say is not sent. */
function said(text: string, house: HousePages | undefined, file: string): string {
  if (text.trim() === '')
    throw new TemplateError(`${pageFile(house, 'mail', file)}: the ${file === 'emne.hbs' ? 'subject' : 'letter'} is empty`);
  return text;
}

/** That a recipient holds another version of the document: when it was sent, and what changed since (unknown where it was not kept). */
export interface Correction {
  sentAt: string;
  changes?: Change[];
}

/**
 * Subject and body, in Danish and the house's words, from templates/mail/ or the house's own
 * (husstil/mail/, `house`), given the same fields: "Dagsorden til Direktionens møde onsdag den 22.
 * november 2023". A corrected version says so in the house's words, with what changed since the
 * version the recipient got.
 */
export function letterFor(meeting: Meeting, recipient: Recipient, attachment: string, correction?: Correction, house?: HousePages): Letter {
  const templates = templatesOf(house);
  const words = meeting.style.ord;
  // The document within a sentence: "referatet", "dagsordenen".
  const inText = { referat: words.referatet, dagsorden: words.dagsordenen, tillægsdagsorden: words.tillægsdagsordenen }[meeting.kind];
  const context = {
    referat: meeting.kind === 'referat',
    kind: kindWord(meeting),
    document: inText,
    Document: capitalized(inText),
    committee: meeting.committee,
    // "Økonomiudvalgets", or the committee file's own genitive.
    committeeGenitive: committeeGenitiveOf(meeting),
    weekdayDate: weekdayDateInText(meeting.date),
    start: meeting.start,
    end: meeting.end,
    place: meeting.place,
    name: recipient.name,
    attachment,
    correction: correction && correctionText(meeting, correction),
  };
  const subject = said(templates.subject(context), house, 'emne.hbs').trim();
  const text = said(templates.body(context), house, 'brev.hbs');
  return { subject: correction ? fill(meeting.style.ord.rettet_emne, { emne: subject }) : subject, text };
}

/** A closed item's public title, where the meeting still holds it; the house's word for a closed item where it was removed. */
function mailTitle(meeting: Meeting, change: ItemChange): string {
  const item = meeting.items.find((i) => i.number === change.number && i.title === change.title);
  return item ? publicTitle(item, meeting.style.ord.lukket_punkt) : meeting.style.ord.lukket_punkt;
}

/** A change as a mail may name it: a closed item, and a closed sub-item, by its public title; a closed attachment by its number. */
function mailed(meeting: Meeting, change: Change): Change {
  if (change.type === 'front-changed') return change;
  const named = change.lukket ? { ...change, title: mailTitle(meeting, change) } : change;
  if ('closed' in named && named.closed) return { ...named, attachment: named.closed.number };
  if (!('subLukket' in named) || !named.subLukket) return named;
  const sub = meeting.items.find((i) => i.number === change.number)?.subItems.find((s) => s.letter === named.letter);
  return { ...named, subTitle: sub?.publicTitle ?? meeting.style.ord.lukket_punkt };
}

function correctionText(meeting: Meeting, { sentAt, changes }: Correction): { intro: string; lines: string[] } {
  const words = meeting.style.ord;
  const dato = sentDay(meeting.style, sentAt);
  if (!changes) return { intro: fill(words.rettet_uden_liste, { dato }), lines: [] };
  // A mail is no closed document: a closed item is named by its public title, as the public site names it, a closed attachment by its
  // number, an earlier meeting of the case's history closed there by the house's word (changeLine).
  const lines = changes.map((c) => changeLine(meeting.style, mailed(meeting, c), true));
  return { intro: fill(words.rettet_brev, { dato }), lines: lines.length ? lines : [words.ingen_ændringer] };
}
