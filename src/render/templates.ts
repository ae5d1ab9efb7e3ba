import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Handlebars } from '../shared/bundled.js';
import type { Item, Meeting, Seat, Section } from '../model/meeting.js';
import { templatesDir } from '../shared/paths.js';
import { kindName, numericDate, shortDate, weekdayDate, weekdayDateInText } from '../shared/danish-dates.js';
import { politicalMeetingMinute, politicalMeetingName, rulLine } from './danish.js';
import { markdownInlineToHtml, markdownToHtml } from './markdown.js';
import { holdsClosed } from '../model/closed.js';

export type Templates = ReturnType<typeof Handlebars.create>;

/** Handlebars with the helpers and the shared partials (templates/partials/) that print and web pages both use. */
export function createTemplates(): Templates {
  const hbs = Handlebars.create();
  const hasText = (s: Section) => Boolean(s.before ?? s.text ?? s.after);
  hbs.registerHelper({
    md: (source: unknown) => new hbs.SafeString(typeof source === 'string' ? markdownToHtml(source) : ''),
    upper: (s: string) => s.toLocaleUpperCase('da'),
    holder: (seat: Seat) => seat.name ?? 'Vakant',
    hasText,
    holdsClosed,
    hasSagsfremstilling: (item: Item) =>
      hasText(item.sagsfremstilling) || item.tidsplan.length > 0 || (item.forwardPlan?.awaiting.length ?? 0) > 0 || item.politicalReview !== undefined,
    /** In minutes, the item that reviews the political meetings always has a decision: what was held. */
    hasBeslutning: (item: Item, meeting: Meeting) => item.beslutning !== undefined || (meeting.kind === 'referat' && item.politicalReview !== undefined),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    mdInline: (source: unknown) => new hbs.SafeString(typeof source === 'string' ? markdownInlineToHtml(source) : ''),
    politicalMeetingName,
    politicalMeetingMinute,
    rulLine,
    weekdayDate,
    weekdayDateInText,
    numericDate,
    shortDate,
    kindName,
  });
  const partials = path.join(templatesDir, 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) hbs.registerPartial(path.basename(file, '.hbs'), readTemplate(path.join('partials', file)));
  return hbs;
}

/** A file of templates/, by its path there. */
export function readTemplate(file: string): string {
  return readFileSync(path.join(templatesDir, file), 'utf8');
}
