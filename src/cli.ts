#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { findingsJson, printJson } from './commands/report.js';
import { AgendaError, ExitCode, InputError, RenderError } from './errors.js';

// Each command's modules load when it runs, so a command pays only for what it uses.
const commands = {
  build: () => import('./commands/build.js'),
  check: () => import('./commands/check.js'),
};

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number from 1 up');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds');
  return n;
}

const program = new Command('agenda')
  .description('Agendas (dagsordener) and minutes (referater) as PDF, from meetings written in YAML')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('build')
  .description('build the PDFs of meetings: DIR/<date>.yaml merged with the shared files in DIR')
  .argument('[dates...]', 'meeting dates (YYYY-MM-DD) or ranges of the meeting files (2023-01-01..2023-06-30)')
  .option('--all', 'every meeting file in the folder')
  .option('--public', 'the version for publication, without anything closed (lukket); default file name ends in -offentlig.pdf')
  .option('--both', "the members' version and the public one")
  .option('-o, --out <file>', 'where to write the PDF of one meeting (default: out/<date>-dagsorden.pdf or -referat.pdf)')
  .option('--html <file>', 'also write the HTML that was printed (one meeting)')
  .option('-m, --meetings <dir>', 'the meetings folder', 'meetings')
  .option('--browser <path>', 'the Chromium or Chrome to print with (default: PUPPETEER_EXECUTABLE_PATH, then the usual places)')
  .option('--timeout <seconds>', 'how long the browser may take to start or print', seconds, 60)
  .option('-j, --jobs <n>', 'documents printed at once (default: by the number of cores)', count)
  .option('-q, --quiet', 'no progress lines and no warnings; errors and the summary only')
  .option('--json', 'print the results, warnings and errors as JSON on stdout')
  .action(async (dates: string[], options) => (await commands.build()).buildCommand(dates, options));

program
  .command('check')
  .description('check the shared files and the named meetings (default: all), and report every problem')
  .argument('[dates...]', 'meeting dates (YYYY-MM-DD) or ranges (2023-01-01..2023-06-30); default all')
  .option('-m, --meetings <dir>', 'the meetings folder', 'meetings')
  .option('--json', 'print the findings as JSON on stdout')
  .action(async (dates: string[], options) => (await commands.check()).checkCommand(dates, options));

/** Every failure ends as one or more plain lines and a documented exit code, never a stack trace. */
async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const known = err instanceof AgendaError ? err : new RenderError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`);
    if (argv.includes('--json') && known.message) {
      printJson({ ok: false, exitCode: known.exitCode, error: known.message, findings: known instanceof InputError ? findingsJson(known.findings) : [] });
    } else if (known.message) {
      process.stderr.write(`${known.message}\n`);
    }
    return known.exitCode;
  }
}

process.exitCode = await main(process.argv);
