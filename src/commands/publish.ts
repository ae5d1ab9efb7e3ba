import { publishSite } from '../pipeline/publish-site.js';
import { today } from '../shared/dates.js';
import { findingsJson, printFindings, printJson } from './report.js';
import type { OptionsOf } from './options.js';

/** Its options, as declared in options.ts. */
export type PublishOptions = OptionsOf<'publish'>;

/** `agenda publish`: the public site of every committee's meetings (see pipeline/publish.ts). */
export async function publishCommand(options: PublishOptions): Promise<void> {
  const request = {
    committees: { meetings: options.meetings, udvalg: options.udvalg },
    out: options.out,
    url: options.url,
    today: today(),
    force: options.force,
    overwrite: options.overwrite,
    samlet: options.samlet,
    browser: options.browser,
    libreoffice: options.libreoffice,
    timeoutMs: options.timeout * 1000,
    jobs: options.jobs,
  };
  const result = await publishSite(request);
  const { warnings, seconds, ...files } = result;
  if (options.json) return printJson({ ok: true, out: options.out, ...files, findings: findingsJson(warnings) });
  if (!options.quiet) printFindings(warnings);
  // The site works without its address; OParl's clients do not: its schemas take absolute URLs only.
  if (!options.url && !options.quiet) process.stderr.write(withoutAddress);
  // Not quiet-able: a committee's pages went from where readers had them.
  const { renamed } = result;
  if (renamed)
    process.stderr.write(
      `renamed: ${renamed.from}/ is now ${renamed.to}/ (the same committee, kort ${renamed.shortName}); the pages of ${renamed.from}/ are removed\n`,
    );
  process.stderr.write(
    `published ${result.meetings} ${result.meetings === 1 ? 'meeting' : 'meetings'} to ${options.out} in ${seconds.toFixed(1)} s: ${result.written.length} files written, ${result.removed.length} removed, ${result.unchanged} unchanged; ${result.printed} PDFs printed\n`,
  );
}

const withoutAddress =
  "note: without --url the open data's ids and links are relative to each document, which a browser and the site's own links follow; " +
  'OParl clients need absolute ones: publish with --url https://... for them\n';
