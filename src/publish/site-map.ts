import { dataVersion, type SchemaName } from './data-schema.js';

// Where everything is in the published site, by one set of rules: the pages, the data, the feeds and
// the SBSYS folders all link to each other through these names. Every name is made of the committee's
// id, the meeting's date and fixed words, never of a title, so nothing closed can reach a file name.

export class SiteMap {
  /** `base`: the site's public address (with --url), so that data and feeds carry absolute addresses. */
  constructor(private readonly base?: string) {}

  /** Whether addresses are absolute: a calendar can only link to a page it can reach from anywhere. */
  get isAbsolute(): boolean {
    return this.base !== undefined;
  }

  /** A path of the site as others should link to it: absolute where the site's address is known. */
  address(sitePath: string): string {
    return this.base ? new URL(sitePath, this.base.endsWith('/') ? this.base : `${this.base}/`).href : sitePath;
  }

  meetingPage = (committee: string, date: string) => `${committee}/${date}.html`;
  /** The document's own name, as `agenda build --public` names it. */
  meetingFile = (committee: string, fileName: string) => `${committee}/${fileName}`;
  /** A path of the site from an address `address` gave. */
  path(address: string): string {
    const base = this.base ? this.address('') : '';
    return address.startsWith(base) ? decodeURI(address.slice(base.length)) : address;
  }

  meetingData = (committee: string, date: string) => `data/${committee}/${date}.json`;
  /** The data of what is in a meeting (its items, files and place), each a document of its own. */
  meetingPart = (committee: string, date: string, name: string) => `data/${committee}/${date}/${name}.json`;
  committeeData = (committee: string) => `data/${committee}.json`;
  /** OParl's external lists: the authority's (`what`: organizations, meetings, ...) or a committee's meetings. */
  list = (what: string, committee?: string) => (committee ? `data/${committee}/${what}.json` : `data/oparl/${what}.json`);
  index = 'data/index.json';
  /** In a folder of no committee's name, as a committee's files are named by a date. */
  body = 'data/oparl/body.json';
  schema = (name: SchemaName) => this.schemaFile(name);
  schemaFile = (name: string) => `data/schema/${dataVersion}/${name}.schema.json`;
  /** One committee's calendar, or every committee's. */
  feed = (committee?: string) => (committee ? `${committee}/kalender.ics` : 'kalender.ics');
  /** One committee's feed of documents (Atom), or every committee's. */
  documentsFeed = (committee?: string) => (committee ? `${committee}/dokumenter.atom` : 'dokumenter.atom');
  /** The search page, which every page links to, and its script; the index is search.ts's. */
  searchPage = 'sog.html';
  searchScript = 'sog.js';
  /** One folder per meeting, as SBSYS publishes them for OS2web. */
  sbsysFolder = (committee: string, date: string) => `sbsys/${committee}-${date}`;
}
