import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { markers } from '../support/markers.js';
import { sharedClosedSite } from '../support/shared-build.js';
import { siteFiles } from '../support/site.js';
import { exampleRoot } from '../support/examples.js';

// The document feeds (Atom, RFC 4287) of `agenda publish`: read back by a feed library, validated by
// jing against the RFC's RELAX NG schema (fixtures/atom/atom.rnc), and compared across publications.

const url = 'https://dagsorden.example.dk/';
const schema = path.join(exampleRoot(), 'fixtures', 'atom', 'atom.rnc');
const feeds = ['dokumenter.atom', 'direktionen/dokumenter.atom'];

function publish(meetings: string, out: string): string[] {
  const run = agenda(['publish', '--meetings', meetings, '--out', out, '--url', url, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { written: string[] }).written;
}

const text = (file: string) => readFileSync(file, 'utf8');

/** The entries as the feed library reads them, by id. */
function entries(file: string): Map<string, { title: string | null; updated: string | undefined; url: string | null }> {
  const feed = parseFeed(text(file));
  return new Map(feed.items.map((item) => [item.id!, { title: item.title, updated: item.updated?.toISOString(), url: item.url }]));
}

/** The RFC's two rules its schema cannot say (its Schematron): an author for the feed or each entry; each entry an alternate link or content. */
function schematronRules(file: string): void {
  const doc = new DOMParser().parseFromString(text(file), 'application/xml') as unknown as Node;
  const select = xpath.useNamespaces({ atom: 'http://www.w3.org/2005/Atom' });
  const feedAuthor = select('/atom:feed/atom:author', doc) as Node[];
  const entries = select('/atom:feed/atom:entry', doc) as Node[];
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(feedAuthor.length + (select('atom:author', entry) as Node[]).length).toBeGreaterThan(0);
    expect((select('atom:content | atom:link[@rel="alternate"]', entry) as Node[]).length).toBeGreaterThan(0);
  }
}

describe('the document feeds', () => {
  const { dir, meetings } = copyOfMeetings();
  const site = path.join(dir, 'site');
  publish(meetings, site);

  it("are valid Atom 1.0 (RFC 4287): jing with the RFC's schema, the rules beside it, and a feed library reads each entry", () => {
    const run = spawnSync('jing', ['-c', schema, ...feeds.map((f) => path.join(site, f))], { encoding: 'utf8' });
    expect(run.status, run.stdout).toBe(0);
    for (const f of feeds) schematronRules(path.join(site, f));
    const feed = parseFeed(text(path.join(site, 'direktionen', 'dokumenter.atom')));
    expect(feed.title).toBe('Direktionen: Dagsorden og referat');
    expect(feed.self).toBe(`${url}direktionen/dokumenter.atom`);
    expect([...entries(path.join(site, 'direktionen', 'dokumenter.atom')).values()]).toEqual([
      {
        title: 'Dagsorden for Direktionens møde onsdag den 22. november 2023',
        updated: expect.any(String),
        url: `${url}direktionen/2023-11-22.html`,
      },
      {
        title: 'Referat for Direktionens møde onsdag den 6. september 2023',
        updated: expect.any(String),
        url: `${url}direktionen/2023-09-06.html`,
      },
    ]);
    // Every committee's feed holds the same entries under the same ids.
    expect([...entries(path.join(site, 'dokumenter.atom'))]).toEqual([...entries(path.join(site, 'direktionen', 'dokumenter.atom'))]);
  });

  it('are linked from the head of every page and shown on the front page and the data page', () => {
    const head = (page: string) => text(path.join(site, page)).split('</head>')[0]!;
    expect(head('index.html')).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Norddjurs Kommune: Dagsorden og referat" href="dokumenter.atom">',
    );
    expect(head('direktionen/2023-11-22.html')).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Direktionen: Dagsorden og referat" href="../direktionen/dokumenter.atom">',
    );
    expect(text(path.join(site, 'index.html'))).toContain(
      '<a href="direktionen/dokumenter.atom">Følg Direktionens dagsordener og referater</a>',
    );
    expect(text(path.join(site, 'data.html'))).toContain('<a href="dokumenter.atom">Alle udvalg</a>');
  });

  // The same bytes for the same inputs: publish.test.ts's second publication of the example, compared file by file,
  // feeds included (a second one here, to compare the feeds alone, was some 3 s of CPU proving it again).
  it('are not written again when nothing changed; a corrected document keeps its id and gets a new updated, the others stay as they were', () => {
    expect(publish(meetings, site)).toEqual([]);

    const before = entries(path.join(site, 'dokumenter.atom'));
    edit(path.join(meetings, '2023-11-22.yaml'), 'Bilag er vedlagt.', 'Bilag er vedlagt, og tidsplanen er rettet.');
    expect(publish(meetings, site)).toEqual(expect.arrayContaining(feeds));
    const after = entries(path.join(site, 'dokumenter.atom'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    const [agendaId, minutesId] = [...before.keys()];
    expect(agendaId).toMatch(/^tag:dagsorden\.example\.dk,2023-11-22:meetings\/dagsorden$/);
    expect(after.get(minutesId!)).toEqual(before.get(minutesId!));
    expect(Date.parse(after.get(agendaId!)!.updated!)).toBeGreaterThan(Date.parse(before.get(agendaId!)!.updated!));
    // Corrected again: later again.
    edit(path.join(meetings, '2023-11-22.yaml'), 'tidsplanen er rettet', 'tidsplanen er rettet igen');
    publish(meetings, site);
    expect(Date.parse(entries(path.join(site, 'dokumenter.atom')).get(agendaId!)!.updated!)).toBeGreaterThan(
      Date.parse(after.get(agendaId!)!.updated!),
    );

    // A committee renamed is the same committee: its documents keep their ids.
    edit(path.join(meetings, 'udvalg.yaml'), 'navn: Direktionen', 'navn: Direktionsudvalget');
    publish(meetings, site);
    expect([...entries(path.join(site, 'dokumenter.atom')).keys()]).toEqual([...before.keys()]);
  });

  // The closed fixture's site the suite publishes once (publish-own-files goes on from it); the feeds hold the same
  // entries with --url or without, which changes their links alone.
  it('hold nothing closed', () => {
    const { run, out: closed } = sharedClosedSite();
    expect(run.status, run.stderr).toBe(0);
    const atom = siteFiles(closed).filter((f) => f.endsWith('.atom'));
    expect(atom).toHaveLength(2);
    for (const f of atom) {
      const bytes = text(path.join(closed, f));
      expect(bytes).toContain('<entry>');
      for (const marker of markers) expect(bytes, `${marker} in ${f}`).not.toContain(marker);
    }
  });
});
