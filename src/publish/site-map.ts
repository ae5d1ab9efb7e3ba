import { sbsysAddendumSuffix, sbsysDocumentName } from './sbsys.js';
import { dataVersion, type SchemaName } from './data-schema.js';

// Where everything is in the published site, by one set of rules: the pages, the data, the feeds and
// the SBSYS folders all link to each other through these names. Every name is made of the committee's
// id, the meeting's date and fixed words, never of a title, so nothing closed can reach a file name.

/** The address a site published without --url is composed at; its documents name each other relative to themselves (inDocument). */
const unknownSite = 'https://site.invalid/';

export class SiteMap {
  /** Whether addresses are absolute: a calendar can only link to a page it can reach from anywhere. */
  readonly isAbsolute: boolean;
  private readonly base: string;

  /** `base`: the site's public address (with --url), so that data and feeds carry absolute addresses. */
  constructor(base?: string) {
    this.isAbsolute = base !== undefined;
    // As URL writes it (lower-case host, an IDN in punycode, no default port), since every address is made by
    // URL and `path` takes the base off it again: a base as typed would not match, and a part of the data
    // would be filed under its address ("https:/...") instead of its path.
    const href = base === undefined ? unknownSite : new URL(base).href;
    this.base = href.endsWith('/') ? href : `${href}/`;
  }

  /** A path of the site as others should link to it: absolute where the site's address is known. */
  address(sitePath: string): string {
    return new URL(sitePath, this.base).href;
  }

  /**
   * A document of the data as written at `sitePath`. Without --url every address in it is relative to
   * the document, as a reader resolves a reference (data/oparl/bodies.json names data/index.json
   * `../index.json`), so the folder's links hold wherever it is put; with --url they are absolute.
   */
  inDocument<T>(value: T, sitePath: string): T {
    if (this.isAbsolute) return value;
    const at = new URL(sitePath, this.base);
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return v.startsWith(this.base) ? relativeReference(at, new URL(v)) : v;
      if (Array.isArray(v)) return v.map(walk);
      return v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)])) : v;
    };
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- walk gives back the value's own shape, only its strings (addresses) written anew as strings
    return walk(value) as T;
  }

  meetingPage = (committee: string, date: string) => `${committee}/${date}.html`;
  /** The document's own name, as `agenda build --public` names it. */
  meetingFile = (committee: string, fileName: string) => `${committee}/${fileName}`;
  /** A path of the site from an address `address` gave. */
  path(address: string): string {
    return address.startsWith(this.base) ? decodeURI(address.slice(this.base.length)) : address;
  }

  meetingData = (committee: string, date: string) => `data/${committee}/${date}.json`;
  /** The data of what is in a meeting (its items, files and place), each a document of its own. */
  meetingPart = (committee: string, date: string, name: string) => `data/${committee}/${date}/${name}.json`;
  committeeData = (committee: string) => `data/${committee}.json`;
  /** OParl's external lists: the authority's (`what`: organizations, meetings, ...) or a committee's meetings. */
  list = (what: string, committee?: string) => (committee ? `data/${committee}/${what}.json` : `data/oparl/${what}.json`);
  /** A page of the authority's list of meetings, a page a year (site.ts): the newest year's at the list's own address, each older year's its own. */
  meetingsPage = (year: string, newest: boolean) => (newest ? this.list('meetings') : this.list(`meetings-${year}`));
  index = 'data/index.json';
  /** In a folder of no committee's name, as a committee's files are named by a date. */
  body = 'data/oparl/body.json';
  schema = (name: SchemaName) => this.schemaFile(name);
  schemaFile = (name: string) => `data/schema/${dataVersion}/${name}.schema.json`;
  /** One committee's calendar, or every committee's. */
  feed = (committee?: string) => (committee ? `${committee}/kalender.ics` : 'kalender.ics');
  /** The front page, the page of the open data, the stylesheet and the folder of its fonts. */
  frontPage = 'index.html';
  dataPage = 'data.html';
  stylesheet = 'site.css';
  fontFolder = 'skrift';
  font = (name: string) => `${this.fontFolder}/${name}`;
  /** The search page, which every page links to, and its script. */
  searchPage = 'sog.html';
  searchScript = 'sog.js';
  /**
   * A committee's search index, with Pagefind's script beside it (search.ts): one a committee, so a
   * change to one meeting indexes its committee's records alone, and a committee published on its own
   * (--udvalg) writes its index with the bytes one publication of all writes. The search page searches
   * the first and merges the others into it (Pagefind's `mergeIndex`) in the reader's browser.
   */
  searchIndex = (committee: string) => `${this.searchIndexes}/${committee}`;
  /** The folder of every committee's search index. */
  searchIndexes = 'pagefind';
  /** One committee's feed of documents (Atom), or every committee's. */
  documentsFeed = (committee?: string) => (committee ? `${committee}/dokumenter.atom` : 'dokumenter.atom');
  /** One folder per meeting, as SBSYS publishes them for OS2web. */
  /** A meeting's folder, or its addendum's (tillægsdagsorden) beside it: `sbsys/direktionen-2023-11-22-tillaeg-1`. */
  sbsysFolder = (committee: string, date: string, addendum?: number) =>
    `sbsys/${committee}-${date}${addendum === undefined ? '' : sbsysAddendumSuffix(addendum)}`;
  /** A file of a meeting's SBSYS folder (or its addendum's): its XML, named as the folder (`sbsysXml`), its document as HTML, or an attachment's file by its name. */
  sbsysFile = (committee: string, date: string, addendum: number | undefined, name: string) =>
    `${this.sbsysFolder(committee, date, addendum)}/${name}`;
  sbsysXml = (committee: string, date: string, addendum?: number) =>
    this.sbsysFile(committee, date, addendum, `${this.sbsysFolder(committee, date, addendum).slice('sbsys/'.length)}.xml`);
  sbsysDocument = (committee: string, date: string, addendum?: number) => this.sbsysFile(committee, date, addendum, sbsysDocumentName);
}

/** `to` as a reference from the document at `from`, both of one site: up to their common folder, then down. */
function relativeReference(from: URL, to: URL): string {
  const folders = from.pathname.split('/').slice(0, -1);
  const target = to.pathname.split('/');
  let common = 0;
  while (common < folders.length && common < target.length - 1 && folders[common] === target[common]) common++;
  return [...folders.slice(common).map(() => '..'), ...target.slice(common)].join('/') + to.search + to.hash;
}
