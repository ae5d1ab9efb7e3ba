// npm run bench: agenda's build times against the floor of what Chromium itself needs, as medians of
// several runs. A benchmark, not a test: it prints figures and asserts nothing.
//
//   (a) one meeting cold: `agenda build`, process start to PDF on disk, its first build (no PDF of it there)
//   (b) its floor: a fresh process that imports Puppeteer, launches Chromium with agenda's flags,
//       prints the finished HTML of (a) once and writes it (bench/floor.ts)
//   (c) 52 meetings, the two references copied to every Wednesday of 2023, in one `agenda build --all`;
//       and the same again with nothing changed (every PDF kept, no browser started)
//   (d) its floor: one Chromium printing the 52 finished HTML files, on as many pages at once as (c)
//   (e) the peak memory of (c): agenda and its browser together (proportional set size, Linux)
//   (f) the combined minutes of 6 September (--samlet, 21 attachments), against the minutes alone
//   (g) the peak memory of a 1,000-page combined document (the same minutes, each attachment 48 pages)
//   (h) the 52 meetings published, `agenda publish` into an empty folder: pages, data, feeds, public
//       PDFs, the open attachments' files
//   (i) against it: their public PDFs alone, `agenda build --all --public` (issue 18 asks (h) <= 1.2 (i));
//       and `agenda publish --samlet`, which also prints each public combined document, against
//       those PDFs and the combined documents built (`--public --samlet`)
//   (j), (k): the preview (bench/preview.ts); `npm run bench -- preview` runs it alone
//   (l) a 30-page .docx converted to PDF by LibreOffice, cold and cached (bench/office.ts)
//   (m) the combined minutes of 6 September with its 21 attachments Word documents: converted (an
//       empty cache), from the cache, and against the same with the PDFs LibreOffice makes of them;
//       `npm run bench -- office` runs (l) and (m) alone
//   (n)-(r): a municipality's archive (bench/archive.ts), `npm run bench -- archive` alone, as it takes long
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultJobs } from '../src/pipeline/batch.js';
import { printMeeting, readMeeting } from '../src/pipeline/document.js';
import { findBrowser, withBrowser } from '../src/pdf/browser.js';
import { sharedFiles } from '../src/input/load.js';
import { PrintPage } from '../src/pdf/print.js';
import { loadPdf } from '../src/pdf/outline.js';
import { pdfLib } from '../src/pdf/pdf-lib.js';
import { packageRoot } from '../src/shared/paths.js';
import { officeBench } from './office.js';
import { run as runIn } from './run.js';
import { previewBench } from './preview.js';
import { archiveBench } from './archive.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
// The command as installed (package.json's bin: the bundle npm run build makes).
// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- package.json is ours: its bin names the command
const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { bin: { agenda: string } };
const cli = path.join(packageRoot, manifest.bin.agenda);
const floorScript = path.join(packageRoot, 'dist', 'bench', 'floor.js');
const work = mkdtempSync(path.join(tmpdir(), 'agenda-bench-'));
const browser = findBrowser();

/** The two reference meetings on every Wednesday of 2023, with the example's shared files. */
function yearOfMeetings(): string {
  const dir = path.join(work, 'year');
  mkdirSync(dir);
  const source = path.join(packageRoot, 'meetings');
  for (const f of Object.values(sharedFiles)) copyFileSync(path.join(source, f), path.join(dir, f));
  // The attachment files the references name, which publish puts on the site and in the combined documents.
  cpSync(path.join(source, 'bilag'), path.join(dir, 'bilag'), { recursive: true });
  const references = ['2023-11-22.yaml', '2023-09-06.yaml'].map((f) => readFileSync(path.join(source, f)));
  for (let day = new Date(Date.UTC(2023, 0, 4)), i = 0; day.getUTCFullYear() === 2023; day.setUTCDate(day.getUTCDate() + 7), i++) {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i % 2 is 0 or 1, and there are two references
    writeFileSync(path.join(dir, `${day.toISOString().slice(0, 10)}.yaml`), references[i % 2]!);
  }
  return dir;
}

/** The example meetings with each attachment of 6 September 48 pages long: some 1,000 pages combined. */
async function thousandPages(): Promise<string> {
  const dir = path.join(work, 'thousand');
  cpSync(path.join(packageRoot, 'meetings'), dir, { recursive: true });
  const { PDFDocument, StandardFonts } = await pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 48; n++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let line = 0; line < 50; line++)
      page.drawText(`Side ${n}, linje ${line + 1}: tekst der fylder en linje i et langt bilag.`, {
        x: 56,
        y: 780 - line * 14,
        size: 10,
        font,
      });
  }
  const bytes = await doc.save();
  const folder = path.join(dir, 'bilag', '2023-09-06');
  // Every one a PDF, the example's Word document and spreadsheet too.
  attachmentsAs(dir, '.pdf');
  for (const f of readdirSync(folder)) writeFileSync(path.join(folder, `${path.parse(f).name}.pdf`), bytes);
  return dir;
}

async function pageCount(file: string): Promise<number> {
  return (await loadPdf(readFileSync(file))).getPageCount();
}

/** The finished HTML of each meeting in `dir`, as agenda prints it, written beside a name for its PDF. */
async function finishedHtml(dir: string, dates: string[]): Promise<string[]> {
  const pairs: string[] = [];
  await withBrowser(browser, 60_000, async (b) => {
    const page = await PrintPage.create(b, { timeoutMs: 60_000 });
    for (const date of dates) {
      const { html } = await printMeeting(page, (await readMeeting(dir, date)).meeting);
      const file = path.join(work, `${date}.html`);
      writeFileSync(file, html());
      pairs.push(file, path.join(work, `${date}-floor.pdf`));
    }
  });
  return pairs;
}

// In the bench's own folder: a build's out/ is under the folder it runs in, never the package's.
const run = (args: string[], sample = false, env?: NodeJS.ProcessEnv) => runIn(args, work, sample, env);

/** A command to time; `empty`, a file or folder removed before each run; `env`, what it runs with besides. */
interface Timed {
  label: string;
  args: () => string[];
  empty?: string;
  env?: NodeJS.ProcessEnv;
}

// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the runs of a command: never none
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/**
 * Commands (one, its floor, ...) run in turn, round after round, so that a machine that speeds up or
 * slows down meanwhile (other work, a CPU's clock) weighs on all alike; their medians.
 */
async function timedInTurn<const T extends readonly Timed[]>(times: number, commands: T): Promise<{ [K in keyof T]: number }> {
  const ms = commands.map((command) => ({ command, runs: new Array<number>() }));
  for (let i = 0; i < times; i++) {
    for (const {
      command: { args, empty, env },
      runs,
    } of ms) {
      // Into an empty folder, as a first build: nothing left from the run before.
      if (empty) rmSync(empty, { recursive: true, force: true });
      runs.push((await run(args(), false, env)).ms);
    }
  }
  ms.forEach(({ command: { label }, runs }) => {
    console.log(`${label}: ${(median(runs) / 1000).toFixed(2)} s  (runs: ${runs.map((m) => (m / 1000).toFixed(2)).join(', ')})`);
  });
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- map keeps the tuple's length, which its type forgets
  return ms.map(({ runs }) => median(runs)) as { [K in keyof T]: number };
}

const meetings = path.join(packageRoot, 'meetings');
const combinedRun = (dir: string, samlet: boolean) => [
  cli,
  'build',
  '2023-09-06',
  '--meetings',
  dir,
  '--out',
  path.join(work, 'f.pdf'),
  '--quiet',
  '--browser',
  browser,
  ...(samlet ? ['--samlet'] : []),
];

/** Each `fil:` of 6 September in the meetings folder `dir` given the extension `to`. */
function attachmentsAs(dir: string, to: string): void {
  const yaml = path.join(dir, '2023-09-06.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^( +fil: bilag\/2023-09-06\/[\d-]+)\.\w+$/gm, `$1${to}`));
}

/**
 * (m): the example meetings with each attachment of 6 September a Word document (written as the
 * example's are, by scripts/example-attachments.mjs), and with each the PDF LibreOffice makes of it.
 */
async function officeMeetingsBench(): Promise<void> {
  const [office, pdf] = [path.join(work, 'office'), path.join(work, 'office-pdf')];
  for (const dir of [office, pdf]) cpSync(meetings, dir, { recursive: true });
  attachmentsAs(office, '.docx');
  execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'example-attachments.mjs'), office]);
  const words = path.join(office, 'bilag', '2023-09-06');
  const documents = readdirSync(words)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => path.join(words, f));
  const profile = pathToFileURL(path.join(work, 'soffice-profile')).href;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      path.join(pdf, 'bilag', '2023-09-06'),
      ...documents,
    ],
    { stdio: 'ignore' },
  );
  attachmentsAs(pdf, '.pdf');
  const [cold, warm] = [path.join(work, 'cache-cold'), path.join(work, 'cache-warm')];
  await run(combinedRun(office, true), false, { XDG_CACHE_HOME: warm });
  await timedInTurn(Math.max(1, Math.ceil(runs / 2)), [
    {
      label: `(m) the combined minutes of 6 September, its ${documents.length} attachments Word documents, each converted (an empty cache)`,
      args: () => combinedRun(office, true),
      empty: cold,
      env: { XDG_CACHE_HOME: cold },
    },
    { label: '    the same, every conversion from the cache', args: () => combinedRun(office, true), env: { XDG_CACHE_HOME: warm } },
    { label: '    the same with the PDFs LibreOffice makes of them', args: () => combinedRun(pdf, true) },
  ]);
}

const office = async () => {
  await officeBench(runs);
  await officeMeetingsBench();
};
const parts = [
  ['archive', () => archiveBench(cli, browser, process.argv.slice(2))],
  ['preview', () => previewBench(browser)],
  ['office', office],
] as const;
for (const [part, bench] of parts) {
  if (!process.argv.includes(part)) continue;
  await bench();
  rmSync(work, { recursive: true, force: true });
  process.exit();
}

const year = yearOfMeetings();
const yearDates = readdirSync(year)
  .flatMap((f) => /^(\d{4}-\d{2}-\d{2})\.yaml$/.exec(f)?.[1] ?? [])
  .sort();
const [oneHtml, onePdf] = await finishedHtml(meetings, ['2023-11-22']);
// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- finishedHtml gives a pair of files for the one date
const floorArgs = [floorScript, browser, '1', oneHtml!, onePdf!];
const yearPairs = await finishedHtml(year, yearDates);

const oneBuild = () => [
  cli,
  'build',
  '2023-11-22',
  '--meetings',
  meetings,
  '--out',
  path.join(work, 'a.pdf'),
  '--quiet',
  '--browser',
  browser,
];
console.log(`agenda bench: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${browser}, Node ${process.version}; medians`);
const [a, b] = await timedInTurn(runs, [
  { label: '(a) one meeting cold, agenda build, its first build', args: oneBuild, empty: path.join(work, 'a.pdf') },
  { label: '(b) its floor, one fresh Chromium printing the finished HTML once', args: () => floorArgs },
]);
const yearRuns = Math.max(1, Math.ceil(runs / 2));
const jobs = defaultJobs(yearDates.length);
const yearBuild = () => [cli, 'build', '--all', '--meetings', year, '--quiet', '--browser', browser];
const [c, d] = await timedInTurn(yearRuns, [
  {
    label: `(c) ${yearDates.length} meetings in one agenda build --all, into an empty folder`,
    args: yearBuild,
    empty: path.join(work, 'out'),
  },
  {
    label: `(d) its floor, one Chromium printing the ${yearDates.length} finished HTML files, ${jobs} pages at once as agenda does`,
    args: () => [floorScript, browser, String(jobs), ...yearPairs],
  },
]);
// A build keeps the PDFs made from the same inputs: nothing changed, it prints nothing and starts no browser.
const [noChange] = await timedInTurn(yearRuns, [
  { label: `    the same again with nothing changed, agenda build --all keeping all ${yearDates.length}`, args: yearBuild },
]);
console.log(`    nothing changed against (c): ${((noChange / c) * 100).toFixed(0)} %`);
rmSync(path.join(work, 'out'), { recursive: true, force: true });
const { peakMb } = await run(yearBuild(), true);
console.log(
  `(e) peak memory of (c), agenda and its browser: ${peakMb > 0 ? `${peakMb.toFixed(0)} MB` : 'not measured here (needs Linux /proc)'}`,
);
const [f, alone] = await timedInTurn(runs, [
  {
    label: '(f) the combined minutes of 6 September, agenda build 2023-09-06 --samlet',
    args: () => combinedRun(meetings, true),
    empty: path.join(work, 'f.pdf'),
  },
  { label: '    the minutes alone, agenda build 2023-09-06', args: () => combinedRun(meetings, false), empty: path.join(work, 'f.pdf') },
]);
const printed = async (args: string[]) => (rmSync(path.join(work, 'f.pdf'), { force: true }), run(args, true));
const [fMemory, aloneMemory] = [(await printed(combinedRun(meetings, true))).peakMb, (await printed(combinedRun(meetings, false))).peakMb];
console.log(
  `    peak memory: ${fMemory.toFixed(0)} MB combined, ${aloneMemory.toFixed(0)} MB alone; combining costs ${((f - alone) / 1000).toFixed(2)} s`,
);
const thousand = await thousandPages();
const { ms: gMs, peakMb: gMemory } = await printed(combinedRun(thousand, true));
console.log(
  `(g) a combined document of ${await pageCount(path.join(work, 'f.pdf'))} pages: ${(gMs / 1000).toFixed(2)} s, peak memory ${gMemory.toFixed(0)} MB`,
);
let sites = 0;
const publishRun = (samlet: boolean) => [
  cli,
  'publish',
  '--meetings',
  year,
  '--out',
  path.join(work, `site-${sites++}`),
  '--quiet',
  '--browser',
  browser,
  ...(samlet ? ['--samlet'] : []),
];
const publicBuild = (samlet: boolean) => [
  cli,
  'build',
  '--all',
  '--public',
  '--meetings',
  year,
  '--quiet',
  '--browser',
  browser,
  ...(samlet ? ['--samlet'] : []),
];
const [h, i, hSamlet, combinedYear] = await timedInTurn(yearRuns, [
  { label: `(h) ${yearDates.length} meetings published, agenda publish into an empty folder`, args: () => publishRun(false) },
  { label: `(i) their public PDFs alone, agenda build --all --public`, args: () => publicBuild(false), empty: path.join(work, 'out') },
  { label: `    published with their combined documents, agenda publish --samlet`, args: () => publishRun(true) },
  {
    label: `    their public combined documents, agenda build --all --public --samlet`,
    args: () => publicBuild(true),
    empty: path.join(work, 'out'),
  },
]);
console.log(`ratio (a)/(b): ${(a / b).toFixed(2)}`);
console.log(`ratio (c)/(d): ${(c / d).toFixed(2)}`);
console.log(
  `ratio (h)/(i): ${(h / i).toFixed(2)}; publish --samlet against (i): ${(hSamlet / i).toFixed(2)}, against all it prints, their public PDFs and combined documents: ${(hSamlet / (i + combinedYear)).toFixed(2)}`,
);
await office();
await previewBench(browser);
rmSync(work, { recursive: true, force: true });
