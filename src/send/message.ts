import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import { Handlebars } from '../bundled.js';
import type { Meeting } from '../model/meeting.js';
import { templatesDir } from '../paths.js';
import { weekdayDate } from '../render/danish.js';
import type { Recipient } from './recipients.js';

export interface Letter {
  subject: string;
  text: string;
}

let templates: { subject: TemplateDelegate; body: TemplateDelegate } | undefined;

/** Subject and body, in Danish, from templates/mail/: "Dagsorden til Direktionens møde onsdag den 22. november 2023". */
export function letterFor(meeting: Meeting, recipient: Recipient, attachment: string): Letter {
  templates ??= {
    subject: compile('emne.hbs'),
    body: compile('brev.hbs'),
  };
  const context = {
    referat: meeting.kind === 'referat',
    committee: meeting.committee,
    weekdayDate: weekdayDate(meeting.date).toLocaleLowerCase('da'),
    start: meeting.start,
    end: meeting.end,
    place: meeting.place,
    name: recipient.name,
    attachment,
  };
  return { subject: templates.subject(context).trim(), text: templates.body(context) };
}

function compile(file: string): TemplateDelegate {
  return Handlebars.compile(readFileSync(path.join(templatesDir, 'mail', file), 'utf8'), { noEscape: true });
}
