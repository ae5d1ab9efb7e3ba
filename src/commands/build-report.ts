import type { BatchResult } from '../pipeline/batch.js';
import type { LeftoverPdf } from '../pipeline/leftover-pdfs.js';
import type { RenamedPdf } from '../pipeline/renamed-pdfs.js';
import { ExitCode, InputError, printable, ReportedFailure } from '../shared/errors.js';
import { printResult } from './report.js';

/** The PDFs written on stdout (or everything as JSON), the failures once each, a summary for a batch; the first failure's exit code. */
export function reportBuild(
  { documents, warnings, seconds, leftovers, renamed }: BatchResult,
  options: { html?: string; json?: boolean },
): void {
  const failures = documents.filter((r) => r.error);
  const first = failures[0]?.error;
  if (options.json) {
    printResult('build', {
      exitCode: first?.exitCode ?? ExitCode.ok,
      documents: documents.map((r) => ({
        ...(r.udvalg ? { udvalg: r.udvalg } : {}),
        date: r.date,
        audience: r.audience,
        ...(r.error
          ? { ok: false, exitCode: r.error.exitCode, error: r.error.message }
          : { ok: true, pdf: r.pdf, html: options.html ?? null, kept: r.kept === true }),
      })),
      findings: [...warnings, ...failures.flatMap((f) => (f.error instanceof InputError ? f.error.findings : []))],
      leftovers,
      renamed,
    });
  } else {
    for (const r of documents) if (r.pdf) process.stdout.write(`${r.pdf}\n`);
    // A browser that fails fails every document after it: say so once.
    for (const message of new Set(failures.flatMap((f) => (f.error ? [f.error.message] : [])))) process.stderr.write(`${message}\n`);
    for (const l of leftovers) process.stderr.write(printable(`${leftoverLine(l)}\n`));
    for (const r of renamed) process.stderr.write(printable(`${renamedLine(r)}\n`));
    const kept = documents.filter((r) => r.kept).length;
    if (documents.length > 1) {
      const failedDates = failures.map((f) => (f.udvalg ? `${f.udvalg} ${f.date}` : f.date)).join(', ');
      const unchanged = kept ? `, ${kept} unchanged (made from the same inputs; --force prints them anew)` : '';
      process.stderr.write(
        `built ${documents.length - failures.length - kept} of ${documents.length} documents in ${seconds.toFixed(1)} s${unchanged}${failures.length ? `; failed: ${failedDates}` : ''}\n`,
      );
    } else if (kept && documents[0])
      process.stderr.write(`${documents[0].pdf}: unchanged, made from the same inputs (--force prints it anew)\n`);
  }
  if (first) throw new ReportedFailure(first.exitCode);
}

/** A PDF whose meeting file is gone: removed where it is of a meeting this folder had, else left for the clerk, who may have made it. */
function leftoverLine({ file, meeting, removed, committee, unproven }: LeftoverPdf): string {
  if (committee !== undefined)
    return `${file}: named for ${meeting}, which is gone, but made of the committee ${committee} (another folder's, or this one's before it was renamed); left: remove it unless you need it`;
  if (unproven !== undefined) return `${file}: named for ${meeting}, which is gone, but ${unproven}; left: remove it unless you need it`;
  return removed
    ? `removed ${file}: no longer made from any meeting (${meeting} is gone)`
    : `${file}: no longer made from any meeting (${meeting} is gone); left, as nothing in it tells that agenda wrote it of this committee as it stands: remove it unless you need it`;
}

/** A PDF under a name no longer made (the repository gained or lost a committee): named, and left for the clerk. */
function renamedLine({ file, meeting, now }: RenamedPdf): string {
  const made = now === undefined ? `${meeting} is still built` : `${meeting}'s is now ${now}`;
  return `${file}: no longer made under this name (${made}); left, as it may be a draft of another version: remove it unless you need it`;
}
