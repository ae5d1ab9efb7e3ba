import type { TemplateDelegate } from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import { capitalized, weekdayDateInText } from '../shared/danish-dates.js';
import { textTemplate } from '../shared/text-template.js';
import type { Recipient } from './recipients.js';

export interface Letter {
  subject: string;
  text: string;
}

let templates: { subject: TemplateDelegate; body: TemplateDelegate } | undefined;

/** Subject and body, in Danish and the house's words, from templates/mail/: "Dagsorden til Direktionens møde onsdag den 22. november 2023". */
export function letterFor(meeting: Meeting, recipient: Recipient, attachment: string): Letter {
  templates ??= { subject: textTemplate('mail/emne.hbs'), body: textTemplate('mail/brev.hbs') };
  const words = meeting.style.ord;
  // The document within a sentence: "referatet", "dagsordenen".
  const inText = meeting.kind === 'referat' ? words.referatet : words.dagsordenen;
  const context = {
    referat: meeting.kind === 'referat',
    kind: words[meeting.kind],
    document: inText,
    Document: capitalized(inText),
    committee: meeting.committee,
    weekdayDate: weekdayDateInText(meeting.date),
    start: meeting.start,
    end: meeting.end,
    place: meeting.place,
    name: recipient.name,
    attachment,
  };
  return { subject: templates.subject(context).trim(), text: templates.body(context) };
}
