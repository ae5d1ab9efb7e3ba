import { expect } from 'vitest';
import { agenda } from './cli.js';

// The command line as its own --help tells it, read from the built CLI: what the docs and the
// reference are held to.

export function helpOf(args: string[]): string {
  const run = agenda([...args, '--help']);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The commands `agenda --help` lists (without commander's own `help`). */
export const helpCommands = (help: string) =>
  [...(help.split('\nCommands:\n')[1] ?? '').matchAll(/^ {2}(\p{Ll}+) /gmu)].map((m) => m[1]!).filter((c) => c !== 'help');

/** The option each line of --help's Options begins with, long and short (its description may name others). */
export const helpOptions = (help: string) =>
  [...(help.split('\nOptions:\n')[1] ?? '').matchAll(/^ {2}(?:(-\w), )?(--[\p{Ll}-]+)/gmu)].map((m) => ({ short: m[1], long: m[2]! }));
