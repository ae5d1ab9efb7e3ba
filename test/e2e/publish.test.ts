import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import ICAL from 'ical.js';
import type { Browser, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import xpath from 'xpath';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { cpSync } from 'node:fs';
import { markers } from '../support/markers.js';
import { closedFileMarkers, closedFixtureWithFiles, writePdf } from '../support/attachments.js';
import { closedMarkersIn, htmlPages, siteBytes, siteFiles, siteTimes } from '../support/site.js';
import { sharedPdf } from '../support/shared-build.js';
import { serveFolder } from '../support/static-server.js';
import { pdfOutline, pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

const require = createRequire(import.meta.url);

/** `agenda publish` as the clerk runs it; its JSON result. */
function publish(
  meetings: string,
  out: string,
  url: string,
  options: string[] = [],
): { written: string[]; removed: string[]; printed: number } {
  const run = agenda(['publish', '--meetings', meetings, '--out', out, '--url', url, '--json', ...options]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { written: string[]; removed: string[]; printed: number };
}

const example = copyOfMeetings();
// The repository of several committees (eksempel/: Økonomiudvalget and Kommunalbestyrelsen), published from its root.
const repository = path.join(tempDir('agenda-repo-'), 'repo');
cpSync(path.join(exampleRoot(), 'eksempel'), repository, { recursive: true });
const repositorySite = path.join(tempDir(), 'site');
const exampleSite = path.join(tempDir(), 'site');
const closedSite = path.join(tempDir(), 'site');
// The closed fixture with files for an open attachment and two closed ones, published with the combined documents.
const closedMeetings = path.join(tempDir(), 'meetings');
const servers: Array<{ origin: string; close: () => Promise<void> }> = [];
let browser: Browser;

beforeAll(async () => {
  servers.push(await serveFolder(exampleSite), await serveFolder(closedSite), await serveFolder(repositorySite));
  const run = agenda(['publish', '--out', repositorySite, '--url', `${servers[2]!.origin}/`, '--json'], { cwd: repository });
  expect(run.status, run.stderr).toBe(0);
  publish(example.meetings, exampleSite, `${servers[0]!.origin}/`);
  await closedFixtureWithFiles(closedMeetings);
  publish(closedMeetings, closedSite, `${servers[1]!.origin}/`, ['--samlet']);
  browser = await launchReader();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

const sites = () => [
  { name: 'the example', root: exampleSite, origin: servers[0]!.origin },
  { name: 'the closed fixture', root: closedSite, origin: servers[1]!.origin },
  { name: 'the repository of several committees', root: repositorySite, origin: servers[2]!.origin },
];

/**
 * A tab of Chromium that loads pages of the sites with the network cut off: each load gives every request the page
 * made, and those that went outside its site (cut off). One tab loads page after page, as a reader's does: a new tab
 * a page would start a renderer each time (docs/develop/test-speed.md).
 */
async function readerTab(setup: (page: Page) => Promise<void> = () => Promise.resolve()) {
  const page = await browser.newPage();
  let seen = { origin: '', requests: [] as string[], outside: [] as string[], failed: [] as string[] };
  // Interception turns the tab's cache off too: every page's stylesheet and fonts are asked for again.
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    seen.requests.push(request.url());
    if (request.url().startsWith(`${seen.origin}/`)) void request.continue();
    else {
      seen.outside.push(request.url());
      void request.abort();
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) seen.failed.push(`${response.status()} ${response.url()}`);
  });
  await setup(page);
  return async (origin: string, file: string) => {
    seen = { origin, requests: [], outside: [], failed: [] };
    // 'load' waits for the stylesheet, the fonts it uses and the images: all a page asks for (it has no script).
    await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
    return { page, ...seen };
  };
}

/** A page of the site loaded in a tab of its own. */
const load = async (origin: string, file: string, setup?: (page: Page) => Promise<void>) => (await readerTab(setup))(origin, file);

describe('the published pages', () => {
  it('every page: no axe-core violation of WCAG 2.1 A and AA, nothing loaded from outside the site with the network cut off, every asset there, no sideways scrolling in a phone’s window or at 400 % zoom, no script', async () => {
    const axe = require.resolve('axe-core/axe.min.js');
    let pages = 0;
    // 320 CSS pixels: a phone, and a 1280-pixel window at 400 % (WCAG 1.4.10). The pages forbid
    // script (CSP); axe is the test's, let in for the test alone.
    const loadPage = await readerTab(async (p) => {
      await p.setBypassCSP(true);
      await p.setViewport({ width: 320, height: 640 });
    });
    for (const { root, origin } of sites()) {
      for (const file of htmlPages(root)) {
        const { page, requests, outside, failed } = await loadPage(origin, file);
        expect(outside, file).toEqual([]);
        // The browser asks for /favicon.ico by itself; the site links no icon.
        expect(
          failed.filter((f) => !f.endsWith('/favicon.ico')),
          file,
        ).toEqual([]);
        // The search page alone has a script (site-search.test.ts tries it).
        expect(await page.$$eval('script', (s) => s.length), `${file} has no script`).toBe(file === 'sog.html' ? 1 : 0);
        if (!file.startsWith('sbsys/')) {
          expect(
            requests.some((r) => r.endsWith('/site.css')),
            file,
          ).toBe(true);
          expect(
            requests.some((r) => r.endsWith('.woff2')),
            `${file} loads the house font from the site`,
          ).toBe(true);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth), file).toBeLessThanOrEqual(320);
        await page.addScriptTag({ path: axe });
        // An SBSYS page stands alone, no frame around it: axe's best practice too (its content in a main landmark).
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...(file.startsWith('sbsys/') ? ['best-practice'] : [])];
        const result = (await page.evaluate(
          (values) =>
            (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({ runOnly: { type: 'tag', values } }),
          tags,
        )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }>; passes: unknown[] };
        expect(result.violations.map((v) => `${file}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        // axe ran: rules passed (a short SBSYS page, as Kommunalbestyrelsen's of one item, has fewer elements to pass).
        expect(result.passes.length, file).toBeGreaterThan(file.startsWith('sbsys/') ? 3 : 5);
        pages++;
      }
    }
    expect(pages).toBeGreaterThanOrEqual(8);
    console.log(
      `axe-core (WCAG 2.1 A and AA): no violations on ${pages} pages; none loads anything from outside the site or scrolls sideways at 320 px`,
    );
  });

  it('have no broken link: every link and asset of the site resolves, anchors included', async () => {
    let checked = 0;
    // Each address fetched once, however many links name it (every page links the stylesheet, the fonts, the
    // index): the folder is served as it is, so a second answer would be the first's.
    const statuses = new Map<string, Promise<number>>();
    const statusOf = (address: URL | string) => {
      const key = String(address).split('#')[0]!;
      if (!statuses.has(key))
        statuses.set(
          key,
          fetch(key).then((response) => response.status),
        );
      return statuses.get(key)!;
    };
    for (const { root, origin } of sites()) {
      const ids = new Map<string, Set<string>>();
      const idsOf = (file: string) => {
        if (!ids.has(file))
          ids.set(file, new Set([...readFileSync(path.join(root, file), 'utf8').matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)));
        return ids.get(file)!;
      };
      for (const file of htmlPages(root)) {
        const html = readFileSync(path.join(root, file), 'utf8');
        for (const [, href] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
          const target = new URL(href!, `${origin}/${file}`);
          if (target.origin !== origin) continue; // the clerk's own links to other sites
          expect(await statusOf(target), `${file} → ${href}`).toBe(200);
          if (target.hash) expect(idsOf(target.pathname.slice(1)), `${file} → ${href}`).toContain(decodeURIComponent(target.hash.slice(1)));
          checked++;
        }
      }
      // The data's and the feeds' addresses too.
      for (const file of siteFiles(root).filter((f) => /\.(json|ics)$/.test(f))) {
        for (const [address] of readFileSync(path.join(root, file), 'utf8').matchAll(new RegExp(`${origin}/[^"\\s#]+`, 'g'))) {
          expect(await statusOf(address), `${file} → ${address}`).toBe(200);
          checked++;
        }
      }
    }
    console.log(`links: ${checked} links and addresses of the site checked (${statuses.size} fetched), none broken`);
  });

  it('print without the navigation', async () => {
    const { page } = await load(servers[0]!.origin, 'direktionen/2023-11-22.html');
    await page.emulateMediaType('print');
    expect(await page.$eval('.spring-over', (e) => getComputedStyle(e).display)).toBe('none');
    expect(await page.$eval('.sidehoved nav', (e) => getComputedStyle(e).display)).toBe('none');
    expect(await page.$eval('main h1', (e) => getComputedStyle(e).display)).toBe('block');
    await page.close();
  });

  it('are Danish, start with a skip link to the content, and give the meeting with real headings and header cells', async () => {
    const { page } = await load(servers[0]!.origin, 'direktionen/2023-11-22.html', (p) => p.setJavaScriptEnabled(false));
    expect(await page.$eval('html', (e) => e.lang)).toBe('da');
    const first = await page.$eval('body a', (a) => ({ href: a.getAttribute('href'), text: a.textContent }));
    expect(first).toEqual({ href: '#indhold', text: 'Gå til indholdet' });
    expect(await page.$eval('main', (m) => m.id)).toBe('indhold');
    expect(await page.$$eval('h1', (h) => h.map((e) => e.textContent))).toEqual([
      'Dagsorden for Direktionens møde onsdag den 22. november 2023',
    ]);
    expect(await page.$$eval('h2', (h) => h.map((e) => e.textContent))).toContain('2. Økonomi');
    expect(await page.$$eval('table', (t) => t.every((e) => e.querySelector('th') !== null))).toBe(true);
    const documents = await page.$$eval('.dokumenter a', (links) => links.map((a) => a.getAttribute('href')));
    expect(documents).toEqual(['2023-11-22-dagsorden-offentlig.pdf']);
    expect(execFileSync('pdftotext', [path.join(exampleSite, 'direktionen', documents[0]!), '-'], { encoding: 'utf8' })).toContain(
      'DAGSORDEN',
    );
    // Each open attachment's title in its item's Bilag table links to its file; a closed one has no link.
    const bilag = await page.$$eval('#bilag-tabel-2 tr, #bilag-tabel-3 tr', (rows) =>
      rows.map((r) => r.querySelector('a')?.getAttribute('href') ?? null),
    );
    expect(bilag).toEqual([null, '2023-11-22-bilag-2-1.pdf', null, null, '2023-11-22-bilag-3-1.pdf', '2023-11-22-bilag-3-2.pdf']);
    await page.close();
    const index = readFileSync(path.join(exampleSite, 'index.html'), 'utf8');
    expect(index.indexOf('2023-11-22.html')).toBeLessThan(index.indexOf('2023-09-06.html'));
  });

  it('publish each PDF, and with --samlet each combined document, as agenda build --public [--samlet] makes them: the same pages, text and outline', () => {
    // Publish prints a meeting's combined document after its PDF, guessing its headings where the PDF had them.
    const samletSite = path.join(tempDir(), 'site');
    publish(example.meetings, samletSite, `${servers[0]!.origin}/`, ['--samlet']);
    expect(readFileSync(path.join(samletSite, 'direktionen', '2023-11-22.html'), 'utf8')).toContain(
      '<a href="2023-11-22-dagsorden-offentlig-samlet.pdf">',
    );
    expect(siteFiles(exampleSite).filter((f) => f.endsWith('-samlet.pdf'))).toEqual([]);
    for (const [date, kind] of [
      ['2023-11-22', 'dagsorden'],
      ['2023-09-06', 'referat'],
    ] as const) {
      expect(readFileSync(path.join(samletSite, 'direktionen', `${date}-${kind}-offentlig.pdf`))).toEqual(
        readFileSync(path.join(exampleSite, 'direktionen', `${date}-${kind}-offentlig.pdf`)),
      );
      for (const samlet of [false, true]) {
        // Only read: built once for the suite from the same meetings (test/support/shared-build.ts), closed-content's too.
        const { run, pdf: built } = sharedPdf('meetings', date, ['--public', ...(samlet ? ['--samlet'] : [])]);
        expect(run.status, run.stderr).toBe(0);
        const published = path.join(
          samlet ? samletSite : exampleSite,
          'direktionen',
          `${date}-${kind}-offentlig${samlet ? '-samlet' : ''}.pdf`,
        );
        expect(pdfPages(published, true), published).toEqual(pdfPages(built, true));
        expect(pdfOutline(published)).toEqual(pdfOutline(built));
      }
    }
  });
});

describe('the published attachments', () => {
  it("are each open attachment's file as a PDF of its own, with the same pages and text, named in the data and in its SBSYS folder; no closed one is there", () => {
    const attachments = siteFiles(exampleSite).filter((f) => f.startsWith('direktionen/') && f.includes('-bilag-'));
    // The open attachments of open items: 3 of the 4 on 22 November, 8 of the 21 on 6 September.
    expect(attachments.length).toBe(11);
    let closed = 0;
    for (const date of ['2023-11-22', '2023-09-06']) {
      const data = JSON.parse(readFileSync(path.join(exampleSite, 'data', 'direktionen', `${date}.json`), 'utf8'));
      for (const item of data.agendaItem) {
        for (const bilag of item['agenda:attachments'] ?? []) {
          if (!bilag.public || !item.public) {
            expect(bilag.file, `${date} ${item.number}.${bilag.number}`).toBeUndefined();
            closed++;
            continue;
          }
          const file = `direktionen/${date}-bilag-${item.number}-${bilag.number}.pdf`;
          expect(bilag.file).toBe(`${servers[0]!.origin}/data/direktionen/${date}/${path.basename(file, '.pdf')}.json`);
          expect(item.auxiliaryFile.find((f: { id: string }) => f.id === bilag.file).accessUrl).toBe(`${servers[0]!.origin}/${file}`);
          // The example's files are named by their numbers: bilag/2023-11-22/3-1.pdf is Bilag 3.1; on
          // 6 September, 3.1 is a Word document and 3.4 a spreadsheet, published as the PDFs they become.
          const folder = path.join(example.meetings, 'bilag', date);
          const source = path.join(
            folder,
            readdirSync(folder).find((f) => path.parse(f).name === `${item.number}-${bilag.number}`)!,
          );
          const published = path.join(exampleSite, file);
          if (source.endsWith('.pdf')) expect(pdfPages(published), file).toEqual(pdfPages(source));
          else expect(pdfPages(published).join('\n'), file).toContain(`Dokument ${bilag.reference}`);
          expect(readFileSync(path.join(exampleSite, 'sbsys', `direktionen-${date}`, path.basename(file))), file).toEqual(
            readFileSync(published),
          );
          expect(attachments).toContain(file);
        }
      }
    }
    expect(closed).toBeGreaterThan(10);
    // The closed fixture: only the open attachment's file, not those of a closed attachment or the closed item.
    const pdfs = siteFiles(closedSite).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.filter((f) => f.includes('-bilag-'))).toEqual([
      'sbsys/testudvalget-2024-03-06/2024-03-06-bilag-1-1.pdf',
      'testudvalget/2024-03-06-bilag-1-1.pdf',
    ]);
    expect(pdfPages(path.join(closedSite, 'testudvalget', '2024-03-06-bilag-1-1.pdf')).join('\n')).toContain('OPENFILE01 budgettet page 2');
  });
});

describe('a repository of several committees', () => {
  it('is published whole: the index lists every committee with its meetings, each has its feed, and one feed has them all', () => {
    const index = readFileSync(path.join(repositorySite, 'index.html'), 'utf8');
    for (const [name, folder, date] of [
      ['Kommunalbestyrelsen', 'kommunalbestyrelsen', '2024-01-16'],
      ['Økonomiudvalget', 'oekonomiudvalget', '2024-01-09'],
    ] as const) {
      expect(index).toContain(name);
      expect(index).toContain(`${folder}/${date}.html`);
      const feed = ICAL.Component.fromString(readFileSync(path.join(repositorySite, folder, 'kalender.ics'), 'utf8'));
      expect(feed.getAllSubcomponents('vevent').some((e) => String(e.getFirstPropertyValue('dtstart')).startsWith(date))).toBe(true);
    }
    const all = ICAL.Component.fromString(readFileSync(path.join(repositorySite, 'kalender.ics'), 'utf8'));
    const summaries = all.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary')));
    expect(summaries.some((s) => s.startsWith('Kommunalbestyrelsen'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('Økonomiudvalget'))).toBe(true);
  });
});

describe('the open data', () => {
  it('validates against the JSON Schema the site publishes', () => {
    // With the formats checked too (date-time), as a strict consumer checks them.
    const ajv = formats.default(new Ajv2020({ allErrors: true, strict: false }));
    const schemaDir = path.join(exampleSite, 'data', 'schema', '2');
    const compile = (file: string) => ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')));
    const validators = new Map(readdirSync(schemaDir).map((f) => [f.replace('.schema.json', ''), compile(f)]));
    const kinds = new Set<string>();
    for (const { root } of sites()) {
      for (const file of siteFiles(root).filter((f) => f.startsWith('data/') && f.endsWith('.json') && !f.includes('/schema/'))) {
        const doc = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { $schema?: string };
        // OParl's external lists name no schema; every object's document does.
        if (doc.$schema === undefined) continue;
        const kind = /data\/schema\/2\/([a-z-]+)\.schema\.json$/.exec(doc.$schema)?.[1] ?? doc.$schema;
        const valid = validators.get(kind);
        expect(valid, `${file}: ${doc.$schema}`).toBeDefined();
        expect(valid?.(doc), `${file}: ${JSON.stringify(valid?.errors)}`).toBe(true);
        kinds.add(kind);
      }
    }
    expect([...kinds].sort()).toEqual(['agenda-item', 'body', 'file', 'index', 'location', 'meeting', 'organization']);
    const validate = (doc: object) => validators.get('meeting')?.(doc);
    const meeting = JSON.parse(readFileSync(path.join(exampleSite, 'data', 'direktionen', '2023-09-06.json'), 'utf8'));
    const held = { meetingState: 'durchgeführt', start: '2023-09-06T09:00:00+02:00' };
    expect(meeting).toMatchObject({ type: 'https://schema.oparl.org/1.1/Meeting', ...held });
    expect(meeting.resultsProtocol.fileName).toBe('2023-09-06-referat-offentlig.pdf');
    // Without --samlet no combined document; each open attachment is its item's file.
    expect(meeting.auxiliaryFile).toBeUndefined();
    expect(meeting.agendaItem[2].auxiliaryFile.map((f: { fileName: string }) => f.fileName)).toContain('2023-09-06-bilag-3-1.pdf');
    const closedMeeting = JSON.parse(readFileSync(path.join(closedSite, 'data', 'testudvalget', '2024-03-06.json'), 'utf8'));
    expect(closedMeeting.auxiliaryFile.map((f: { fileName: string }) => f.fileName)).toEqual(['2024-03-06-referat-offentlig-samlet.pdf']);
    expect(meeting.agendaItem[0]['agenda:sections'].map((s: { heading: string }) => s.heading)).toContain('Sagsfremstilling');
    // An invalid document is refused: the schema is not one that passes anything.
    expect(validate({ ...meeting, cancelled: 'no' })).toBe(false);
    expect(validate({ ...meeting, start: '6. september 2023 kl. 9' })).toBe(false);
  });

  it('has calendar feeds that ical.js reads with the right local times on both sides of a change to and from summer time', () => {
    const feed = new ICAL.Component(ICAL.parse(readFileSync(path.join(exampleSite, 'direktionen', 'kalender.ics'), 'utf8')));
    for (const zone of feed.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const events = feed.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byDay = new Map(events.map((e) => [e.startDate.toString().slice(0, 10), e]));
    // Every Wednesday of the schedule, 2023-01-04 to 2023-12-20, cancelled ones included.
    expect(events.length).toBe(51);
    expect(new Set(events.map((e) => e.uid)).size).toBe(51);
    const utc = (day: string) => byDay.get(day)!.startDate.toJSDate().toISOString();
    expect(utc('2023-03-22')).toBe('2023-03-22T08:00:00.000Z'); // 9:00 CET
    expect(utc('2023-03-29')).toBe('2023-03-29T07:00:00.000Z'); // 9:00 CEST, after 26 March
    expect(utc('2023-10-25')).toBe('2023-10-25T07:00:00.000Z'); // 9:00 CEST
    expect(utc('2023-11-01')).toBe('2023-11-01T08:00:00.000Z'); // 9:00 CET, after 29 October
    expect(byDay.get('2023-11-22')!.endDate.toJSDate().toISOString()).toBe('2023-11-22T16:00:00.000Z');
    expect(byDay.get('2023-11-22')!.location).toBe('Mødelokale 250, rådhuset');
    expect(byDay.get('2023-11-22')!.component.getFirstPropertyValue('url')).toBe(`${servers[0]!.origin}/direktionen/2023-11-22.html`);
    expect(byDay.get('2023-10-18')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // Named in the house style's words, as the PDFs name a cancelled political meeting (politisk_aflyst).
    expect([byDay.get('2023-10-18')!.summary, byDay.get('2023-11-22')!.summary]).toEqual([
      'Direktionens møde (aflyst)',
      'Direktionens møde',
    ]);
    expect(byDay.get('2023-11-29')!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const all = new ICAL.Component(ICAL.parse(readFileSync(path.join(exampleSite, 'kalender.ics'), 'utf8')));
    expect(all.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual(events.map((e) => e.uid));
  });

  it('has SBSYS publication folders in which every XPath of OS2web’s importer finds its field', () => {
    // os2web_meetings_sbsys, config/install/migrate_plus.migration.os2web_meetings_sbsys_import.yml:
    // item_selector and each field's selector; then what its source plugin (MeetingsDirectorySbsys)
    // reads of every bullet point and its texts.
    const itemSelector = '/Dagsorden';
    const fields = {
      agenda_id: '@DagsordenID',
      agenda_access: '@Åben',
      agenda_type: '@Dagsordentype',
      meeting_id: 'Møde/@MødeID',
      title: 'Møde/@Udvalg',
      meeting_start_date: 'Møde/@Mødedato',
      meeting_start_time: 'Møde/@Mødetid',
      meeting_end_date: 'Møde/@Mødeslutdato',
      meeting_end_time: 'Møde/@Mødesluttid',
      committee_id: 'Møde/@UdvalgID',
      committee_name: 'Møde/@Udvalg',
      location_name: 'Møde/@Mødested',
      bullet_points: 'Dagsordenpunkter',
    };
    let folders = 0;
    let enclosureCount = 0;
    for (const { root } of sites()) {
      const xmlFiles = siteFiles(root).filter((f) => f.endsWith('.xml'));
      for (const file of xmlFiles) {
        const folder = path.dirname(file);
        expect(folder.startsWith('sbsys/'), file).toBe(true);
        expect(xmlFiles.filter((f) => path.dirname(f) === folder)).toEqual([file]);
        expect(siteFiles(root)).toContain(`${folder}/dagsorden.html`);
        const doc = new DOMParser().parseFromString(readFileSync(path.join(root, file), 'utf8'), 'application/xml');
        const [agenda] = xpath.select(itemSelector, doc as unknown as Node) as Node[];
        expect(agenda, file).toBeDefined();
        const value = (selector: string, node: Node = agenda!) => {
          const found = xpath.select(selector, node) as Node[];
          expect(found.length, `${file}: ${selector}`).toBe(1);
          return found[0]!.textContent ?? '';
        };
        for (const [name, selector] of Object.entries(fields))
          if (name !== 'bullet_points') expect(value(selector), `${file}: ${name}`).not.toBe('');
        expect(value('@Åben')).toBe('true');
        const data = JSON.parse(
          readFileSync(path.join(root, 'data', `${file.split('/')[1]!.replace(/-(\d{4}-\d{2}-\d{2})$/, '/$1')}.json`), 'utf8'),
        );
        expect(value('@Dagsordentype')).toBe(data.meetingState === 'durchgeführt' ? 'Referat' : 'Dagsorden');
        // The importer's date reading: "22. november 2023" + " " + "09:00", month names to numbers, in Copenhagen.
        expect(importerDate(value('Møde/@Mødedato'), value('Møde/@Mødetid'))).toBe(data.start.slice(0, 16));
        expect(importerDate(value('Møde/@Mødeslutdato'), value('Møde/@Mødesluttid'))).toBe(data.end.slice(0, 16));
        const points = xpath.select('Dagsordenpunkter/Dagsordenpunkt', agenda!) as Element[];
        const ids: string[] = [];
        expect(points.length).toBe(data.agendaItem.length);
        points.forEach((point, i) => {
          const item = data.agendaItem[i];
          expect(value('@DagsordenpunktID', point)).not.toBe('');
          expect(value('@Nummer', point)).toBe(item.number);
          expect(value('@Åbent', point)).toBe(String(item.public));
          expect(value('Overskrift', point)).toBe(item.name);
          const texts = xpath.select('Indhold/*', point) as Element[];
          // Each text is one element with only text in it (the importer's array then holds its body), names unique.
          expect(new Set(texts.map((t) => t.nodeName)).size).toBe(texts.length);
          for (const t of texts) expect(xpath.select('*', t), `${file}: ${t.nodeName}`).toEqual([]);
          // A closed item: its number and title, and its closed attachments' numbers (as on the page).
          if (!item.public) expect(texts.map((t) => t.nodeName).filter((n) => n !== 'Bilag')).toEqual([]);
          // Its attachments' files (convertEnclosuresToCanonical), each found in the folder by its BilagUrl, as the site has it.
          const enclosures = xpath.select('Bilagsliste/Bilag', point) as Element[];
          expect(enclosures.map((e) => value('@Navn', e))).toEqual((item.auxiliaryFile ?? []).map((f: { name: string }) => f.name));
          enclosures.forEach((e, k) => {
            expect(value('@MaaPubliceres', e)).toBe('true');
            ids.push(value('@BilagID', e));
            const bytes = readFileSync(path.join(root, folder, value('@BilagUrl', e)));
            expect(createHash('sha512').update(bytes).digest('hex'), `${file}: ${value('@BilagUrl', e)}`).toBe(
              item.auxiliaryFile[k].sha512Checksum,
            );
          });
        });
        expect(new Set(ids).size, `${file}: each BilagID once`).toBe(ids.length);
        enclosureCount += ids.length;
        folders++;
      }
    }
    expect(folders).toBe(3 + 2);
    // The example's 11 open attachments, and the closed fixture's one.
    expect(enclosureCount).toBeGreaterThanOrEqual(11 + 1);
  });
});

/** MeetingsDirectorySbsys::convertDateToTimestamp's reading of a date and time, as "YYYY-MM-DDTHH:MM". */
function importerDate(date: string, time: string): string {
  const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
  let text = `${date} ${time}`;
  months.forEach((m, i) => (text = text.replace(new RegExp(`\\. ${m} `, 'i'), `-${i + 1}-`)));
  const match = /^(\d{1,2})-(\d{1,2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, d, mo, y, h, mi] = match!;
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h}:${mi}`;
}

/** What a publication wrote besides the search index (pagefind/), sorted. */
const outsideIndex = (written: string[]) => written.filter((f) => !f.startsWith('pagefind/')).sort();

describe('publishing', () => {
  it('leaves no closed marker in any file of the site: HTML, JSON, XML, feeds, PDF bytes, file names', () => {
    const files = siteFiles(closedSite);
    expect(files.some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(closedMarkersIn(closedSite, closedFileMarkers)).toEqual([]);
    // What is public of the fixture is there: the closed item's public title, the open point of the day beside the plan's
    // closed one (XQZSECRET18), the open item, the open attachment's file alone and in the combined document.
    const meetingPage = readFileSync(path.join(closedSite, 'testudvalget', '2024-03-06.html'), 'utf8');
    for (const open of ['Personalesag', 'Orientering fra direktøren']) expect(meetingPage).toContain(open);
    for (const file of ['2024-03-06-bilag-1-1.pdf', '2024-03-06-referat-offentlig-samlet.pdf'])
      expect(pdfPages(path.join(closedSite, 'testudvalget', file)).join('\n')).toContain('OPENFILE01 budgettet');
    console.log(
      `closed content: none of ${markers.length + closedFileMarkers.length} markers in ${files.length} files of the published site`,
    );
  });

  it('gives the same bytes for the same inputs, and after one meeting or one attachment changed rewrites only what depends on it', async () => {
    const again = path.join(tempDir(), 'site');
    publish(example.meetings, again, `${servers[0]!.origin}/`);
    const first = siteBytes(exampleSite);
    const second = siteBytes(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(Buffer.compare(bytes, second.get(file)!), file).toBe(0);

    const unchanged = publish(example.meetings, exampleSite, `${servers[0]!.origin}/`);
    expect(unchanged).toMatchObject({ written: [], removed: [], printed: 0 });

    const before = siteTimes(exampleSite);
    const file = path.join(example.meetings, '2023-11-22.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Bilag er vedlagt.', 'Bilag er vedlagt, og tidsplanen er rettet.'));
    const changed = publish(example.meetings, exampleSite, `${servers[0]!.origin}/`);
    // The agenda alone: its attachments' files, which have not changed, are not made again.
    expect(changed.printed).toBe(1);
    // Its data: the meeting, the changed item, its PDF's File, and the lists of meetings that hold it.
    // Besides the search index's parts that hold the changed item (site-search.test.ts).
    expect(outsideIndex(changed.written)).toEqual([
      'data/direktionen/2023-11-22.json',
      'data/direktionen/2023-11-22/2023-11-22-dagsorden-offentlig.json',
      'data/direktionen/2023-11-22/punkt-2.json',
      'data/direktionen/meetings.json',
      'data/oparl/meetings.json',
      'direktionen/2023-11-22-dagsorden-offentlig.pdf',
      'direktionen/2023-11-22.html',
      // The document feeds: the corrected agenda's entry is updated.
      'direktionen/dokumenter.atom',
      'dokumenter.atom',
      'sbsys/direktionen-2023-11-22/dagsorden.html',
      'sbsys/direktionen-2023-11-22/direktionen-2023-11-22.xml',
    ]);
    const after = siteTimes(exampleSite);
    const touched = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
    expect(touched.sort()).toEqual([...changed.written, '.agenda-publish.json'].sort());
    expect(readFileSync(path.join(exampleSite, 'direktionen', '2023-11-22.html'), 'utf8')).toContain('tidsplanen er rettet');
    // Printed again: as a build of the changed meeting makes it.
    const built = path.join(example.dir, 'changed.pdf');
    expect(agenda(['build', '2023-11-22', '--public', '--out', built], { cwd: example.dir }).status).toBe(0);
    expect(pdfPages(path.join(exampleSite, 'direktionen', '2023-11-22-dagsorden-offentlig.pdf'), true)).toEqual(pdfPages(built, true));

    // A new version of one attachment's file: that file, its copy for OS2web, and what names its size and checksum; nothing printed.
    await writePdf(path.join(example.meetings, 'bilag', '2023-11-22', '3-2.pdf'), { text: 'NEWVERSION arbejdsnotat', pages: 40 });
    const attachment = publish(example.meetings, exampleSite, `${servers[0]!.origin}/`);
    expect(attachment.printed).toBe(0);
    expect(outsideIndex(attachment.written)).toEqual([
      'data/direktionen/2023-11-22.json',
      'data/direktionen/2023-11-22/2023-11-22-bilag-3-2.json',
      'data/direktionen/2023-11-22/punkt-3.json',
      'data/direktionen/meetings.json',
      'data/oparl/meetings.json',
      'direktionen/2023-11-22-bilag-3-2.pdf',
      'direktionen/2023-11-22.html',
      // A new version of an attachment's file is a change of the meeting's documents: its feed entry is updated.
      'direktionen/dokumenter.atom',
      'dokumenter.atom',
      'sbsys/direktionen-2023-11-22/2023-11-22-bilag-3-2.pdf',
    ]);
    expect(pdfPages(path.join(exampleSite, 'direktionen', '2023-11-22-bilag-3-2.pdf'))[39]).toContain('NEWVERSION arbejdsnotat page 40');
  });

  it("says so where a FIFO has taken a file's place, without waiting on it, writing nothing; once it is gone, makes the file anew", () => {
    const before = siteBytes(exampleSite);
    const fifos = ['direktionen/2023-11-22.html', 'direktionen/2023-11-22-dagsorden-offentlig.pdf', '.agenda-publish.json'].map((f) =>
      path.join(exampleSite, f),
    );
    for (const fifo of fifos) {
      rmSync(fifo);
      execFileSync('mkfifo', [fifo]);
    }
    const run = agenda(['publish', '--meetings', example.meetings, '--out', exampleSite, '--url', `${servers[0]!.origin}/`]);
    // All three at once, before anything is printed; the state file unread, every other file is not known as publish's.
    expect(run.stderr.split('\n').slice(1, 4)).toEqual([
      '  .agenda-publish.json: a named pipe (FIFO) where publish writes a file',
      '  direktionen/2023-11-22-dagsorden-offentlig.pdf: a named pipe (FIFO) where publish writes a file',
      '  direktionen/2023-11-22.html: a named pipe (FIFO) where publish writes a file',
    ]);
    expect(run.status).toBe(3);
    const left = siteFiles(exampleSite).filter((f) => !fifos.includes(path.join(exampleSite, f)));
    // Nothing was staged (publish/staging.ts), or every staged file was removed: none is left.
    expect(left.filter((f) => !before.has(f))).toEqual([]);
    for (const file of left) expect(Buffer.compare(readFileSync(path.join(exampleSite, file)), before.get(file)!), file).toBe(0);
    for (const fifo of fifos) rmSync(fifo);
    // With the state file gone, no file of the site is told from a file of another's (before anything is
    // printed, their bytes are not known); --overwrite takes them as its own.
    const refused = agenda(['publish', '--meetings', example.meetings, '--out', exampleSite, '--url', `${servers[0]!.origin}/`]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('\n  data.html: a file publish did not write\n');
    expect(refused.stderr).toContain('--overwrite takes them as its own');
    // A staging folder a killed publication left (its process gone) is removed by the next that stages a file.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const killed = path.join(exampleSite, `.agenda-publish-${gone}.tmp`);
    mkdirSync(killed);
    writeFileSync(path.join(killed, '0'), '%PDF-');
    publish(example.meetings, exampleSite, `${servers[0]!.origin}/`, ['--overwrite']);
    expect(existsSync(killed)).toBe(false);
    // The document feeds' revisions are kept in the state file (publish/atom.ts): with it gone, a corrected
    // document's entry starts again at the day's first revision, under the same id. Every other file is as it was.
    const revisions = ['.agenda-publish.json', 'dokumenter.atom', 'direktionen/dokumenter.atom'];
    const after = siteBytes(exampleSite);
    const ids = (bytes: Buffer | undefined) => String(bytes).match(/<id>[^<]*<\/id>/g);
    for (const file of revisions.slice(1)) expect(ids(after.get(file)), file).toEqual(ids(before.get(file)));
    for (const file of revisions) [before, after].forEach((files) => files.delete(file));
    expect(after).toEqual(before);
  });

  it('writes nothing when a meeting has an error, and removes the files of a meeting that is gone', () => {
    const before = siteBytes(exampleSite);
    const broken = path.join(example.meetings, '2023-11-29.yaml');
    writeFileSync(broken, 'punkter:\n  - titel: Et punkt\n    bilagg: []\n');
    const run = agenda(['publish', '--meetings', example.meetings, '--out', exampleSite]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/2023-11-29\.yaml:3:5: punkter\[0\]\.bilagg: unknown key/);
    expect(siteBytes(exampleSite)).toEqual(before);
    rmSync(broken);
    rmSync(path.join(example.meetings, '2023-09-06.yaml'));
    const result = publish(example.meetings, exampleSite, `${servers[0]!.origin}/`);
    expect(result.printed).toBe(0);
    expect(result.removed).toContain('direktionen/2023-09-06-referat-offentlig.pdf');
    expect(result.removed).toContain('sbsys/direktionen-2023-09-06/direktionen-2023-09-06.xml');
    expect(siteFiles(exampleSite).filter((f) => f.includes('2023-09-06'))).toEqual([]);
    expect(readFileSync(path.join(exampleSite, 'index.html'), 'utf8')).not.toContain('2023-09-06');
  });
});
