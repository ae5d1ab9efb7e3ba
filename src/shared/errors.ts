/** Exit codes, as documented in docs/install/exit-codes.md. */
export const ExitCode = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  environment: 3,
  renderingFailed: 4,
  sendingFailed: 5,
  internalError: 6,
} as const;

/** A problem in an input file, with where it stands. */
export interface Finding {
  file: string;
  line: number;
  col: number;
  /** The key path as the clerk reads it, e.g. `punkter[2].bilag[0].nummer`; empty for the whole file. */
  path: string;
  message: string;
  /** Worth the clerk's attention, but no reason to refuse the build. */
  warning?: boolean;
}

/**
 * Text from the files as a terminal shows it: control characters (an escape sequence in a YAML
 * value could clear the screen or retitle the window) written out as \x1b, line breaks kept.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it writes out
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) =>
    c === '\t' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** Where a value stands in an input file: a finding without its message. */
/** The code of a failed system call (ENOENT, EACCES...), when what was thrown is one. */
export function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** What went wrong, in words, from whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type Location = Pick<Finding, 'file' | 'line' | 'col' | 'path'>;

/** One finding, always on one line. */
export function formatFinding(f: Finding): string {
  const where = `${f.file}:${f.line}:${f.col}${f.warning ? ': warning' : ''}`;
  // The path too is the clerk's text: a key may hold escape codes or a line break.
  const line = f.path ? `${where}: ${f.path}: ${f.message}` : `${where}: ${f.message}`;
  return printable(line.replace(/\s*\n\s*/g, ' '));
}

export const isError = (f: Finding) => !f.warning;

/** Findings file by file, in the order the files were read, and by position within each file. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const files = [...new Set(findings.map((f) => f.file))];
  return [...findings].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
}

/** Base of every error the user is meant to read: its message is the whole story, no stack. */
export abstract class AgendaError extends Error {
  abstract readonly exitCode: number;
}

/** Each finding once: one of a file every meeting and committee shares (kommune.yaml, husstil/) is found again with each. */
export const toldOnce = (findings: Finding[]): Finding[] => [...new Map(findings.map((f) => [formatFinding(f), f])).values()];

export class InputError extends AgendaError {
  readonly exitCode = ExitCode.invalidInput;
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    const sorted = sortFindings(toldOnce(findings));
    super(sorted.map(formatFinding).join('\n'));
    this.findings = sorted;
  }
}

/** A file that should be there is not: named, not located. */
export class MissingFileError extends AgendaError {
  readonly exitCode = ExitCode.invalidInput;
}

export class UsageError extends AgendaError {
  readonly exitCode = ExitCode.usage;
}

/** The machine lacks something: no browser, an output folder that cannot be written. */
export class EnvironmentError extends AgendaError {
  readonly exitCode = ExitCode.environment;
}

/** A failure whose story the command has already told (e.g. `check` listing its findings); only the exit code is left. */
export class ReportedFailure extends AgendaError {
  constructor(readonly exitCode: number) {
    super('');
  }
}

export class RenderError extends AgendaError {
  readonly exitCode = ExitCode.renderingFailed;
}

/** The mail server could not be reached, refused the login, or refused a message. */
export class SendError extends AgendaError {
  readonly exitCode = ExitCode.sendingFailed;
}
