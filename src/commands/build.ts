import { writeAtomically, defaultPdfPath } from '../output.js';
import { buildDocument } from '../build.js';
import { findBrowser, launchBrowser } from '../pdf/browser.js';

export interface BuildOptions {
  out?: string;
  html?: string;
  meetings: string;
  browser?: string;
  timeout: number;
}

/** `agenda build <date>`: one meeting to PDF, and to HTML when asked. */
export async function buildCommand(date: string, options: BuildOptions): Promise<void> {
  const executable = findBrowser({ explicit: options.browser });
  const timeoutMs = options.timeout * 1000;
  const browser = await launchBrowser(executable, timeoutMs);
  try {
    const built = await buildDocument(browser, options.meetings, date, { timeoutMs });
    const out = options.out ?? defaultPdfPath(built.meeting);
    await writeAtomically(out, built.pdf);
    if (options.html) await writeAtomically(options.html, built.html);
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
  }
}
