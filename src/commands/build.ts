import { printMeeting, readMeeting } from '../build.js';
import { publicVersion } from '../model/public.js';
import { defaultPdfPath, writeAtomically } from '../output.js';
import { findBrowser, withBrowser } from '../pdf/browser.js';
import { findingsJson, printFindings, printJson } from './report.js';

export interface BuildOptions {
  out?: string;
  html?: string;
  meetings: string;
  browser?: string;
  timeout: number;
  public?: boolean;
  json?: boolean;
}

/**
 * `agenda build <date>`: one meeting to PDF, and to HTML when asked; the members' version, or with
 * `--public` the version for publication. The checks of `agenda check` run first: an error stops
 * the build before any browser starts, warnings are shown.
 */
export async function buildCommand(date: string, options: BuildOptions): Promise<void> {
  const { meeting: full, warnings } = await readMeeting(options.meetings, date);
  if (!options.json) printFindings(warnings);
  const meeting = options.public ? publicVersion(full) : full;
  const out = options.out ?? defaultPdfPath(meeting);
  await withBrowser(findBrowser({ explicit: options.browser }), options.timeout * 1000, async (browser) => {
    const printed = await printMeeting(browser, meeting, { timeoutMs: options.timeout * 1000 });
    await writeAtomically(out, printed.pdf);
    if (options.html) await writeAtomically(options.html, printed.html);
  });
  if (options.json) printJson({ ok: true, pdf: out, html: options.html ?? null, kind: meeting.kind, audience: meeting.audience, findings: findingsJson(warnings) });
  else process.stdout.write(`${out}\n`);
}
