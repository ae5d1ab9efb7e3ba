import { printMeeting, readMeeting } from '../build.js';
import { defaultPdfPath, writeAtomically } from '../output.js';
import { publicVersion } from '../model/public.js';
import { findBrowser, launchBrowser } from '../pdf/browser.js';

export interface BuildOptions {
  out?: string;
  html?: string;
  meetings: string;
  browser?: string;
  timeout: number;
  public?: boolean;
}

/**
 * `agenda build <date>`: one meeting to PDF, and to HTML when asked; the members' version, or with
 * `--public` the version for publication. Bad input is told before any browser starts.
 */
export async function buildCommand(date: string, options: BuildOptions): Promise<void> {
  const full = await readMeeting(options.meetings, date);
  const meeting = options.public ? publicVersion(full) : full;
  const timeoutMs = options.timeout * 1000;
  const browser = await launchBrowser(findBrowser({ explicit: options.browser }), timeoutMs);
  try {
    const printed = await printMeeting(browser, meeting, { timeoutMs });
    const out = options.out ?? defaultPdfPath(meeting);
    await writeAtomically(out, printed.pdf);
    if (options.html) await writeAtomically(options.html, printed.html);
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
  }
}
