import type { TemplateDelegate } from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import { weekdayDateInText } from '../shared/danish-dates.js';
import { textTemplate } from '../shared/text-template.js';
import type { Recipient } from './recipients.js';

export interface Letter {
  subject: string;
  text: string;
}

let templates: { subject: TemplateDelegate; body: TemplateDelegate } | undefined;

/** Subject and body, in Danish, from templates/mail/: "Dagsorden til Direktionens møde onsdag den 22. november 2023". */
export function letterFor(meeting: Meeting, recipient: Recipient, attachment: string): Letter {
  templates ??= { subject: textTemplate('mail/emne.hbs'), body: textTemplate('mail/brev.hbs') };
  const context = {
    referat: meeting.kind === 'referat',
    tillæg: meeting.kind === 'tillægsdagsorden',
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
