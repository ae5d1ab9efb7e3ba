#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { findingsJson, printJson } from './commands/report.js';
import { AgendaError, ExitCode, InputError, RenderError } from './errors.js';
import { isRealDate } from './input/fields.js';

function meetingDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD, e.g. 2023-11-22');
  if (!isRealDate(value)) throw new InvalidArgumentError(`${value} is not a date in the calendar`);
  return value;
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
  .description('build the PDF of one meeting: DIR/<date>.yaml merged with the shared files in DIR')
  .argument('<date>', 'the meeting date, YYYY-MM-DD', meetingDate)
  .option('-o, --out <file>', 'where to write the PDF (default: out/<date>-dagsorden.pdf or -referat.pdf)')
  .option('--public', 'the version for publication, without anything closed (lukket); default file name ends in -offentlig.pdf')
  .option('--html <file>', 'also write the HTML that was printed')
  .option('-m, --meetings <dir>', 'the meetings folder', 'meetings')
  .option('--browser <path>', 'the Chromium or Chrome to print with (default: PUPPETEER_EXECUTABLE_PATH, then the usual places)')
  .option('--timeout <seconds>', 'how long the browser may take to start or print', seconds, 60)
  .option('--json', 'print the result, warnings and errors as JSON on stdout')
  .action(buildCommand);

program
  .command('check')
  .description('check the shared files and the named meetings (default: all), and report every problem')
  .argument('[dates...]', 'meeting dates, YYYY-MM-DD')
  .option('-m, --meetings <dir>', 'the meetings folder', 'meetings')
  .option('--json', 'print the findings as JSON on stdout')
  .action((dates: string[], options) => checkCommand(dates.map(meetingDate), options));

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
