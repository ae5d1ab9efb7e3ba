import { publishSite } from '../pipeline/publish-site.js';
import { today } from '../shared/dates.js';
import { findingsJson, printFindings, printJson } from './report.js';

export interface PublishOptions {
  out: string;
  url?: string;
  meetings?: string;
  udvalg?: string;
  browser?: string;
  libreoffice?: string;
  timeout: number;
  jobs?: number;
  force?: boolean;
  samlet?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** `agenda publish`: the public site of every committee's meetings (see pipeline/publish.ts). */
export async function publishCommand(options: PublishOptions): Promise<void> {
  const request = { committees: { meetings: options.meetings, udvalg: options.udvalg }, out: options.out, url: options.url, today: today(), force: options.force, samlet: options.samlet, browser: options.browser, libreoffice: options.libreoffice, timeoutMs: options.timeout * 1000, jobs: options.jobs };
  const result = await publishSite(request);
  const { warnings, seconds, ...files } = result;
  if (options.json) return printJson({ ok: true, out: options.out, ...files, findings: findingsJson(warnings) });
  if (!options.quiet) printFindings(warnings);
  process.stderr.write(`published ${result.meetings} meetings to ${options.out} in ${seconds.toFixed(1)} s: ${result.written.length} files written, ${result.removed.length} removed, ${result.unchanged} unchanged; ${result.printed} PDFs printed\n`);
}
