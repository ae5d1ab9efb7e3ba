import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  cli,
  commandNames,
  commands,
  flags,
  optionsOf,
  type ArgumentsOf,
  type CommandName,
  type OptionSpec,
  type OptionsOf,
} from './commands/options.js';
import { printResult } from './commands/report.js';
import { AgendaError, ExitCode, InputError, printable } from './shared/errors.js';
import { internalError } from './shared/internal-error.js';
import { warnOfCacheTo } from './shared/files.js';
import { quietConsole } from './shared/quiet-console.js';
import { packageRoot } from './shared/paths.js';

// Each command's modules load when it runs, so a command pays only for what it uses.
const actions: { [C in CommandName]: (args: ArgumentsOf<C>, options: OptionsOf<C>) => Promise<void> } = {
  build: async ([dates], options) => (await import('./commands/build.js')).buildCommand(dates, options),
  check: async ([dates], options) => (await import('./commands/check.js')).checkCommand(dates, options),
  new: async ([date], options) => (await import('./commands/new.js')).newCommand(date, options),
  publish: async (_none, options) => (await import('./commands/publish.js')).publishCommand(options),
  send: async ([date], options) => (await import('./commands/send.js')).sendCommand(date, options),
  minutes: async ([date], options) => (await import('./commands/minutes.js')).minutesCommand(date, options),
  finalize: async ([date], options) => (await import('./commands/finalize.js')).finalizeCommand(date, options),
  godkend: async ([date], options) => (await import('./commands/godkend.js')).godkendCommand(date, options),
  status: async ([date], options) => (await import('./commands/status.js')).statusCommand(date, options),
  forsegl: async ([date], options) => (await import('./commands/forsegl.js')).forseglCommand(date, options),
  signatur: async ([date, file], options) => (await import('./commands/signatur.js')).signaturCommand(date, file, options),
  verify: async ([date], options) => (await import('./commands/verify.js')).verifyCommand(date, options),
  plan: async (_none, options) => (await import('./commands/plan.js')).planCommand(options),
  sag: async ([id], options) => (await import('./commands/sag.js')).sagCommand(id, options),
  schema: async (_none, options) => (await import('./commands/schema.js')).schemaCommand(options),
  diff: async ([date], options) => (await import('./commands/diff.js')).diffCommand(date, options),
  preview: async ([date], options) => (await import('./commands/preview.js')).previewCommand(date, options),
};

// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- package.json is ours, with its version
const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };

/** A usage error's message: commander's, kept to print as JSON under --json. */
interface Usage {
  message: string;
}

/** The command line of one run: made per call, so that main can run again in the same process (a test's worker). */
function programOf(json: boolean, usage: Usage): Command {
  const program = new Command('agenda')
    .description(cli.description)
    .version(version, cli.version.flags, cli.version.description)
    .helpOption(cli.help.flags, cli.help.description)
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => {
        usage.message = text.trim().replace(/^error: /, '');
        if (!json) write(text);
      },
    });
  for (const name of commandNames) {
    const { description, arguments: args } = commands[name];
    const command = program.command(name).description(description);
    for (const a of args) command.argument(a.name, a.description);
    for (const o of optionsOf(name)) command.addOption(commanderOption(o));
    // commander hands the arguments in the order declared, then the options object: the values the
    // table declares, which ArgumentsOf and OptionsOf read from the same table.
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the values are this command's ArgumentsOf and OptionsOf (above); never: no one type fits every command's action
    command.action((...values: unknown[]) => actions[name](values.slice(0, args.length) as never, values[args.length] as never));
  }
  return program;
}

function commanderOption(o: OptionSpec): Option {
  const option = new Option(flags(o), o.description);
  if (o.parse) option.argParser(o.parse);
  if (o.default !== undefined) option.default(o.default);
  if (o.conflicts) option.conflicts(o.conflicts);
  return option;
}

/**
 * Runs the command line `argv` (node's, the program first) and returns its exit code. Every failure ends as one or
 * more plain lines (or one JSON result) and a documented exit code, never a stack trace. The bin (bin.ts) calls it
 * once; it keeps nothing between calls.
 */
export async function main(argv: string[]): Promise<number> {
  quietConsole();
  const json = argv.includes('--json');
  warnOfCacheTo(json ? () => undefined : (line) => void process.stderr.write(line));
  const usage: Usage = { message: '' };
  try {
    await programOf(json, usage).parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return ExitCode.ok;
      if (json) printResult(commandName(argv), { exitCode: ExitCode.usage, error: usage.message });
      return ExitCode.usage;
    }
    const known = err instanceof AgendaError ? err : internalError(err, version);
    if (json && known.message) {
      printResult(commandName(argv), {
        exitCode: known.exitCode,
        error: known.message,
        findings: known instanceof InputError ? known.findings : [],
      });
    } else if (known.message) {
      process.stderr.write(`${printable(known.message)}\n`);
    }
    return known.exitCode;
  }
}

/** The command a JSON result is of: the first word after agenda's own options. */
function commandName(argv: string[]): string {
  return argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
}
