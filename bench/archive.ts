// `npm run bench -- archive [--committees N] [--years N] [--meetings N] | [--site DIR]`: a municipality's archive
// (bench/archive-repo.ts; 20 committees × 10 years × 20 meetings unless told) published and built, once
// each, as a secretariat does: one run of each, no medians, for the full archive takes long. With
// --site, (r) alone of a site published before.
//
//   (n) the first publish into an empty folder: pages, PDFs, attachments, data, feeds, the search index;
//       its peak memory, agenda and its browser together
//   (o) against it: the public PDFs alone, `build --all --public` into an empty folder (aim: (n) <= 1.2 (o))
//   (p) `build --all --public` again, nothing changed (aim: 5 s)
//   (q) a republish after one meeting's file changed (aim: 5 s), and one with nothing changed
//   (r) the site's size, the search index's, and what one search downloads in Chromium: the bytes of
//       every response of the search page opened with the query, to its first results' excerpts (aim: 300 kB)
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { tempDir } from '../test/support/cli.js';
import { serveFolder } from '../test/support/static-server.js';
import { SiteMap } from '../src/publish/site-map.js';
import { changeMeeting, committeeNames, fullArchive, meetingDates, writeArchive, type ArchiveSize } from './archive-repo.js';
import { run, type Ran } from './run.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The time on the clock, and the processor time of the command and its browser where it is known. */
const took = (r: Ran) => `${seconds(r.ms)}${r.cpuMs === undefined ? '' : ` (processor ${seconds(r.cpuMs)})`}`;
/** On the clock, and of processor time where it is known. */
const ratio = (a: Ran, b: Ran) =>
  `${(a.ms / b.ms).toFixed(2)}${a.cpuMs && b.cpuMs ? `, of processor time ${(a.cpuMs / b.cpuMs).toFixed(2)}` : ''}`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export async function archiveBench(cli: string, browser: string, argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { committees: { type: 'string' }, years: { type: 'string' }, meetings: { type: 'string' }, site: { type: 'string' } },
  });
  // A site published before: its search alone is measured.
  if (values.site) return searchFigures(path.resolve(values.site), browser);
  const size: ArchiveSize = {
    committees: Number(values.committees ?? fullArchive.committees),
    years: Number(values.years ?? fullArchive.years),
    meetings: Number(values.meetings ?? fullArchive.meetings),
  };
  const work = tempDir('agenda-bench-archive-');
  const repo = path.join(work, 'arkiv');
  const site = path.join(work, 'site');
  const committees = writeArchive(repo, size);
  const total = size.committees * size.years * size.meetings;
  console.log(`archive: ${size.committees} committees × ${size.years} years × ${size.meetings} meetings = ${total} meetings, in ${repo}`);
  const agenda = (args: string[], sample = false) => run([cli, ...args, '--quiet', '--browser', browser], repo, sample);
  try {
    const first = await agenda(['publish', '--out', site], true);
    console.log(
      `(n) first publish into an empty folder: ${took(first)}, peak memory ${first.peakMb.toFixed(0)} MB  (${first.stderr.trim().split('\n').at(-1)})`,
    );
    const publicBuild = await agenda(['build', '--all', '--public'], true);
    console.log(
      `(o) build --all --public into an empty folder: ${took(publicBuild)}, peak memory ${publicBuild.peakMb.toFixed(0)} MB; (n)/(o) = ${ratio(first, publicBuild)} (aim <= 1.2)`,
    );
    const noop = await agenda(['build', '--all', '--public']);
    console.log(`(p) build --all --public again, nothing changed: ${took(noop)} (aim <= 5 s)`);
    // A meeting in the middle of the archive: its committee's, its year's.
    const middle = Math.floor(committees.length / 2);
    const dates = meetingDates(size, middle);
    const folder = committees[middle];
    if (!folder) throw new Error('an archive of no committees: --committees takes 1 or more');
    const changed = path.join(folder, `${dates[Math.floor(dates.length / 2)]}.yaml`);
    changeMeeting(changed, 'mødet flyttes til byrådssalen');
    const again = await agenda(['publish', '--out', site], true);
    console.log(
      `(q) republish after one meeting changed (${path.relative(repo, changed)}): ${took(again)} (aim <= 5 s), peak memory ${again.peakMb.toFixed(0)} MB  (${again.stderr.trim().split('\n').at(-1)})`,
    );
    const same = await agenda(['publish', '--out', site]);
    console.log(`    republish with nothing changed: ${took(same)}`);
    await searchFigures(site, browser);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What a response of the search page is, for the figures: the page, its script, or which part of Pagefind's index. */
function kindOf(url: string): string {
  const file = new URL(url).pathname;
  const kinds: [RegExp, string][] = [
    [/\/sog\.html$/, 'the page'],
    [/\/sog\.js$/, 'its script'],
    [/\/(pagefind\.js|pagefind-worker\.js|wasm\.\w+\.pagefind)$/, "Pagefind's script, worker and WebAssembly"],
    [/\/pagefind-entry\.json$/, "the indexes' entries"],
    [/\.pf_meta$/, "the indexes' metadata (pf_meta)"],
    [/\/filter\//, 'filter values (pf_filter)'],
    [/\/index\//, 'word chunks (pf_index)'],
    [/\/fragment\//, "the shown results' fragments"],
  ];
  return kinds.find(([pattern]) => pattern.test(file))?.[1] ?? 'other (stylesheet, fonts)';
}

/** Every file under `dir`, with its size. */
function filesUnder(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => ({ file, stat: statSync(path.join(dir, file)) }))
    .flatMap(({ file, stat }) => (stat.isFile() ? [{ file, bytes: stat.size }] : []));
}

/**
 * The site's size; where it has a Pagefind index, its size and the bytes a browser fetches for one
 * search: the search page (sog.html) opened with the query in its address, as a reader's link opens
 * it, every response counted (the page, its script, Pagefind's script and WebAssembly, each index's
 * entry and metadata, the word index's chunks, the filters and the shown results' fragments), until the
 * page says what it found and has shown its first results with their excerpts.
 */
async function searchFigures(site: string, browser: string): Promise<void> {
  const files = filesUnder(site);
  const sum = (xs: { bytes: number }[]) => xs.reduce((n, f) => n + f.bytes, 0);
  console.log(`(r) the site: ${files.length} files, ${mb(sum(files))}`);
  const folder = new SiteMap().searchIndexes;
  const index = files.filter((f) => f.file.startsWith(`${folder}${path.sep}`));
  if (index.length === 0) return console.log(`    no search index in the site (${folder}/): index size and search download not measured`);
  const indexes = index.filter((f) => path.basename(f.file) === 'pagefind-entry.json').length;
  console.log(`    its search index (${folder}/): ${indexes} index(es), ${index.length} files, ${mb(sum(index))}`);
  const server = await serveFolder(site);
  const viewer = await puppeteer.launch({ executablePath: browser, headless: true, args: ['--no-sandbox'] });
  try {
    // Three searches of the whole archive, and one of a committee's (the archive's first, in every size of it).
    const searches = ['klimatilpasning', 'budgetopfølgning', 'sygefravær handicap'].map((q) => new URLSearchParams({ q }));
    for (const query of [...searches, new URLSearchParams({ q: 'klimatilpasning', udvalg: committeeNames[0] ?? '' })]) {
      const page = await viewer.newPage();
      const bodies: Promise<{ url: string; bytes: number }>[] = [];
      page.on('response', (response) =>
        bodies.push(
          response.buffer().then(
            (b) => ({ url: response.url(), bytes: b.length }),
            () => ({ url: response.url(), bytes: 0 }),
          ),
        ),
      );
      await page.goto(`${server.origin}/sog.html?${query}`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent !== '', { timeout: 120_000 });
      const found = await page.$eval('#status', (s) => s.textContent);
      const got = await Promise.all(bodies);
      const kb = (xs: { bytes: number }[]) => `${(sum(xs) / 1000).toFixed(0)} kB`;
      const asked = [...query].map(([key, value]) => `${key}=${value}`).join(' ');
      console.log(`    one search, ${asked} (${found}): ${kb(got)} downloaded in ${got.length} responses (aim < 300 kB)`);
      const kinds = new Map<string, { bytes: number }[]>();
      for (const r of got) kinds.set(kindOf(r.url), [...(kinds.get(kindOf(r.url)) ?? []), r]);
      for (const [kind, responses] of kinds) console.log(`      ${kind}: ${kb(responses)} (${responses.length})`);
      // Each index's own part (its entry, metadata, word chunks, fragments; the first's script and WebAssembly apart).
      const own = new Map<string, number>();
      for (const r of got) {
        const folder = new URL(r.url).pathname.match(/^\/pagefind\/([^/]+)\/(?!pagefind\.js$|wasm\.)/)?.[1];
        if (folder) own.set(folder, (own.get(folder) ?? 0) + r.bytes);
      }
      const each = [...own.values()];
      if (each.length > 0)
        console.log(
          `      by index: ${each.length} index(es), ${(Math.min(...each) / 1000).toFixed(1)}-${(Math.max(...each) / 1000).toFixed(1)} kB each`,
        );
      await page.close();
    }
  } finally {
    await viewer.close();
    await server.close();
  }
}
