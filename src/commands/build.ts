import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { AgendaError, InputError, ReportedFailure, UsageError, type Finding } from '../errors.js';
import type { Audience } from '../model/meeting.js';
import { defaultPdfPath, writeAtomically } from '../output.js';
import { findBrowser, startBrowser } from '../pdf/browser.js';
import { Printer } from '../pdf/printer.js';
import type { CommitteeChoice } from '../input/repository.js';
import type { CheckedShared } from '../check/check.js';
import type { Target } from './select.js';
import { findingsJson, printFindings, printJson } from './report.js';

export interface BuildOptions extends CommitteeChoice {
  out?: string;
  html?: string;
  browser?: string;
  timeout: number;
  public?: boolean;
  both?: boolean;
  all?: boolean;
  jobs?: number;
  quiet?: boolean;
  json?: boolean;
}

interface Result {
  /** The committee's id, where the repository has several. */
  udvalg?: string;
  date: string;
  audience: Audience;
  pdf?: string;
  error?: AgendaError;
}

/**
 * `agenda build <date ...>`: meetings to PDF on one browser, several pages at once; the members'
 * version, the public one (`--public`) or both (`--both`). The checks of `agenda check` run first for
 * each meeting: an error stops that document, not the others.
 */
export async function buildCommand(args: string[], options: BuildOptions): Promise<void> {
  const timeoutMs = options.timeout * 1000;
  // Starting the browser takes longest: it starts first, and the meetings are chosen and read
  // meanwhile (the modules that read them too are loaded only now, while it starts).
  const session = startBrowser(findBrowser({ explicit: options.browser }), timeoutMs);
  const started = performance.now();
  const warnings: Finding[] = [];
  const showWarnings = !options.quiet && !options.json;
  let results: Result[];
  try {
    const { selectTargets } = await import('./select.js');
    const { chooseCommittees } = await import('../input/repository.js');
    const targets = await selectTargets(await chooseCommittees(options), args, options.all ?? false);
    const audiences: Audience[] = options.both ? ['medlemmer', 'offentlig'] : [options.public ? 'offentlig' : 'medlemmer'];
    const documents = targets.length * audiences.length;
    if (documents > 1 && (options.out || options.html)) throw new UsageError('--out and --html name one file: build one document at a time with them');
    const progress = new Progress(documents, showWarnings && process.stderr.isTTY);
    const { checkShared } = await import('../check/check.js');
    const { printMeeting, readMeeting } = await import('../build.js');
    const { publicVersion } = await import('../model/public.js');
    const { renderDocument } = await import('../render/html.js');
    const shared = new Map<string, CheckedShared>();
    for (const { folder } of targets) {
      if (shared.has(folder.dir)) continue;
      const checked = await checkShared(folder);
      shared.set(folder.dir, checked);
      // The shared files' errors come with each meeting's (it cannot be built); their warnings once, here.
      const own = checked.findings.filter((f) => f.warning);
      warnings.push(...own);
      if (showWarnings) printFindings(own);
    }
    /** One meeting, read and checked once, in each version asked for. */
    const buildMeeting = async ({ folder, date }: Target, printer: Printer): Promise<Result[]> => {
      const udvalg = folder.named ? folder.id : undefined;
      const read = await readMeeting(folder, date, shared.get(folder.dir)).catch((error: unknown) => failed(error));
      if (read instanceof AgendaError) return audiences.map((audience) => progress.done({ udvalg, date, audience, error: read }));
      warnings.push(...read.warnings);
      if (showWarnings) printFindings(read.warnings);
      const results: Result[] = [];
      for (const audience of audiences) {
        const meeting = audience === 'offentlig' ? publicVersion(read.meeting) : read.meeting;
        const pdf = options.out ?? defaultPdfPath(meeting);
        // Rendered before the page is free, so the first document's rendering runs while the browser starts.
        const first = renderDocument(meeting);
        const printing = printer.run(async (page) => {
          const printed = await printMeeting(page, meeting, first);
          await writeAtomically(pdf, printed.pdf);
          if (options.html) await writeAtomically(options.html, printed.html());
        });
        const error = await printing.then(() => undefined, failed);
        results.push(progress.done(error ? { udvalg, date, audience, error } : { udvalg, date, audience, pdf }));
      }
      return results;
    };
    const printer = () => new Printer(session, { timeoutMs });
    results = (await eachAtOnce(targets, options.jobs ?? defaultJobs(targets.length), printer, buildMeeting)).flat();
  } finally {
    await session.close();
  }
  report(results, warnings, options, (performance.now() - started) / 1000);
}

/**
 * Pages printed at once: one per core. On two cores (npm run bench, 52 meetings) one page took 13.2 s,
 * two 9.1 s, three 9.0 s, four 9.0 s: past one a core, more pages only cost memory.
 */
function defaultJobs(documents: number): number {
  return Math.max(1, Math.min(documents, availableParallelism(), 4));
}

/** A document's own failure, kept to report with the others; anything else ends the command. */
function failed(error: unknown): AgendaError {
  if (error instanceof AgendaError && !(error instanceof UsageError)) return error;
  throw error;
}

/** Runs `work` on every item, at most `limit` at a time, each worker with a printer of its own; results in the items' order. */
async function eachAtOnce<T, R>(items: T[], limit: number, printer: () => Printer, work: (item: T, printer: Printer) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    const own = printer();
    try {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, own);
      }
    } finally {
      await own.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One line a document on a terminal; nothing otherwise. */
class Progress {
  private count = 0;
  constructor(
    private readonly total: number,
    private readonly show: boolean,
  ) {}

  done(result: Result): Result {
    this.count++;
    if (this.show && this.total > 1) process.stderr.write(`[${this.count}/${this.total}] ${result.error ? `${nameOf(result)}: failed` : result.pdf}\n`);
    return result;
  }
}

function report(results: Result[], warnings: Finding[], options: BuildOptions, seconds: number): void {
  const failures = results.filter((r) => r.error);
  if (options.json) {
    printJson({
      ok: failures.length === 0,
      documents: results.map((r) => ({
        ...(r.udvalg ? { udvalg: r.udvalg } : {}),
        date: r.date,
        audience: r.audience,
        ...(r.error ? { ok: false, exitCode: r.error.exitCode, error: r.error.message } : { ok: true, pdf: r.pdf, html: options.html ?? null }),
      })),
      findings: findingsJson([...warnings, ...failures.flatMap((f) => (f.error instanceof InputError ? f.error.findings : []))]),
    });
  } else {
    for (const r of results) if (r.pdf) process.stdout.write(`${r.pdf}\n`);
    // A browser that fails fails every document after it: say so once.
    for (const message of new Set(failures.map((f) => f.error!.message))) process.stderr.write(`${message}\n`);
    if (results.length > 1) {
      const failedDates = failures.map(nameOf).join(', ');
      process.stderr.write(`built ${results.length - failures.length} of ${results.length} documents in ${seconds.toFixed(1)} s${failures.length ? `; failed: ${failedDates}` : ''}\n`);
    }
  }
  const first = failures[0]?.error;
  if (first) throw new ReportedFailure(first.exitCode);
}


/** A document as the summary names it: its date, and its committee where the repository has several. */
function nameOf(r: Result): string {
  return r.udvalg ? `${r.udvalg} ${r.date}` : r.date;
}
