import { performance } from 'node:perf_hooks';
import { findBrowser, startBrowser } from '../pdf/browser.js';
import { Printer } from '../pdf/printer.js';
import { today } from '../shared/dates.js';
import { defaultJobs, eachAtOnce } from '../pipeline/batch.js';
import { printFindings, printJson } from './report.js';

export interface PublishOptions {
  out: string;
  url?: string;
  meetings: string;
  browser?: string;
  timeout: number;
  jobs?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** `agenda publish`: the public site of every committee's meetings (see publish/publish.ts). */
export async function publishCommand(options: PublishOptions): Promise<void> {
  const timeoutMs = options.timeout * 1000;
  const session = startBrowser(findBrowser({ explicit: options.browser }), timeoutMs);
  const started = performance.now();
  try {
    const { publish } = await import('../publish/publish.js');
    const { printMeeting } = await import('../pipeline/document.js');
    const result = await publish({ meetings: options.meetings, out: options.out, url: options.url, today: today(), force: options.force }, (meetings) =>
      eachAtOnce(meetings, options.jobs ?? defaultJobs(meetings.length), () => new Printer(session, { timeoutMs }), (meeting, printer) =>
        printer.run(async (page) => (await printMeeting(page, meeting)).pdf),
      ),
    );
    if (options.json) return printJson({ ok: true, out: options.out, ...result, warnings: undefined });
    if (!options.quiet) printFindings(result.warnings);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`published ${result.meetings} meetings to ${options.out} in ${seconds} s: ${result.written.length} files written, ${result.removed.length} removed, ${result.unchanged} unchanged; ${result.printed} PDFs printed\n`);
  } finally {
    await session.close();
  }
}
