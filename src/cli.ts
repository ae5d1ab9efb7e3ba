#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { printResult } from './commands/report.js';
import { AgendaError, ExitCode, InputError, printable } from './shared/errors.js';
import { internalError } from './shared/internal-error.js';
import { quietConsole } from './shared/quiet-console.js';
import { packageRoot } from './shared/paths.js';

// Each command's modules load when it runs, so a command pays only for what it uses.
const commands = {
  build: () => import('./commands/build.js'),
  check: () => import('./commands/check.js'),
  new: () => import('./commands/new.js'),
  minutes: () => import('./commands/minutes.js'),
  finalize: () => import('./commands/finalize.js'),
  plan: () => import('./commands/plan.js'),
  schema: () => import('./commands/schema.js'),
  send: () => import('./commands/send.js'),
  sag: () => import('./commands/sag.js'),
  publish: () => import('./commands/publish.js'),
  preview: () => import('./commands/preview.js'),
};

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number from 1 up');
  return n;
}

/** Up to a day: Node's timers take at most 2^31 ms (some 24.8 days), and past that fire at once. */
function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected a number of seconds, at most 86400 (a day)');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535 (0: a free one)');
  return n;
}

const json = process.argv.includes('--json');
// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- package.json is ours, with its version
const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
/** What commander said of a usage error, kept to print as JSON under --json. */
let usageMessage = '';

/** Which committee a command works on: the same two options, worded once, for every command that takes one. */
const udvalgOption = () => new Option('-u, --udvalg <kort>', "the committee, by its short name (udvalg.yaml's kort) or folder, in a repository of several");
const meetingsOption = () => new Option('-m, --meetings <dir>', "one committee's folder, named directly (default: the committees of the repository here, or meetings/)");

const program = new Command('agenda')
  .description('Agendas (dagsordener) and minutes (referater) as PDF, from meetings written in YAML')
  .version(version, '-V, --version', "print agenda's version")
  .exitOverride()
  .configureOutput({
    outputError: (text, write) => {
      usageMessage = text.trim().replace(/^error: /, '');
      if (!json) write(text);
    },
  });

program
  .command('build')
  .description('build the PDFs of meetings: DIR/<date>.yaml merged with the shared files in DIR')
  .argument('[dates...]', 'meeting dates (YYYY-MM-DD) or ranges of the meeting files (2023-01-01..2023-06-30)')
  .option('--all', 'every meeting file of every committee (with --udvalg: of that committee)')
  .option('--public', 'the version for publication, without anything closed (lukket); default file name ends in -offentlig.pdf')
  .addOption(new Option('--both', "the members' version and the public one").conflicts('public'))
  .option('--samlet', 'the combined document: the agenda with its attachment files (bilag fil:) after it, out/<date>-dagsorden-samlet.pdf')
  .option('--bilag-efter-punkt', "with --samlet: each item's attachments right after that item's pages, instead of after the agenda")
  .option('-o, --out <file>', 'where to write the PDF of one meeting (default: out/<date>-dagsorden.pdf or -referat.pdf)')
  .option('--html <file>', 'also write the HTML that was printed (one meeting)')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
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
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .option('--json', 'print the findings as JSON on stdout')
  .action(async (dates: string[], options) => (await commands.check()).checkCommand(dates, options));

program
  .command('new')
  .description('write the meeting file for the next meeting (or the date given), filled in from the plan, the calendar and the standing items')
  .argument('[date]', 'the meeting date (YYYY-MM-DD); default: the next on the schedule after the latest meeting file')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .action(async (date: string | undefined, options) => (await commands.new()).newCommand(date, options));

program
  .command('publish')
  .description('publish every meeting, in the public version only, as a static site: pages, PDFs, open data (JSON, SBSYS XML) and calendar feeds')
  .option('-o, --out <dir>', 'the site folder', 'site')
  .option('--url <address>', "the site's public address (https://...), for the links in the data and the calendar feeds")
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .option('--force', 'print every PDF again, also those the site has from the same inputs')
  .option('--samlet', "also each meeting's public combined document: its PDF with the open attachments' pages after it (printed once more for it)")
  .option('--browser <path>', 'the Chromium or Chrome to print with')
  .option('--timeout <seconds>', 'how long the browser may take to start or print', seconds, 60)
  .option('-j, --jobs <n>', 'documents printed at once (default: by the number of cores)', count)
  .option('-q, --quiet', 'no warnings')
  .option('--json', 'print the result as JSON on stdout')
  .action(async (options) => (await commands.publish()).publishCommand(options));

program
  .command('send')
  .description("e-mail the members' PDF (built, or reused if it records being made from these inputs) to every member and extra recipient, and log it")
  .argument('<date>', 'the meeting date (YYYY-MM-DD)')
  .option('--dry-run', 'print each recipient, the subject and the attachment (name, size, SHA-256); send nothing')
  .option('--to <address>', 'send to this address only (a test send)')
  .option('--force', 'send again to whoever has this version already')
  .option('--smtp <file>', 'the mail settings (YAML: host, port, tls, user, password, from, ca); AGENDA_SMTP_* variables override it')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .option('--browser <path>', 'the Chromium or Chrome to print with')
  .option('--timeout <seconds>', 'how long the browser may take to start or print', seconds, 60)
  .action(async (date: string, options) => (await commands.send()).sendCommand(date, options));

program
  .command('minutes')
  .description('turn a meeting file into the minutes draft: a beslutning under each item, filled in where the tool knows it')
  .argument('<date>', 'the meeting date (YYYY-MM-DD)')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .action(async (date: string, options) => (await commands.minutes()).minutesCommand(date, options));

program
  .command('finalize')
  .description('freeze a meeting as it went out: later changes to the shared files no longer change its documents')
  .argument('<date>', 'the meeting date (YYYY-MM-DD)')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .action(async (date: string, options) => (await commands.finalize()).finalizeCommand(date, options));

program
  .command('plan')
  .description('the coming meetings with their planned points, as the forward plan stands')
  .option('--from <date>', 'the first meeting date to show (default: today)')
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .action(async (options) => (await commands.plan()).planCommand(options));

program
  .command('sag')
  .description("a case's way through the repository's committees: each meeting, committee, item number and decision")
  .argument('<id>', "the case's id, as items give it under sag:")
  .option('--medlemmer', "the members' view: closed items' own titles and closed decisions' text (default: what the public may see)")
  .action(async (id: string, options: { medlemmer?: boolean }) => (await commands.sag()).sagCommand(id, options));

program
  .command('schema')
  .description("write the JSON Schema of a meeting file, for editors (default: DIR/schema.json)")
  .option('-o, --out <file>', "where to write it; '-' for standard output")
  .addOption(udvalgOption())
  .addOption(meetingsOption())
  .action(async (options) => (await commands.schema()).schemaCommand(options));

program
  .command('preview')
  .description("show a meeting's document in the browser as it will print, updated on every save, with every problem on it")
  .argument('[date]', 'the meeting date (YYYY-MM-DD); default: the latest meeting file')
  .option('-m, --meetings <dir>', 'the meetings folder', 'meetings')
  .option('-p, --port <n>', 'the port on 127.0.0.1 (default: a free one)', port, 0)
  .option('--no-open', 'print the address only; do not open it in the browser')
  .option('--browser <path>', 'the Chromium or Chrome to print with')
  .option('--timeout <seconds>', 'how long the browser may take to start or print', seconds, 60)
  .action(async (date: string | undefined, options) => (await commands.preview()).previewCommand(date, options));

/** Every failure ends as one or more plain lines (or one JSON result) and a documented exit code, never a stack trace. */
async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return ExitCode.ok;
      if (json) printResult(commandName(argv), { exitCode: ExitCode.usage, error: usageMessage });
      return ExitCode.usage;
    }
    const known = err instanceof AgendaError ? err : internalError(err, version);
    if (json && known.message) {
      printResult(commandName(argv), { exitCode: known.exitCode, error: known.message, findings: known instanceof InputError ? known.findings : [] });
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

quietConsole();
process.exitCode = await main(process.argv);
