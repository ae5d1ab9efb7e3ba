import { formatFinding, isError, sortFindings, type Finding } from '../shared/errors.js';

/** Findings as the clerk reads them, one a line on stderr. */
export function printFindings(findings: Finding[]): void {
  for (const f of sortFindings(findings)) process.stderr.write(`${formatFinding(f)}\n`);
}

/** Findings as editors and scripts read them. */
export function findingsJson(findings: Finding[]) {
  return sortFindings(findings).map((f) => ({ severity: isError(f) ? 'error' : 'warning', file: f.file, line: f.line, col: f.col, path: f.path, message: f.message }));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
