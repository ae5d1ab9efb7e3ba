import type { Audience } from '../model/meeting.js';
import { buildBatch, type BatchEvent } from '../pipeline/batch.js';
import { printFindings } from './report.js';
import { reportBuild } from './build-report.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type BuildOptions = OptionsOf<'build'>;

/** `agenda build <date ...>`: the members' version, the public one (`--public`) or both (`--both`) of meetings, on one browser. */
export async function buildCommand(dates: string[], options: BuildOptions): Promise<void> {
  const audiences: Audience[] = options.both ? ['medlemmer', 'offentlig'] : [options.public ? 'offentlig' : 'medlemmer'];
  const talk = !options.quiet && !options.json;
  const request = {
    dir: options.meetings,
    udvalg: options.udvalg,
    dates,
    all: options.all,
    audiences,
    out: options.out,
    html: options.html,
    browser: options.browser,
    libreoffice: options.libreoffice,
    timeoutMs: options.timeout * 1000,
    jobs: options.jobs,
    samlet: options.samlet,
    bilagEfterPunkt: options.bilagEfterPunkt,
    force: options.force,
  };
  const result = await buildBatch(request, (event) => talk && tell(event));
  reportBuild(result, options);
}

/** Warnings as they are found; on a terminal, one line a document. */
function tell(event: BatchEvent): void {
  if (event.type === 'warnings') printFindings(event.findings);
  else if (process.stderr.isTTY && event.total > 1) {
    const { result } = event;
    const what = result.error
      ? `${result.udvalg ? `${result.udvalg} ` : ''}${result.date}: failed`
      : `${result.pdf}${result.kept ? ' (unchanged)' : ''}`;
    process.stderr.write(`[${event.done}/${event.total}] ${what}\n`);
  }
}
