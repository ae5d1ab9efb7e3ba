import { dataVersion } from './data-schema.js';

// Where everything is in the published site, by one set of rules: the pages, the data, the feeds and
// the SBSYS folders all link to each other through these names. Every name is made of the committee's
// id, the meeting's date and fixed words, never of a title, so nothing closed can reach a file name.

export type SchemaName = 'index' | 'organization' | 'meeting';

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
  meetingData = (committee: string, date: string) => `data/${committee}/${date}.json`;
  committeeData = (committee: string) => `data/${committee}.json`;
  index = 'data/index.json';
  schema = (name: SchemaName) => `data/schema/${dataVersion}/${name}.schema.json`;
  /** One committee's calendar, or every committee's. */
  feed = (committee?: string) => (committee ? `${committee}/kalender.ics` : 'kalender.ics');
  /** One folder per meeting, as SBSYS publishes them for OS2web. */
  sbsysFolder = (committee: string, date: string) => `sbsys/${committee}-${date}`;
}
