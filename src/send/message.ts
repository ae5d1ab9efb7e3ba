import type { TemplateDelegate } from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import { weekdayDateInText } from '../shared/danish-dates.js';
import { textTemplate } from '../shared/text-template.js';
import { fill } from '../render/wording.js';
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
  const values = { navn: name, udvalg: meeting.committee, dato: weekdayDateInText(meeting.date), dokument: attachment };
  return { subject: fill(meeting.style.ord.påmindelse_emne, values), text: `${fill(meeting.style.ord.påmindelse_brev, values)}\n` };
}

let templates: { subject: TemplateDelegate; body: TemplateDelegate } | undefined;

/** Subject and body, in Danish, from templates/mail/: "Dagsorden til Direktionens møde onsdag den 22. november 2023". */
export function letterFor(meeting: Meeting, recipient: Recipient, attachment: string): Letter {
  templates ??= { subject: textTemplate('mail/emne.hbs'), body: textTemplate('mail/brev.hbs') };
  const context = {
    referat: meeting.kind === 'referat',
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
