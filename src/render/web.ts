import type { TemplateDelegate } from 'handlebars';
import { attachmentAnchor } from '../model/attachments.js';
import type { Item, Meeting } from '../model/meeting.js';
import type { HousePages, HouseTemplates } from '../shared/house-templates.js';
import { fontFaceRule, fontFaces } from './fonts.js';
import { createTemplates, readTemplate } from './templates.js';
import { oncePerHouse, pageFile, pageTemplate } from './house-pages.js';
import { checkFrame, checkItems, checkLinks, checkSearchPage } from './web-checks.js';

// The published site's pages (templates/web/): the same items as the print, from the same partials,
// in a page of its own: a skip link, a header, one column, no script (the search page alone has one).

interface WebTemplates {
  frame: TemplateDelegate;
  meeting: TemplateDelegate;
  index: TemplateDelegate;
  data: TemplateDelegate;
  sbsys: TemplateDelegate;
  search: TemplateDelegate;
  searchRecord: TemplateDelegate;
}

/** The site's templates: the house's own where it has one of that name (husstil/web/NAME), else the package's. */
const templatesOf = oncePerHouse((house): WebTemplates => {
  const hbs = createTemplates();
  const compile = (file: string) => pageTemplate(hbs, house, 'web', file);
  return {
    frame: compile('side.hbs'),
    meeting: compile('moede.hbs'),
    index: compile('oversigt.hbs'),
    data: compile('data.hbs'),
    sbsys: compile('sbsys.hbs'),
    search: compile('sog.hbs'),
    searchRecord: compile('soegepost.hbs'),
  };
});

/** Reads the house's site templates now, so that a mistake in one is told before anything is printed. */
export function prepareSite(house: HousePages | undefined): void {
  templatesOf(house);
}

/** An item as the house prints it: with its partials (husstil/partials/) where it replaced the package's, by the house's key. */
const itemTemplates = new Map<string, TemplateDelegate>();

function itemTemplate(house: HouseTemplates | undefined): TemplateDelegate {
  const key = house?.key ?? '';
  const known = itemTemplates.get(key);
  if (known) return known;
  const item = createTemplates(house).compile('{{> punkt item=item meeting=meeting}}');
  itemTemplates.set(key, item);
  return item;
}

/** A link on a page: where it goes, relative to the page. */
export interface Link {
  href: string;
  label: string;
}

/** What every page has around its content. */
export interface Frame {
  title: string;
  /** From the page to the site's root: '' or '../'. */
  root: string;
  authority: string;
  /** In the house's words: what the site holds (dagsordener og referater), its search page's and its data page's titles. */
  names: { site: string; search: string; data: string };
  /** The pages above this one, from the front page down. */
  trail: Link[];
  /** The search page, relative to the site's root. */
  search: string;
  /** Feeds to offer in the page's head: calendars (text/calendar) and documents (application/atom+xml). */
  feeds: Array<{ title: string; href: string; type: string }>;
  /** The page's script, relative to the site's root: the search page's alone, which its CSP lets run. */
  script?: string;
  /** The house's own pages, which replace agenda's (husstil/web/): not given to the templates. */
  house?: HousePages;
}

/** A whole page: its content in the frame; a frame of the house's that leaves the content out is an error. */
function page({ house, ...frame }: Frame, main: string): string {
  return ownPage(house, 'side.hbs', templatesOf(house).frame({ ...frame, main }), (html, file) => checkFrame(html, main, file));
}

/**
 * Each item as the print has it, with the house's partials where it replaced the package's (punkt.hbs
 * and every partial it calls), one heading level down: on a web page the meeting is the page's
 * h1, its items h2 and their sections h3 (the print's items are h1, as its contents and outline need).
 * Given the attachments' files (by attachmentAnchor), each attachment's title in its item's Bilag
 * table links to its file.
 */
export function renderItems(meeting: Meeting, files: Map<string, Link & { size: string }> = new Map()): string[] {
  const item = itemTemplate(meeting.style.templates);
  const linked = (i: Item) => ({ ...i, bilag: i.bilag.map((b, place) => ({ ...b, link: files.get(attachmentAnchor(i, place)) })) });
  return meeting.items.map((i) =>
    item({ item: linked(i), meeting }).replace(/<(\/?)h([1-5])\b/g, (_, slash: string, level: string) => `<${slash}h${Number(level) + 1}`),
  );
}

export interface MeetingPage {
  heading: string;
  meeting: Meeting;
  /** The documents to download: PDF, combined document; each with its size. */
  documents: Array<Link & { size: string }>;
  /** renderItems' HTML of the meeting's items. */
  items: string[];
}

export function renderMeetingPage(frame: Frame, view: MeetingPage): string {
  const body = view.items.join('\n');
  return ownPage(
    frame.house,
    'moede.hbs',
    page(frame, templatesOf(frame.house).meeting({ ...view, items: view.meeting.items, body })),
    (html, file) => checkItems(html, body, file),
  );
}

/** A page as made of the house's template `file` (husstil/web/FILE), checked by `check`; the package's own, as it is. */
function ownPage(house: HousePages | undefined, file: string, html: string, check: (html: string, file: string) => void): string {
  if (house?.web[file] !== undefined) check(html, pageFile(house, 'web', file));
  return html;
}

/** The meeting as one page of its own, with nothing to link to: the document of an SBSYS publication folder. */
export function renderStandaloneMeeting(view: Omit<MeetingPage, 'documents'>, house?: HousePages): string {
  const body = view.items.join('\n');
  return ownPage(house, 'sbsys.hbs', templatesOf(house).sbsys({ ...view, body }), (html, file) => checkItems(html, body, file));
}

export interface IndexPage {
  authority: string;
  /** What the site holds, as its front page is headed: "Dagsordener og referater". */
  heading: string;
  /** The house's agendas, where a committee has none yet: "dagsordener". */
  none: string;
  committees: Array<{
    id: string;
    name: string;
    /** What the committee's feed of documents holds, in its words: "dagsordener og referater". */
    documents: string;
    feed: string;
    documentsFeed: string;
    next?: { date: string; start: string; place: string; page?: string };
    years: Array<{ year: string; meetings: Array<{ date: string; kind: string; page: string; pdf: { href: string; size: string } }> }>;
  }>;
}

export function renderIndexPage(frame: Frame, view: IndexPage): string {
  const pages = view.committees.flatMap((c) => c.years.flatMap((y) => y.meetings.map((m) => m.page)));
  return ownPage(frame.house, 'oversigt.hbs', page(frame, templatesOf(frame.house).index(view)), (html, file) =>
    checkLinks(html, pages, file),
  );
}

export interface DataPage {
  /** What the document feeds hold, in kommune.yaml's words: "dagsordener og referater". */
  documents: string;
  committees: Array<{ name: string; feed: string; documentsFeed: string }>;
  schema: { index: string; meeting: string };
}

export function renderDataPage(frame: Frame, view: DataPage): string {
  const links = [...view.committees.flatMap((c) => [c.feed, c.documentsFeed]), view.schema.index, view.schema.meeting];
  return ownPage(frame.house, 'data.hbs', page(frame, templatesOf(frame.house).data({ ...view, heading: frame.title })), (html, file) =>
    checkLinks(html, links, file),
  );
}

/** What the search page offers to choose from, as publish knows it; each committee with its index (a folder of the site), so a search of one committee loads that index alone. */
export interface SearchChoices {
  committees: { name: string; index: string }[];
  /** Newest first. */
  years: string[];
  /** The kinds of document: "Dagsorden", "Referat", and the attachments' "Bilag". */
  kinds: string[];
}

/**
 * The search page, headed by its title: its form, with the filters' choices in it, run by its script (searchScript) over
 * the committees' indexes. Of the house's templates, it must load the script and hold the form and the places the script fills.
 */
export function renderSearchPage(frame: Frame, choices: SearchChoices, pageWords: string): string {
  const { house } = frame;
  const committees = choices.committees.map((c) => ({ name: c.name, index: `${c.index}/` }));
  const view = {
    heading: frame.title,
    /** An attachment's result's page in the house's words, "side {side}" (ord.side_henvisning), which the script fills in. */
    side: pageWords,
    documents: frame.names.site,
    ...choices,
    committees,
    indexes: committees.map((c) => c.index).join(' '),
  };
  const html = page(frame, templatesOf(house).search(view));
  if (house?.web['side.hbs'] !== undefined || house?.web['sog.hbs'] !== undefined)
    checkSearchPage(
      html,
      `${frame.root}${frame.script ?? ''}`,
      { indexes: view.indexes, choices: { udvalg: committees.map((c) => c.index), år: choices.years, dokument: choices.kinds } },
      pageFile(house, 'web', 'side.hbs'),
      pageFile(house, 'web', 'sog.hbs'),
    );
  return html;
}

/** The search page's script, as the site serves it. */
export const searchScript = (): string => readTemplate('web/sog.js');

/** What the search index is given of an open item, or of one page of an open attachment: its text, where it is and its filters. */
export interface SearchRecord {
  /** The document's kind in the house's words: "Dagsorden", "Referat". */
  kind: string;
  committee: string;
  date: string;
  year: string;
  sag?: string;
  /** The item, or the attachment's item: its title and its anchor on the meeting's page (relative to the site's root). */
  punkt: { title: string; href: string };
  /** The item's HTML (renderItems'); for an attachment's file, none. */
  body?: string;
  /**
   * One attachment's file: its kind ("Bilag") in the house's words, and its pages with text, each after an
   * empty anchor whose id is the PDF's page anchor (`page=3`).
   */
  bilag?: { kind: string; name: string; pages: Array<{ number: number; text: string }> };
}

/** A record as the HTML document Pagefind indexes: its meta and filters outside the indexed body (templates/web/soegepost.hbs). */
export function renderSearchRecord(record: SearchRecord): string {
  return templatesOf(undefined).searchRecord(record);
}

/** The fonts the site's stylesheet names, each by its file's name in the site's font folder. */
export const siteFonts = () =>
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split() returns at least one string
  fontFaces().map((face) => ({ face, name: face.file.split(/[\\/]/).at(-1)! }));

/**
 * The site's stylesheet, with the house font from `fontFolder` (relative to the stylesheet), and the
 * house's own (husstil/web/site.css) after it, so its rules win; and the font files to put there.
 */
export function siteStylesheet(fontFolder: string, house?: HousePages): { css: string; fonts: Array<{ name: string; file: string }> } {
  const fonts = siteFonts();
  const fontFacesCss = fonts.map(({ face, name }) => fontFaceRule(face, `${fontFolder}/${name}`)).join('\n');
  const own = house?.web['site.css'];
  const css = [
    createTemplates().compile(readTemplate('web/site.css'))({ fontFaces: fontFacesCss }),
    ...(own === undefined ? [] : [own]),
  ].join('\n');
  return { css, fonts: fonts.map(({ face, name }) => ({ name, file: face.file })) };
}
