import { formatFinding, isError, sortFindings, type Finding } from '../shared/errors.js';

/** Findings as the clerk reads them, one a line on stderr. */
export function printFindings(findings: Finding[]): void {
  for (const f of sortFindings(findings)) process.stderr.write(`${formatFinding(f)}\n`);
}

/** Findings as editors and scripts read them. */
export function findingsJson(findings: Finding[]) {
  return sortFindings(findings).map((f) => ({
    severity: isError(f) ? 'error' : 'warning',
    file: f.file,
    line: f.line,
    col: f.col,
    path: f.path,
    message: f.message,
  }));
}

/**
 * Every command's result under --json, on stdout, in one shape (docs/install/json-output.md): the
 * command, whether it succeeded, its exit code, the error that stopped it (or null), its findings,
 * and what the command itself reports (build: documents; check: files and counts).
 */
export function printResult(
  command: string,
  result: { exitCode: number; error?: string; findings?: Finding[]; [more: string]: unknown },
): void {
  const { exitCode, error, findings = [], ...more } = result;
  printJson({ command, ok: exitCode === 0, exitCode, error: error ?? null, ...more, findings: findingsJson(findings) });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
