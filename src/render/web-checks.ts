import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { TemplateError } from './templates.js';

type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

// What a page of the site must hold to be right, whatever the house's templates (husstil/web/) made of
// it: checked on the page as made, read by an HTML parser as a browser reads it. The package's own
// pages hold it all; a house's page that does not is an error naming its file, never a page published
// without its content or a search page whose script finds nothing to work with.

/** A page of the frame (side.hbs) holds the content it was given, as it was given, and a Content-Security-Policy. */
export function checkFrame(html: string, main: string, file: string): void {
  if (!html.includes(main))
    throw new TemplateError(`${file}: the page leaves out its content: print it with {{{main}}}, as agenda's side.hbs does`);
  const policy = DomUtils.findOne(
    (e) => e.name === 'meta' && e.attribs['http-equiv']?.toLowerCase() === 'content-security-policy',
    parseDocument(html).children,
  );
  if (!policy)
    throw new TemplateError(
      `${file}: the page has no <meta http-equiv="Content-Security-Policy">: keep agenda's side.hbs's, which lets no script run but the search page's`,
    );
}

/**
 * What the search page's script (templates/web/sog.js) works with: its own script element, the form
 * with its search field and the site's search indexes (`indexes`, as data-indekser="{{indexes}}" gives
 * them), the status line with its words, the list of results, the "more" button, and the words a
 * reader sees where the script does not run.
 */
const searchNeeds = (indexes: string): Array<[string, (e: Element) => boolean]> => [
  [
    'the form id="søgning" with data-indekser="{{indexes}}"',
    (e) => e.name === 'form' && e.attribs.id === 'søgning' && e.attribs['data-indekser'] === indexes,
  ],
  ['a field name="q" in the form', (e) => e.attribs.name === 'q' && inForm(e)],
  [
    'id="status" with data-ingen, data-et, data-flere, data-vist, data-fejl',
    (e) => e.attribs.id === 'status' && ['ingen', 'et', 'flere', 'vist', 'fejl'].every((w) => `data-${w}` in e.attribs),
  ],
  [
    'the list id="resultater" with data-punkt, data-side',
    (e) => e.attribs.id === 'resultater' && ['punkt', 'side'].every((w) => `data-${w}` in e.attribs),
  ],
  ['the button id="flere"', (e) => e.attribs.id === 'flere'],
  [
    'the words id="uden-script", shown: not hidden, nor in a hidden element (the form) or <noscript> (the script off alone shows it, not the page opened as a file); hidden by the script',
    (e) => e.attribs.id === 'uden-script' && !within(e, (up) => 'hidden' in up.attribs || up.name === 'noscript'),
  ],
];

/** Whether the element is within the search form. */
function inForm(e: Element): boolean {
  return within(e, (up) => up.name === 'form' && up.attribs.id === 'søgning');
}

/** Whether the element or one around it is such. */
function within(e: Element, such: (up: Element) => boolean): boolean {
  for (let up: Element['parent'] | Element = e; up; up = up.parent) if ('name' in up && such(up)) return true;
  return false;
}

/** The choices of the search's filters, as publish gives them to sog.hbs: each committee's index, the years, the kinds of document. */
export interface FilterChoices {
  udvalg: string[];
  år: string[];
  dokument: string[];
}

const choiceNeeds: Array<[keyof FilterChoices, string]> = [
  ['udvalg', 'an option data-indeks="{{index}}" for each committee in select data-filter="udvalg" ({{#each committees}})'],
  ['år', 'an option for each year in select data-filter="år" ({{#each years}})'],
  ['dokument', 'an option for each kind of document in select data-filter="dokument" ({{#each kinds}})'],
];

/**
 * Each filter the page offers (a select with data-filter; a house may leave one out) offers every choice
 * publish gives it: the script no longer asks the indexes for them, so a page that does not print them
 * would offer none. A committee's option is known by its index (data-indeks), any other by its value.
 */
function lackingChoices(nodes: ReturnType<typeof parseDocument>['children'], choices: FilterChoices): string[] {
  const selects = DomUtils.findAll((e) => e.name === 'select' && e.attribs['data-filter'] !== undefined, nodes);
  return choiceNeeds.flatMap(([filter, need]) => {
    const select = selects.find((e) => e.attribs['data-filter'] === filter);
    if (!select) return [];
    const offered = new Set(
      DomUtils.findAll((e) => e.name === 'option', select.children).map((o) =>
        filter === 'udvalg' ? (o.attribs['data-indeks'] ?? '') : (o.attribs.value ?? DomUtils.textContent(o)).trim(),
      ),
    );
    return choices[filter].every((choice) => offered.has(choice)) ? [] : [need];
  });
}

/**
 * The search page, as made of side.hbs (`frameFile`) and sog.hbs (`pageFile`), loads its script and holds what the script
 * needs, the site's search indexes (`indexes`) and its filters' choices among it.
 */
export function checkSearchPage(
  html: string,
  script: string,
  { indexes, choices }: { indexes: string; choices: FilterChoices },
  frameFile: string,
  pageFile: string,
): void {
  const nodes = parseDocument(html).children;
  if (!DomUtils.findOne((e) => e.name === 'script' && e.attribs.src === script, nodes))
    throw new TemplateError(
      `${frameFile}: the search page does not load its script: keep agenda's side.hbs's <script src="{{root}}{{script}}"> where a page has a script`,
    );
  const missing = [
    ...searchNeeds(indexes)
      .filter(([, test]) => !DomUtils.findOne(test, nodes))
      .map(([what]) => what),
    ...lackingChoices(nodes, choices),
  ];
  if (missing.length > 0)
    throw new TemplateError(
      `${pageFile}: the search page lacks what its script needs: ${missing.join('; ')} (see agenda's templates/web/sog.hbs)`,
    );
}

/** The ids of an HTML fragment's elements, as a parser reads them. */
const idsOf = (html: string): string[] =>
  DomUtils.findAll((e) => e.attribs.id !== undefined, parseDocument(html).children).map((e) => e.attribs.id ?? '');

/**
 * A meeting's page (moede.hbs, sbsys.hbs) holds its items as it was given them (`body`): every id of
 * their HTML (id="punkt-1", each attachment's), which its contents and the search results link to.
 */
export function checkItems(html: string, body: string, file: string): void {
  const onPage = new Set(idsOf(html));
  const missing = idsOf(body).filter((id) => !onPage.has(id));
  if (missing.length > 0)
    throw new TemplateError(
      `${file}: the page leaves out its items (no id="${missing.slice(0, 3).join('", "')}"): print them with {{{body}}}, as agenda's ${path.basename(file)} does`,
    );
}

/** A page that lists what it was given (oversigt.hbs: each meeting's page; data.hbs: each feed and schema) links to each of them. */
export function checkLinks(html: string, hrefs: string[], file: string): void {
  const onPage = new Set(DomUtils.findAll((e) => e.name === 'a', parseDocument(html).children).map((a) => a.attribs.href));
  const missing = hrefs.filter((href) => !onPage.has(href));
  if (missing.length > 0)
    throw new TemplateError(
      `${file}: the page leaves out links it was given (no <a href="${missing.slice(0, 3).join('">, <a href="')}">): keep them, as agenda's ${path.basename(file)} does`,
    );
}
