import { create } from 'xmlbuilder2';
import { longDate } from '../shared/danish-dates.js';
import { meetingStates, type AgendaItemData, type MeetingData } from './data-schema.js';

// A publication folder in the shape SBSYS writes for OS2web: one folder per meeting with the
// "Dagsorden" XML and the document as dagsorden.html beside it. OS2web's importer
// (os2web_meetings_sbsys: its migration's XPath selectors and its source plugin) is the
// specification: it reads every *.xml under the folder it is given, and the file dagsorden.html
// next to each as the meeting's document; each item's Bilagsliste names its attachments' files, by
// their paths in the folder (MeetingsDirectory::processEnclosures).

/** The name the importer looks for beside the XML (MeetingsDirectorySbsys::convertAgendaDocumentToCanonical). */
export const sbsysDocumentName = 'dagsorden.html';

export interface SbsysCommittee {
  id: string;
  name: string;
}

/**
 * The meeting's XML, from its public data. The agenda and the minutes of a meeting share one
 * DagsordenID, so that OS2web updates the meeting when the minutes come instead of filing the minutes
 * as an addendum to it (its postImport groups a meeting's agendas and makes all but the first addenda).
 */
export function sbsysXml(committee: SbsysCommittee, data: MeetingData, addendum?: number): string {
  // XML 1.0 cannot hold most control characters, escaped or not: the checks refuse them in the
  // YAML, and any that come another way are left out rather than make the file not well-formed.
  const id = `${committee.id}-${data.start.slice(0, 10)}`;
  const agendaId = `${id}${addendum === undefined ? '' : sbsysAddendumSuffix(addendum)}`;
  const [startDate, startTime] = danishDateTime(data.start);
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('Dagsorden', {
    DagsordenID: agendaId,
    Åben: 'true',
    Dagsordentype: data.meetingState === meetingStates.referat ? 'Referat' : 'Dagsorden',
  });
  root.ele('Møde', {
    MødeID: id,
    Udvalg: committee.name,
    UdvalgID: committee.id,
    Mødedato: startDate,
    Mødetid: startTime,
    ...endAttributes(data.end ?? data.start),
    Mødested: data.location.description,
  });
  const items = root.ele('Dagsordenpunkter');
  for (const item of data.agendaItem ?? []) {
    const point = items.ele('Dagsordenpunkt', {
      DagsordenpunktID: `${agendaId}-${item.number}`,
      Nummer: item.number,
      Åbent: String(item.public),
    });
    point.ele('Overskrift').txt(item.name);
    // Each text is an element named by its heading, its body HTML (the importer takes the element's name as the title).
    const content = point.ele('Indhold');
    for (const [name, html] of textsByName(item['agenda:sections'] ?? [])) content.ele(name).txt(html);
    if (!item.auxiliaryFile) continue;
    const files = point.ele('Bilagsliste');
    for (const file of item.auxiliaryFile) {
      files.ele('Bilag', {
        BilagID: `${committee.id}-${file.fileName.replace(/\.pdf$/, '')}`,
        Navn: file.name,
        MaaPubliceres: 'true',
        BilagUrl: file.fileName,
      });
    }
  }
  return root.end({ prettyPrint: true }) + '\n';
}

/**
 * A tillægsdagsorden's DagsordenID and folder after its meeting's: `-tillaeg-1`. The importer's
 * postImport (os2web_meetings, MeetingsDirectory) groups the agendas it imported by their meeting's
 * MødeID and makes every one but the first (the lowest node id: the agenda, imported before its
 * addenda) an addendum of it (field_os2web_m_addendum); the minutes keep the agenda's DagsordenID.
 */
export function sbsysAddendumSuffix(addendum: number): string {
  return `-tillaeg-${addendum}`;
}

/**
 * The items of the meeting's XML: before the meeting the agenda's (those added later go in their
 * addendum's XML), after it every item of the minutes; of addendum `addendum`, its own.
 */
export function sbsysItems(data: MeetingData, addendum?: number): AgendaItemData[] {
  const minutes = data.meetingState === meetingStates.referat;
  return (data.agendaItem ?? []).filter((i) => inSbsysFolder(i['agenda:addendum'], addendum, minutes));
}

/** Whether an item that came with addendum `itemAddendum` (none: with the agenda) is in the folder of addendum `addendum` (none: the meeting's). */
export const inSbsysFolder = (itemAddendum: number | undefined, addendum: number | undefined, minutes: boolean) =>
  addendum !== undefined ? itemAddendum === addendum : minutes || itemAddendum === undefined;

/**
 * Sections by element name, which the importer takes as each text's title (convertAttachmentsToCanonical
 * keys them by it): the house's heading, as far as a name can hold it. "Økonomiske konsekvenser" →
 * Økonomiske_konsekvenser, "Bilag:" → Bilag, a house style's "1. Sagsfremstilling" → Sagsfremstilling, and
 * a decision under its heading with its committee and date, so an earlier committee's decision carried into
 * the item is not read as the item's own. A name twice would become a list in the importer's array, so
 * texts under one name are joined.
 */
function textsByName(sections: NonNullable<AgendaItemData['agenda:sections']>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { heading, html } of sections) {
    const name = elementName(heading);
    texts.set(name, (texts.get(name) ?? '') + html);
  }
  return texts;
}

// XML 1.0's NameStartChar (less ':' and '_') and NameChar (§2.3): what an element's name may begin
// with and hold. A heading may begin with a number, and hold "²" or "½", which no name may.
const nameStart =
  'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F' +
  '\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// eslint-disable-next-line no-misleading-character-class -- the ranges of XML's name characters, code point by code point (the u flag)
const notInName = new RegExp(`[^${nameStart}_\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]+`, 'gu');
// eslint-disable-next-line no-misleading-character-class -- the ranges of XML's name characters, code point by code point (the u flag)
const beforeName = new RegExp(`^[^${nameStart}]+`, 'u');

/** A heading as an element's name: what no name holds as '_', from its first letter on; "Tekst" where it has none. */
function elementName(heading: string): string {
  return heading.replace(notInName, '_').replace(beforeName, '').replace(/_+$/, '') || 'Tekst';
}

/**
 * The end's attributes. The importer reads them always (convertEndDateToCanonical: date . ' ' . time
 * into a DateTime): left out, it would file the meeting as ending when it was imported. A meeting
 * without an end time (a house that prints none) ends, as far as OS2web is told, when it starts.
 */
function endAttributes(end: string): { Mødeslutdato: string; Mødesluttid: string } {
  const [Mødeslutdato, Mødesluttid] = danishDateTime(end);
  return { Mødeslutdato, Mødesluttid };
}

/** "2023-11-22T09:00:00+01:00" → ["22. november 2023", "09:00"], which the importer reads as Copenhagen time. */
function danishDateTime(local: string): [string, string] {
  return [longDate(local.slice(0, 10)), local.slice(11, 16)];
}
