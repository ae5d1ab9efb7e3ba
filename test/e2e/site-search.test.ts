import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Browser, ConsoleMessage, HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedFileMarkers, closedFixtureWithFiles, writePdf } from '../support/attachments.js';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { markers } from '../support/markers.js';
import { htmlPages, siteBytes, siteFiles } from '../support/site.js';
import { sharedExampleSite } from '../support/shared-build.js';
import { serveFolder } from '../support/static-server.js';
import { exampleRoot } from '../support/examples.js';

// The published site's search (sog.html and its Pagefind index under pagefind/), used as a reader
// uses it: in Chromium, from the site served over HTTP.

const require = createRequire(import.meta.url);

function publish(args: string[], cwd?: string): void {
  const run = agenda(['publish', ...args, '--json'], { cwd });
  expect(run.status, run.stderr).toBe(0);
}

const example = copyOfMeetings();
const exampleSite = path.join(tempDir(), 'site');
// The repository of two committees (eksempel/), whose items share a case (sag 24/0117).
const repository = path.join(tempDir('agenda-repo-'), 'repo');
const repositorySite = path.join(tempDir(), 'site');
const closedMeetings = path.join(tempDir(), 'meetings');
const closedSite = path.join(tempDir(), 'site');
const servers: Array<{ origin: string; close: () => Promise<void> }> = [];
let browser: Browser;
/** The tab searchPage loads each search in. */
let readerTab: Page | undefined;

beforeAll(async () => {
  cpSync(path.join(exampleRoot(), 'eksempel'), repository, { recursive: true });
  await closedFixtureWithFiles(closedMeetings);
  // Its open attachment of 12 pages, each with its number ("OPENFILE01 budgettet page 12"): two records of the index, pages 1-10 and 11-12.
  await writePdf(path.join(closedMeetings, 'bilag', 'aabent.pdf'), { text: 'OPENFILE01 budgettet', pages: 12 });
  publish(['--meetings', example.meetings, '--out', exampleSite]);
  publish(['--out', repositorySite], repository);
  publish(['--meetings', closedMeetings, '--out', closedSite]);
  servers.push(await serveFolder(exampleSite), await serveFolder(repositorySite), await serveFolder(closedSite));
  browser = await launchReader();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

interface Result {
  title: string;
  href: string;
  /** Where it is: the document's kind, its committee, its meeting's date. */
  place: string;
  /** The item an attachment's page belongs to: its address and title. */
  item?: string;
  itemTitle?: string;
  excerpt: string;
}

/**
 * The search page with `query` in its address, once its script has said what it found; the paths it asked the site for.
 * Loaded in the reader's tab, as a reader searches again: a new tab a search would start a renderer each time, some
 * 0.3 s of CPU (docs/develop/test-speed.md).
 */
async function searchPage(origin: string, query: string): Promise<{ page: Page; status: string; results: Result[]; requested: string[] }> {
  const page = (readerTab ??= await browser.newPage());
  const requested: string[] = [];
  const errors: string[] = [];
  const onRequest = (r: HTTPRequest) => void requested.push(new URL(r.url()).pathname);
  const onError = (e: unknown) => void errors.push(String(e));
  // The browser asks for /favicon.ico by itself; the site links no icon.
  const onResponse = (r: HTTPResponse) =>
    void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  const onConsole = (m: ConsoleMessage) => void (m.type() === 'error' && !m.text().includes('404') && errors.push(m.text()));
  page.on('request', onRequest);
  page.on('pageerror', onError);
  page.on('response', onResponse);
  page.on('console', onConsole);
  try {
    await page.goto(`${origin}/sog.html?${query}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status')!.textContent !== '');
  } finally {
    page.off('request', onRequest);
    page.off('pageerror', onError);
    page.off('response', onResponse);
    page.off('console', onConsole);
  }
  expect(errors).toEqual([]);
  return { page, status: await page.$eval('#status', (s) => s.textContent), results: await results(page), requested };
}

const results = (page: Page): Promise<Result[]> =>
  page.$$eval('#resultater > li', (items) =>
    items.map((li) => ({
      title: li.querySelector('h2 a')!.textContent,
      href: (li.querySelector('h2 a') as HTMLAnchorElement).href,
      place: li.querySelector('.sted')!.textContent,
      item: li.querySelector<HTMLAnchorElement>('.punkt a')?.href,
      itemTitle: li.querySelector('.punkt a')?.textContent,
      excerpt: li.querySelector('.uddrag')!.innerHTML,
    })),
  );

const pageText = (root: string) =>
  htmlPages(root)
    .map((f) => readFileSync(path.join(root, f), 'utf8'))
    .join('\n');

describe('the search page', () => {
  it('finds a word of an item’s decision, with Danish stemming, linking to the item on its meeting’s page with the word marked', async () => {
    const origin = servers[0]!.origin;
    expect(readFileSync(path.join(exampleSite, 'direktionen', '2023-09-06.html'), 'utf8')).toContain('studieture');
    // "studietur" is not on any page: "studieture" is found by its stem.
    expect(pageText(exampleSite)).not.toMatch(/studietur\b/);
    const { page, results } = await searchPage(origin, 'q=studietur');
    expect(results.map((r) => r.href)).toContain(`${origin}/direktionen/2023-09-06.html#punkt-2`);
    const hit = results.find((r) => r.href.endsWith('#punkt-2'))!;
    expect(hit.title).toMatch(/^2\. /);
    expect(hit.excerpt).toMatch(/<mark>studieture\.?<\/mark>/);
    // The link leads to the item's heading.
    await page.click('#resultater h2 a[href$="#punkt-2"]');
    await page.waitForFunction(() => location.hash === '#punkt-2');
    // The hash is set as the page starts to load: its heading is there once it has.
    await page.waitForSelector('#punkt-2 h2');
    expect(await page.$eval('#punkt-2 h2', (h) => h.textContent)).toBe(hit.title);
  });

  it('finds a word only an open attachment’s file holds, linking to its page of the PDF where the words are most found, and to its item', async () => {
    const origin = servers[2]!.origin;
    expect(pageText(closedSite)).not.toContain('OPENFILE01');
    // A file is a record each 10 pages (pages 1-10, 11-12 here), shown at the first of its pages with the most
    // words found: the word alone, at the first page of each record; with a page's number, that page first.
    const file = (n: number) => `${origin}/testudvalget/2024-03-06-bilag-1-1.pdf#page=${n}`;
    for (const [query, first] of [
      ['OPENFILE01', 1],
      ['OPENFILE01 page 2', 2],
      ['OPENFILE01 page 12', 12],
    ] as const) {
      const { results } = await searchPage(origin, new URLSearchParams({ q: query }).toString());
      expect(results[0]?.href, query).toBe(file(first));
      if (query === 'OPENFILE01') expect(results.map((r) => r.href).sort()).toEqual([file(1), file(11)]);
      for (const [i, r] of results.entries()) {
        expect(r.href, `${query} ${i}`).toMatch(/-bilag-1-1\.pdf#page=\d+$/);
        expect(r.title).toMatch(/, side \d+$/);
        expect(r.item).toBe(`${origin}/testudvalget/2024-03-06.html#punkt-1`);
        expect(r.itemTitle).toBe('1. Orientering');
        expect(r.place).toMatch(/^(Dagsorden|Referat), Testudvalget, onsdag den 6\. marts 2024$/);
        expect(r.excerpt, `${query} ${i}`).toContain('<mark>OPENFILE01</mark>');
      }
    }
  });

  it('finds an attachment’s page by the words it holds, not by its page’s anchor: "side" or a number finds no page that does not say it', async () => {
    const origin = servers[2]!.origin;
    const attachments = (results: Result[]) => results.filter((r) => /-bilag-1-1\.pdf#page=\d+$/.test(r.href));
    // Each page of the file says its own number ("OPENFILE01 budgettet page 7") and none says "side".
    const side = await searchPage(origin, 'q=side');
    expect(attachments(side.results)).toEqual([]);
    // A number: the page that says it, its excerpt that page's words alone, the number marked once.
    const seven = await searchPage(origin, 'q=7');
    expect(attachments(seven.results).map((r) => [r.href, r.title.replace(/^.*, /, ''), r.excerpt])).toEqual([
      [`${origin}/testudvalget/2024-03-06-bilag-1-1.pdf#page=7`, 'side 7', 'OPENFILE01 budgettet page <mark>7.</mark>'],
    ]);
  });

  it('finds a record by its own text and title alone: no word of where it is (its meeting’s date) or of its item’s address or title', async () => {
    const origin = servers[2]!.origin;
    const attachments = (results: Result[]) => results.filter((r) => /-bilag-1-1\.pdf#page=\d+$/.test(r.href));
    // The meeting is "onsdag den 6. marts 2024" (each result's place) and no text of it says the month or the day;
    // the attachment's item is "1. Orientering" at ".../2024-03-06.html#punkt-1", and its file says neither.
    const records =
      readFileSync(path.join(closedMeetings, '2024-03-06.yaml'), 'utf8') +
      readFileSync(path.join(closedMeetings, 'faste-punkter.yaml'), 'utf8');
    const found: Record<string, string[]> = {};
    for (const word of ['marts', 'onsdag', 'html', 'punkt', 'testudvalget', 'orientering']) {
      const { results } = await searchPage(origin, `q=${word}`);
      // No record says the meeting's month or day: nothing is found. An item's title finds the item ("4. Åbent punkt
      // med en lukket række"; "1. Orientering", whose text says it too), not its attachments.
      found[word] = (['marts', 'onsdag'].includes(word) ? results : attachments(results)).map((r) => r.href);
    }
    expect(records.toLowerCase()).not.toMatch(/marts|onsdag/);
    expect(found).toEqual({ marts: [], onsdag: [], html: [], punkt: [], testudvalget: [], orientering: [] });
  });

  it('downloads a bounded part of the index for one search, its metadata a record an attachment file, not a page', async () => {
    // What a reader's browser fetches (every response's body, as the bench counts it, bench/archive.ts): the
    // example's open attachments are 11 files of some 50 pages; Pagefind's metadata (pf_meta) holds a few bytes
    // of each record, which every search of the index loads (342 bytes; a record a page made it 493).
    const page = await browser.newPage();
    const bodies: Promise<{ path: string; bytes: number }>[] = [];
    page.on('response', (r) => void bodies.push(r.buffer().then((b) => ({ path: new URL(r.url()).pathname, bytes: b.length }))));
    await page.goto(`${servers[0]!.origin}/sog.html?q=budget`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('#resultater > li').length > 0);
    const got = await Promise.all(bodies);
    const bytes = (pattern: RegExp) => got.filter((r) => pattern.test(r.path)).reduce((n, r) => n + r.bytes, 0);
    expect(bytes(/\.pf_meta$/)).toBeGreaterThan(0);
    expect(bytes(/\.pf_meta$/)).toBeLessThan(400);
    // The index's part of the search (entry, metadata, the word's chunk, the shown results' fragments), Pagefind's script and WebAssembly apart.
    expect(bytes(/^\/pagefind\/[^/]+\/(pagefind-entry\.json|.*\.pf_\w+)$/)).toBeLessThan(20_000);
    await page.close();
  });

  it('finds nothing closed: no marker of fixtures/lukket, in the item’s texts nor in the closed attachments’ files', async () => {
    const origin = servers[2]!.origin;
    for (const marker of [...markers, ...closedFileMarkers]) {
      const { status, results } = await searchPage(origin, `q=${marker}`);
      expect(results, marker).toEqual([]);
      expect(status).toBe('Ingen resultater.');
    }
    // What is open is found: the open item's text, and the open point of the day that the plan gives its timetable.
    for (const word of ['orientering', 'direktøren']) {
      const { results } = await searchPage(origin, `q=${encodeURIComponent(word)}`);
      expect(
        results.map((r) => r.href),
        word,
      ).toContain(`${origin}/testudvalget/2024-03-06.html#punkt-1`);
    }
  });

  it('filters by committee, year, document and case number (sag)', async () => {
    const origin = servers[1]!.origin;
    const { page, results } = await searchPage(origin, 'sag=24%2F0117');
    const pages = results.map((r) => new URL(r.href).pathname.split('/')[1]).sort();
    expect(pages).toHaveLength(2);
    expect(new Set(pages).size).toBe(2);
    const options = await page.$$eval('#filter-udvalg option', (o) => o.map((e) => e.textContent));
    expect(options).toEqual(['Alle udvalg', 'Kommunalbestyrelsen', 'Økonomiudvalget']);
    const kinds = await page.$$eval('#filter-dokument option', (o) => o.map((e) => e.textContent));
    expect(kinds).toEqual(['Alle dokumenter', 'Dagsorden', 'Referat']);
    const one = await searchPage(origin, 'sag=24%2F0117&udvalg=%C3%98konomiudvalget&%C3%A5r=2024&dokument=Referat');
    expect(one.results).toHaveLength(1);
    expect(one.results[0]!.href).toMatch(/#punkt-2$/);
    const agenda = await searchPage(origin, 'sag=24%2F0117&dokument=Dagsorden');
    expect(agenda.results.map((r) => new URL(r.href).pathname)).toEqual(['/kommunalbestyrelsen/2024-01-16.html']);
    const none = await searchPage(origin, 'sag=24%2F0117&udvalg=Kommunalbestyrelsen&dokument=Referat');
    expect(none.results).toEqual([]);
  });

  it('offers the filters’ values in the page as published, and a search of one committee loads its index alone', async () => {
    const origin = servers[1]!.origin;
    // Script off: the choices are the page's own (publish knows them), not read from the indexes.
    const off = await browser.newPage();
    await off.setJavaScriptEnabled(false);
    await off.goto(`${origin}/sog.html`, { waitUntil: 'load' });
    const choices = (select: string) => off.$$eval(`${select} option`, (o) => o.map((e) => e.textContent));
    expect(await choices('#filter-udvalg')).toEqual(['Alle udvalg', 'Kommunalbestyrelsen', 'Økonomiudvalget']);
    expect(await choices('#filter-år')).toEqual(['Alle år', '2024']);
    expect(await choices('#filter-dokument')).toEqual(['Alle dokumenter', 'Dagsorden', 'Referat']);
    await off.close();
    const folders = (requested: string[]) => new Set(requested.flatMap((p) => /^\/pagefind\/([^/]+)\//.exec(p)?.[1] ?? []));
    const all = await searchPage(origin, 'q=grunden');
    expect(folders(all.requested)).toEqual(new Set(['kommunalbestyrelsen', 'oekonomiudvalget']));
    // Pagefind runs on the page's thread: its worker is neither fetched nor published.
    expect(all.requested.filter((p) => p.endsWith('pagefind-worker.js'))).toEqual([]);
    expect(siteFiles(repositorySite).filter((f) => /pagefind-worker|wasm\.unknown/.test(f))).toEqual([]);
    for (const query of ['q=grunden&udvalg=Kommunalbestyrelsen', 'udvalg=Kommunalbestyrelsen']) {
      const one = await searchPage(origin, query);
      expect(one.results.length, query).toBeGreaterThan(0);
      expect(
        one.results.filter((r) => !new URL(r.href).pathname.startsWith('/kommunalbestyrelsen/')),
        query,
      ).toEqual([]);
      expect(folders(one.requested), query).toEqual(new Set(['kommunalbestyrelsen']));
      // Nor any filter: each record of the committee's index is the committee's.
      expect(
        one.requested.filter((p) => p.includes('/filter/')),
        query,
      ).toEqual([]);
    }
  });

  it('works with the keyboard alone, and has no axe-core violation of WCAG 2.1 A and AA, before and after a search', async () => {
    const origin = servers[0]!.origin;
    const page = await browser.newPage();
    // The page lets only the site's own script run (CSP); axe is the test's, let in for the test alone.
    await page.setBypassCSP(true);
    await page.goto(`${origin}/sog.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => !(document.getElementById('søgning') as HTMLFormElement).hidden);
    const axe = async () => {
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      return (await page.evaluate(() =>
        (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }),
      )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }>; passes: unknown[] };
    };
    const before = await axe();
    expect(before.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Tab from the top of the page to the search field, type, Enter.
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'søgeord' && tabs++ < 10) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('søgeord');
    await page.keyboard.type('studieture');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#resultater > li').length > 0);
    // The count is said in a live region; the address holds the search, to link to it.
    expect(await page.$eval('#status', (s) => [s.getAttribute('role'), s.textContent])).toEqual([
      'status',
      expect.stringMatching(/resultat/),
    ]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('studieture');
    const after = await axe();
    expect(after.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(after.passes.length).toBeGreaterThan(5);
    await page.close();
  });

  /** What the search page shows at `url`, once loaded and its script (where it runs) has had its turn: the words for no script, whether the form is hidden. */
  const shown = async (url: string, script = true) => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(script);
    await page.goto(url, { waitUntil: 'networkidle0' });
    const seen = await page.evaluate(() => {
      const words = document.getElementById('uden-script');
      return {
        words: words?.checkVisibility() ? words.textContent : undefined,
        form: document.getElementById('søgning')?.checkVisibility(),
      };
    });
    await page.close();
    return seen;
  };
  const needs = expect.stringContaining('kræver JavaScript, og at siden hentes fra en webserver');

  it('says where script is off that the search needs it, and shows no form that cannot work', async () => {
    expect(await shown(`${servers[0]!.origin}/sog.html`, false)).toEqual({ words: needs, form: false });
  });

  it('says so too on the page opened as a file, where its module script is not loaded; served, the words are gone', async () => {
    expect(await shown(pathToFileURL(path.join(exampleSite, 'sog.html')).href)).toEqual({ words: needs, form: false });
    expect(await shown(`${servers[0]!.origin}/sog.html`)).toEqual({ words: undefined, form: true });
  });
});

describe('the index', () => {
  /** Every file of the index as its bytes, Pagefind's gzip-compressed ones decompressed. */
  const indexBytes = (root: string) =>
    siteFiles(root)
      .filter((f) => f.startsWith('pagefind/'))
      .map((f) => {
        const bytes = readFileSync(path.join(root, f));
        return { file: f, bytes: bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes };
      });

  it('holds no byte of anything closed, its compressed files decompressed', () => {
    const files = indexBytes(closedSite);
    expect(files.filter((f) => f.file.includes('/fragment/')).length).toBeGreaterThan(0);
    // Decompressed, Pagefind's fragments are its signature and JSON: the open attachment's text is there to be found.
    expect(files.some((f) => f.bytes.toString('utf8').includes('OPENFILE01'))).toBe(true);
    const found = files.flatMap(({ file, bytes }) =>
      [...markers, ...closedFileMarkers].filter((m) => bytes.toString('latin1').includes(m)).map((m) => `${m} in ${file}`),
    );
    expect(found).toEqual([]);
  });

  it('is the same bytes for the same inputs', () => {
    // The other publication is the suite's of the same meetings (test/support/shared-build.ts), made in another
    // folder, often by another worker: the same bytes, but for the state file's fingerprints, which name the
    // input's folder; it lists the same files with the same checksums (publish.test.ts compares a publication
    // from the same folder byte for byte, state file too).
    const again = sharedExampleSite();
    expect(again.run.status, again.run.stderr).toBe(0);
    const first = siteBytes(exampleSite);
    const second = siteBytes(again.out);
    expect([...second.keys()]).toEqual([...first.keys()]);
    const state = '.agenda-publish.json';
    for (const [file, bytes] of first) if (file !== state) expect(Buffer.compare(bytes, second.get(file)!), file).toBe(0);
    const recorded = (bytes: Buffer | undefined) =>
      (JSON.parse(String(bytes)) as { files: Array<{ path: string; sha256: string; size: number }> }).files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
      }));
    expect(recorded(first.get(state)).length).toBeGreaterThan(10);
    expect(recorded(second.get(state))).toEqual(recorded(first.get(state)));
  });

  it('is kept as it is when nothing changed, and after one meeting changed finds what changed, no attachment read again', async () => {
    const before = siteBytes(exampleSite);
    const cache = siteFiles(exampleSite).filter((f) => f.startsWith('.agenda-search/'));
    // Each attachment file's text, read once, kept by its bytes' SHA-256 (the example has 11 open attachment files).
    expect(cache.length).toBe(siteFiles(exampleSite).filter((f) => /^direktionen\/.*-bilag-.*\.pdf$/.test(f)).length);
    expect(agenda(['publish', '--meetings', example.meetings, '--out', exampleSite, '--json']).stdout).toContain('"written": []');
    const file = path.join(example.meetings, '2023-11-22.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Bilag er vedlagt.', 'Bilag er vedlagt. Gadebelysningsplanen drøftes.'));
    const run = agenda(['publish', '--meetings', example.meetings, '--out', exampleSite, '--json']);
    const { written, removed } = JSON.parse(run.stdout) as { written: string[]; removed: string[] };
    const index = written.filter((f) => f.startsWith('pagefind/'));
    // Pagefind's parts that hold the changed item: one fragment (its record), the index's word lists and filters it touched, and the meta and entry naming them.
    expect(index.filter((f) => f.startsWith('pagefind/direktionen/fragment/'))).toHaveLength(1);
    expect(
      index.every((f) => /^pagefind\/direktionen\/((fragment|index|filter)\/|pagefind[.-])/.test(f)),
      index.join(', '),
    ).toBe(true);
    expect(index.length).toBeLessThan(before.size / 10);
    expect(removed.every((f) => f.startsWith('pagefind/'))).toBe(true);
    // The attachments' texts were not read again: the cache holds the same files.
    expect(siteFiles(exampleSite).filter((f) => f.startsWith('.agenda-search/'))).toEqual(cache);
    const { results } = await searchPage(servers[0]!.origin, 'q=gadebelysningsplanen');
    expect(results.map((r) => new URL(r.href).pathname + new URL(r.href).hash)).toEqual(['/direktionen/2023-11-22.html#punkt-2']);
  });

  it("is one a committee: after one committee's meeting changed, only that committee's index is written, and the search finds it", async () => {
    const before = siteBytes(repositorySite);
    const index = (bytes: Map<string, Buffer>, committee: string) => [...bytes].filter(([f]) => f.startsWith(`pagefind/${committee}/`));
    expect(index(before, 'kommunalbestyrelsen').length).toBeGreaterThan(0);
    expect(index(before, 'oekonomiudvalget').length).toBeGreaterThan(0);
    const file = path.join(repository, 'udvalg', 'KB', '2024-01-16.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('et bud på grunden', 'et bud fra Lystbådeforeningen på grunden'));
    const run = agenda(['publish', '--out', repositorySite, '--json'], { cwd: repository });
    expect(run.status, run.stderr).toBe(0);
    const { written } = JSON.parse(run.stdout) as { written: string[] };
    const indexWritten = written.filter((f) => f.startsWith('pagefind/'));
    expect(indexWritten.length).toBeGreaterThan(0);
    expect(indexWritten.filter((f) => !f.startsWith('pagefind/kommunalbestyrelsen/'))).toEqual([]);
    // The other committee's index: the same files, the same bytes.
    const after = siteBytes(repositorySite);
    expect(index(after, 'oekonomiudvalget')).toEqual(index(before, 'oekonomiudvalget'));
    const { results } = await searchPage(servers[1]!.origin, 'q=lystb%C3%A5deforeningen');
    expect(results.map((r) => new URL(r.href).pathname)).toEqual(['/kommunalbestyrelsen/2024-01-16.html']);
  });

  it('is the only script of the site: every other page has none', () => {
    for (const root of [exampleSite, repositorySite, closedSite]) {
      for (const file of htmlPages(root)) {
        const html = readFileSync(path.join(root, file), 'utf8');
        expect(html.includes('<script'), file).toBe(file === 'sog.html');
        // Each page of the site's frame links to the search (an SBSYS folder's page stands alone).
        if (!file.startsWith('sbsys/')) expect(html, file).toContain(`href="${file.includes('/') ? '../' : ''}sog.html"`);
      }
    }
  });
});
