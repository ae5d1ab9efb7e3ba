import { DOMParser, type Element } from '@xmldom/xmldom';

// OS2web's SBSYS importer, as far as it reads a meeting's items and their texts, ported from its PHP:
// - os2web_meetings (develop, 2023-10-13), src/Plugin/migrate_plus/data_parser/SimpleXmlArray.php,
//   fetchNextRow: a field whose element has children becomes json_decode(json_encode($value->children())),
//   the array PHP makes of a SimpleXMLElement;
// - os2web_meetings_sbsys (master, 2023-11-24), src/Plugin/migrate/source/MeetingsDirectorySbsys.php,
//   convertBulletPointsToCanonical and convertAttachmentsToCanonical: each child of Indhold a text, its
//   element's name the text's title (and its id), its value the body;
// - os2web_meetings, src/Plugin/migrate/source/MeetingsDirectory.php, processAttachments: a body that is
//   an array (a name twice) is imploded, then cleanHtml'd (every cleaning its settings offer, switched on);
// - SimpleXmlArray::openSourceUrl: character references "&#x<digits>;" are cut from the XML before it is read.
// Checked against PHP 8.2's json_encode of simplexml_load_string(..., LIBXML_NOCDATA).

/** What PHP's json_encode makes of a SimpleXMLElement, decoded as an associative array. */
export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };

export interface ImportedText {
  title: string;
  body: string;
}

export interface ImportedBulletPoint {
  id: string;
  number: string;
  title: string;
  access: boolean;
  attachments: ImportedText[];
}

/**
 * The meeting's start and end as the importer's migration selects them (Møde/@Mødedato, @Mødetid,
 * @Mødeslutdato, @Mødesluttid) and convertStartDateToCanonical / convertEndDateToCanonical join them,
 * date . ' ' . time, before PHP's DateTime reads it: an attribute left out is an empty string, so a
 * missing end is ' ', which DateTime reads as the moment of the import.
 */
export function importedMeetingTimes(xml: string): { start: string; end: string } {
  const meeting = new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagName('Møde').item(0);
  const joined = (date: string, time: string) => `${meeting?.getAttribute(date) ?? ''} ${meeting?.getAttribute(time) ?? ''}`;
  return { start: joined('Mødedato', 'Mødetid'), end: joined('Mødeslutdato', 'Mødesluttid') };
}

/** The bullet points of one SBSYS XML file (the field bullet_points: Dagsordenpunkter), as the importer has them. */
export function importedBulletPoints(xml: string): ImportedBulletPoint[] {
  const root = new DOMParser().parseFromString(xml.replace(/&#x\d+?;|&#x\w;/g, ''), 'text/xml').documentElement;
  const points = root && childElements(root).find((e) => e.nodeName === 'Dagsordenpunkter');
  const source = points ? childrenArray(points)['Dagsordenpunkt'] : undefined;
  return listOf(source).map(bulletPoint);
}

function bulletPoint(point: PhpValue): ImportedBulletPoint {
  const value = objectOf(point);
  const attributes = objectOf(value['@attributes'] ?? {});
  const content = value['Indhold'];
  return {
    id: stringOf(attributes['DagsordenpunktID']),
    number: stringOf(attributes['Nummer']),
    title: stringOf(value['Overskrift']),
    access: stringOf(attributes['Åbent']).toLowerCase() === 'true',
    // convertAttachmentsToCanonical: foreach ($source_attachments as $title => $body).
    attachments: Object.entries(content === undefined ? {} : objectOf(content)).map(([title, body]) => ({
      title,
      body: cleanHtml(bodyOf(body)),
    })),
  };
}

/** processAttachments: implode("", $body) where the body is an array; a string as it is. */
function bodyOf(body: PhpValue): string {
  return typeof body === 'string' ? body : Object.values(body).map(bodyOf).join('');
}

/** The tags the test's site has clear of style attributes (the setting clear_html_tags_list). */
const clearHtmlTagsList = ['p', 'div', 'span', 'table', 'td', 'th', 'tr', 'ul', 'ol', 'li', 'a'];

/** MeetingsDirectory::cleanHtml with replace_multiple_nbsp, replace_empty_paragraphs on, max_sequential_br 1. */
function cleanHtml(html: string): string {
  let clean = html;
  for (const tag of clearHtmlTagsList) {
    // clearHtmlTags: '#<tag(.*?)>#is', each match without '#\sstyle="(.*?)"#is'.
    clean = clean.replace(new RegExp(`<${tag}([\\s\\S]*?)>`, 'gi'), (match) => match.replace(/\sstyle="([\s\S]*?)"/gi, ''));
  }
  clean = clean.replace(/(\u00A0|&nbsp;){2,}/gu, '&nbsp;');
  clean = clean.replace(/(<p( )*?>((<span>)*?)(|&nbsp;)((<\/span>)*?)<\/p>\s*)+/gi, '<br/>');
  return clean.replace(/(<br>|<br\/>|<br \/>){2,}/gi, '');
}

/** json_encode($element->children()): its child elements by name, a name twice as a list. */
function childrenArray(element: Element): { [key: string]: PhpValue } {
  const result: { [key: string]: PhpValue } = {};
  for (const child of childElements(element)) {
    const value = elementValue(child);
    const before = result[child.nodeName];
    // A single element's value is never a list, so a list here is of the name's earlier elements.
    result[child.nodeName] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return result;
}

/**
 * One element as json_encode has it: with child elements, an object of its attributes ("@attributes")
 * and children, its text dropped; without, its text, or (no text) its attributes or an empty object.
 */
function elementValue(element: Element): PhpValue {
  const attributes: { [key: string]: PhpValue } = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i);
    if (attribute) attributes[attribute.name] = attribute.value;
  }
  const withAttributes: { [key: string]: PhpValue } = Object.keys(attributes).length > 0 ? { '@attributes': attributes } : {};
  if (childElements(element).length > 0) return { ...withAttributes, ...childrenArray(element) };
  const text = element.textContent ?? '';
  return text !== '' ? text : withAttributes;
}

function childElements(element: Element): Element[] {
  return Array.from(element.children);
}

/** convertBulletPointsToCanonical: one bullet point (it has '@attributes') as a list of one. */
function listOf(value: PhpValue | undefined): PhpValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function objectOf(value: PhpValue): { [key: string]: PhpValue } {
  return typeof value === 'string' || Array.isArray(value) ? {} : value;
}

function stringOf(value: PhpValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
