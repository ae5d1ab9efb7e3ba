/**
 * The libraries agenda uses write to the console of their own accord: pdf-lib while it reads an odd
 * or damaged attachment ("Removing parsed object: 0 0 R", "Trying to parse invalid object", a number
 * too large "for some PDF readers"), date-fns beside the error it throws for a pattern's YYYY or DD.
 * None of it is for the clerk (an attachment that lost pages is refused by its own check, a date
 * pattern by the house style's), and under --json stderr must hold JSON only. Everything agenda says
 * goes through process.stdout and process.stderr, never the console, so the command line gives the
 * console's writers nothing to do. (As a library, agenda leaves its host's console alone.)
 */
export function quietConsole(): void {
  for (const method of ['debug', 'error', 'info', 'log', 'trace', 'warn'] as const) console[method] = () => undefined;
}
