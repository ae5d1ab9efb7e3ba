/** Exit codes, as documented in the README. */
export const ExitCode = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  environment: 3,
  renderingFailed: 4,
} as const;

/** A problem in an input file, with where it stands. */
export interface Finding {
  file: string;
  line: number;
  col: number;
  /** The key path as the clerk reads it, e.g. `punkter[2].bilag[0].nummer`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatFinding(f: Finding): string {
  const where = `${f.file}:${f.line}:${f.col}`;
  return f.path ? `${where}: ${f.path}: ${f.message}` : `${where}: ${f.message}`;
}

/** Base of every error the user is meant to read: its message is the whole story, no stack. */
export abstract class AgendaError extends Error {
  abstract readonly exitCode: number;
}

export class InputError extends AgendaError {
  readonly exitCode = ExitCode.invalidInput;
  constructor(readonly findings: Finding[]) {
    super(findings.map(formatFinding).join('\n'));
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

export class RenderError extends AgendaError {
  readonly exitCode = ExitCode.renderingFailed;
}
