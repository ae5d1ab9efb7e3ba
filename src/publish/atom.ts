import { create } from 'xmlbuilder2';
import { committeeId } from './committees.js';

// The document feeds (Atom, RFC 4287): one per committee and one for all, of the documents the site
// publishes, newest change first. xmlbuilder2 writes them (escaping; a character XML 1.0 cannot hold
// is left out rather than make the file not well-formed). Every id is a tag: URI (RFC 4151) of the
// site's host and the committee's short name, as the calendar's UIDs are: its name may change, the
// committee stays. A document is one entry: corrected, it keeps its id and gets a new `updated`.

/** The entries a feed holds at most, the newest: a reader wants what changed, the site has the rest. */
export const entriesPerFeed = 50;

/** One published document as a feed names it. */
export interface FeedEntry {
  /** The committee's short name (udvalg.yaml's kort, else its folder's) and the meeting's date and kind: what makes it this document. */
  shortName: string;
  date: string;
  kind: string;
  title: string;
  /** When what the document says was first published as it is now (see entryRevision). */
  updated: string;
  /** Its meeting's page and its PDF, as the site links to them. */
  page: string;
  pdf: { href: string; length: number };
  /** The meeting's tillægsdagsordener (addenda), each with its name: links of the entry, which each one published updates. */
  addenda: Array<{ title: string; href: string; length: number }>;
}

export interface Feed {
  /** The right side of the ids: the site's host (uidDomain). */
  domain: string;
  /** Whose feed: a committee's short name, or none for every committee's. */
  shortName?: string;
  title: string;
  author: string;
  /** The feed's own address and the site's front page. */
  self: string;
  home: string;
}

/** The feed of `entries`, the newest `entriesPerFeed`; the same entries give the same bytes. */
export function atomFeed(feed: Feed, entries: FeedEntry[]): string {
  const newest = [...entries].sort(newestFirst).slice(0, entriesPerFeed);
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('http://www.w3.org/2005/Atom', 'feed', {
    'xml:lang': 'da',
  });
  root.ele('id').txt(tag(feed.domain, feedTagDate, feed.shortName === undefined ? allFeed : `${allFeed}/${committeeId(feed.shortName)}`));
  root.ele('title').txt(feed.title);
  // An empty feed changed never: a date of its own, not the clock's.
  root.ele('updated').txt(newest[0]?.updated ?? '1970-01-01T00:00:00Z');
  root.ele('author').ele('name').txt(feed.author);
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: feed.self });
  root.ele('link', { rel: 'alternate', type: 'text/html', href: feed.home });
  root.ele('generator').txt('agenda');
  for (const entry of newest) {
    const element = root.ele('entry');
    element.ele('id').txt(tag(feed.domain, entry.date, `${committeeId(entry.shortName)}/${entry.kind}`));
    element.ele('title').txt(entry.title);
    element.ele('updated').txt(entry.updated);
    element.ele('link', { rel: 'alternate', type: 'text/html', href: entry.page });
    element.ele('link', { rel: 'enclosure', type: 'application/pdf', href: entry.pdf.href, length: String(entry.pdf.length) });
    for (const addendum of entry.addenda)
      element.ele('link', {
        rel: 'related',
        type: 'application/pdf',
        href: addendum.href,
        length: String(addendum.length),
        title: addendum.title,
      });
  }
  return root.end({ prettyPrint: true }) + '\n';
}

/** The date in a feed's own id (RFC 4151 asks for a date the name was the tagger's): the year these feeds began. */
const feedTagDate = '2026';

/** `tag:kommune.dk,2023-11-22:direktionen/dagsorden`: the name, a date and what it names there. */
function tag(domain: string, date: string, specific: string): string {
  return `tag:${domain},${date}:${specific}`;
}

/** What the feed of every committee's documents is in its id; a committee's is this, a slash and the committee's id of its short name. */
const allFeed = 'dokumenter';

/**
 * Whose a committee's feed, as atomFeed wrote it, is: the id of its committee's short name (committeeId), read from
 * the feed's own id (of whatever host), and the authority its author names; none where its id names no committee. By
 * both a site's committee folder is known as the same committee under a new name (its folder follows the name, its
 * short name stays): a short name (ØK) is not unique across municipalities, the authority tells them apart.
 */
export function feedCommittee(xml: string): { committee: string; authority: string | undefined } | undefined {
  try {
    const feed = create(xml).root();
    const child = (parent: ReturnType<typeof create> | undefined, name: string) =>
      parent?.find((node) => node.node.nodeName === name, false, false);
    const committee = child(feed, 'id')?.node.textContent?.match(new RegExp(`^tag:[^,]*,${feedTagDate}:${allFeed}/([^/]+)$`))?.[1];
    const authority = child(child(feed, 'author'), 'name')?.node.textContent ?? undefined;
    return committee === undefined ? undefined : { committee, authority };
  } catch {
    return undefined; // not XML
  }
}

export function newestFirst(
  a: Pick<FeedEntry, 'updated' | 'date' | 'shortName'>,
  b: Pick<FeedEntry, 'updated' | 'date' | 'shortName'>,
): number {
  return b.updated.localeCompare(a.updated) || b.date.localeCompare(a.date) || a.shortName.localeCompare(b.shortName);
}

/** What the last publication recorded of a document's entry: what it said (a SHA-256) and since when. */
export interface EntryRevision {
  content: string;
  updated: string;
}

/**
 * A document's entry as it is now: as the last publication had it while the document says the same;
 * else published on `today` (midnight UTC, as the calendar stamps a new event), a second after the
 * last revision where that is later (corrected twice in a day). From the inputs and the state the
 * site was left in, not the clock, so that publishing twice gives the same feed.
 */
export function entryRevision(before: EntryRevision | undefined, content: string, today: string): EntryRevision {
  if (before?.content === content) return before;
  const day = `${today}T00:00:00Z`;
  if (!before || before.updated < day) return { content, updated: day };
  return { content, updated: new Date(Date.parse(before.updated) + 1000).toISOString().replace('.000Z', 'Z') };
}
