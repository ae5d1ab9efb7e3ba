import { AgendaError, ExitCode, messageOf } from './errors.js';

/** A failure agenda did not foresee: a bug in agenda, not in the clerk's files or machine. */
export class InternalError extends AgendaError {
  readonly exitCode = ExitCode.internalError;
}

/** The one line an unforeseen failure gets: that it is a bug, what it was, and where to report it. */
export function internalError(err: unknown, version: string): InternalError {
  const what = messageOf(err).split('\n')[0];
  return new InternalError(
    `internal error in agenda ${version} (a bug, not a problem with your files): ${what}; please report it with the command you ran and this line, as README.md says under "Reporting a bug"`,
  );
}
