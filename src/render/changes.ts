import type { Change, ItemChange } from '../model/changes.js';
import { meetingHoldsClosed } from '../model/closed.js';
import type { HouseStyle, Meeting } from '../model/meeting.js';
import type { RenderedDocument } from '../shared/printable.js';
import { compileTemplate } from '../shared/precompiled-templates.js';
import { fontFaceCss } from './fonts.js';
import { createTemplates, readTemplate } from './templates.js';
import { cssString, documentName, fill, styledDate } from './wording.js';

// What changed in a meeting's document, in the house's words: one line per change (the mail of a
// corrected version lists them), and a page with the words added and removed marked (agenda diff).

/**
 * "Punkt 4 er tilføjet: Budget", "Punkt 2 Økonomi: Sagsfremstilling er ændret", "Forsiden: Sted er ændret". A mail (`inMail`) names an earlier
 * meeting of the case's history that was closed in part, or of a closed item (whose history the public does not see),
 * by the house's word for it, not its committee and day.
 */
export function changeLine(style: HouseStyle, change: Change, inMail = false): string {
  const words = style.ord;
  if (change.type === 'front-changed') return fill(words.forside_ændret, { felt: change.heading });
  const number = String(change.number);
  const titel = change.title;
  switch (change.type) {
    case 'item-added':
      return fill(words.punkt_tilføjet, { nummer: number, titel });
    case 'item-removed':
      return fill(words.punkt_fjernet, { nummer: number, titel });
    case 'item-moved':
      return fill(words.punkt_flyttet, { fra: String(change.from), nummer: number, titel });
    case 'title-changed':
      return fill(words.titel_ændret, { nummer: number, titel });
    case 'text-changed':
      return fill(words.tekst_ændret, { nummer: number, titel, afsnit: change.heading });
    case 'attachment-added':
      return fill(words.bilag_tilføjet, { nummer: number, bilag: change.attachment });
    case 'attachment-removed':
      return fill(words.bilag_fjernet, { nummer: number, bilag: change.attachment });
    case 'attachment-replaced':
      return fill(words.bilag_erstattet, { nummer: number, bilag: change.attachment });
    case 'history-added':
    case 'history-removed':
    case 'history-changed': {
      const { step } = change;
      const behandling =
        inMail && (step.lukket || change.lukket)
          ? words.lukket_behandling
          : fill(words.behandling_navn, { udvalg: step.committee, dato: styledDate(style, 'behandling', step.date) });
      const phrase = {
        'history-added': words.behandling_tilføjet,
        'history-removed': words.behandling_fjernet,
        'history-changed': words.behandling_ændret,
      }[change.type];
      return fill(phrase, { nummer: number, titel, behandling });
    }
    default:
      return partLine(style, change);
  }
}

/** A sub-item's change ("a. Kloakering af Nørregade"), or an addition's (by its day). */
function partLine(style: HouseStyle, change: ItemChange): string {
  const words = style.ord;
  const nummer = String(change.number);
  const underpunkt = 'letter' in change ? `${change.letter}. ${change.subTitle}` : '';
  const dato = 'date' in change ? styledDate(style, 'titel', change.date) : '';
  switch (change.type) {
    case 'sub-item-added':
      return fill(words.underpunkt_tilføjet, { nummer, underpunkt });
    case 'sub-item-removed':
      return fill(words.underpunkt_fjernet, { nummer, underpunkt });
    case 'sub-item-retitled':
      return fill(words.underpunkt_titel_ændret, { nummer, underpunkt });
    case 'sub-item-text-changed':
      return fill(words.underpunkt_ændret, { nummer, underpunkt, afsnit: change.heading });
    case 'addition-added':
      return fill(words.tilføjelse_tilføjet, { nummer, dato });
    case 'addition-removed':
      return fill(words.tilføjelse_fjernet, { nummer, dato });
    default:
      return fill(words.tilføjelse_ændret, { nummer, dato });
  }
}

/** Where a comparison starts: the version sent on a day (an ISO time), or a revision of the repository. */
export type VersionFrom = { sentAt: string } | { revision: string };

/** "udgaven sendt 20. november 2023", "udgaven i HEAD~1". */
export function versionName(style: HouseStyle, from: VersionFrom): string {
  if ('revision' in from) return fill(style.ord.udgave_revision, { revision: from.revision });
  return fill(style.ord.udgave_sendt, { dato: sentDay(style, from.sentAt) });
}

/** YYYY-MM-DD in Danish time, as approvals' times are told (wording.ts): the day does not follow the machine's time zone. */
const danishDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day a message was sent, in the house's pattern for titles, as the day was in Denmark. */
export function sentDay(style: HouseStyle, sentAt: string): string {
  return styledDate(style, 'titel', danishDay.format(new Date(sentAt)));
}

let page: ((context: object) => string) | undefined;

/**
 * The page of what changed in `meeting`'s documents since `from`, ready to print or to write as HTML: a change of an
 * item of a tillægsdagsorden (`addendum`, its number) names it, as the terminal does.
 */
export function renderChanges(meeting: Meeting, changes: Array<Change & { addendum?: number }>, from: VersionFrom): RenderedDocument {
  const words = meeting.style.ord;
  const hbs = createTemplates();
  page ??= compileTemplate(hbs, readTemplate('aendringer.hbs'));
  const style = compileTemplate(hbs, readTemplate('head.hbs'))({ css: readTemplate('style.css'), fontFaces: fontFaceCss() });
  const heading = fill(words.ændringer, { dokument: documentName(meeting) });
  const context = {
    title: heading,
    heading,
    style,
    since: fill(words.ændret_siden, { fra: versionName(meeting.style, from) }),
    changes: changes.map((c) => ({
      line: changeLine(meeting.style, c),
      addendum: c.addendum === undefined ? undefined : fill(words.tillægsdagsorden_nr, { nummer: String(c.addendum) }),
      parts: 'parts' in c ? c.parts : undefined,
    })),
    addedMark: words.tilføjet,
    removedMark: words.fjernet,
    none: words.ingen_ændringer,
    // The members' page names closed items and their words: it warns as every members' document does, and marks each page.
    closed: meetingHoldsClosed(meeting) ? words.lukket_advarsel : undefined,
    closedPageMarker: cssString(words.lukket_indhold),
  };
  const html = page(context);
  const body = html.slice(html.indexOf('<body'), html.lastIndexOf('</html>'));
  return { html: () => html, style, body, numberedParts: [], contents: [] };
}
