import { InvalidArgumentError } from 'commander';

// Every command and every option of the CLI, declared once. cli.ts builds commander from these
// tables, each command's options type is read from them (OptionsOf<'build'>), and `npm run build`
// writes docs/reference/commands.md from them (commands/reference.ts). A new option is one entry
// in `options`, naming the commands that take it.

/** The command line as a whole. */
export const cli = {
  description: 'Agendas (dagsordener) and minutes (referater) as PDF, from meetings written in YAML',
  version: { flags: '-V, --version', description: "print agenda's version" },
  help: { flags: '-h, --help', description: 'display help for command' },
} as const;

interface CommandSpec {
  readonly description: string;
  /** In commander's notation: `<date>` required, `[date]` optional, `[dates...]` any number. */
  readonly arguments: ReadonlyArray<{ readonly name: string; readonly description: string }>;
}

const date = { name: '<date>', description: 'the meeting date (YYYY-MM-DD)' } as const;

export const commands = {
  build: {
    description: 'build the PDFs of meetings: DIR/<date>.yaml merged with the shared files in DIR',
    arguments: [{ name: '[dates...]', description: 'meeting dates (YYYY-MM-DD) or ranges of the meeting files (2023-01-01..2023-06-30)' }],
  },
  check: {
    description: 'check the shared files and the named meetings (default: all), and report every problem',
    arguments: [{ name: '[dates...]', description: 'meeting dates (YYYY-MM-DD) or ranges (2023-01-01..2023-06-30); default all' }],
  },
  new: {
    description:
      'write the meeting file for the next meeting (or the date given), filled in from the plan, the calendar and the standing items',
    arguments: [
      { name: '[date]', description: 'the meeting date (YYYY-MM-DD); default: the next on the schedule after the latest meeting file' },
    ],
  },
  publish: {
    description:
      'publish every meeting, in the public version only, as a static site: pages, PDFs, open data (JSON, SBSYS XML) and calendar feeds',
    arguments: [],
  },
  send: {
    description:
      "e-mail the members' PDF (built, or reused if it records being made from these inputs) to every member and extra recipient, and log it",
    arguments: [date],
  },
  minutes: {
    description: 'turn a meeting file into the minutes draft: a beslutning under each item, filled in where the tool knows it',
    arguments: [date],
  },
  finalize: {
    description: 'freeze a meeting as it went out: later changes to the shared files no longer change its documents',
    arguments: [date],
  },
  godkend: {
    description:
      "record a member's approval of the minutes as they stand, bound to the members' PDF by its SHA-256, in DIR/<date>.godkendt.yaml",
    arguments: [date],
  },
  status: {
    description: 'who took part in a meeting, and who has approved its minutes as they stand, an earlier version, or not yet',
    arguments: [date],
  },
  forsegl: {
    description:
      "seal the approved minutes: sign the members' and the public PDF (and, with the Godkendelsesside, the completed -godkendt.pdf) with the municipality's certificate (PAdES) and keep them in arkiv/<date>/",
    arguments: [date],
  },
  signatur: {
    description: "record a member's approval by signature: the PDF they were sent, signed with their own certificate, checked by pdfsig",
    arguments: [date, { name: '<file>', description: 'the PDF the member signed' }],
  },
  verify: {
    description:
      "check from the repository alone that every approval is of an archived version, that the seals hold and that the archive's sealed public minutes are the counterpart of the approved version (--site: and the site's copy)",
    arguments: [date],
  },
  plan: { description: 'the coming meetings with their planned points, as the forward plan stands', arguments: [] },
  sag: {
    description: "a case's way through the repository's committees: each meeting, committee, item number and decision",
    arguments: [{ name: '<id>', description: "the case's id, as items give it under sag:" }],
  },
  schema: { description: 'write the JSON Schema of a meeting file, for editors (default: DIR/schema.json)', arguments: [] },
  diff: {
    description: "what changed in a meeting's document since the version sent (or --fra a git revision): items, words, attachments",
    arguments: [date],
  },
  preview: {
    description: "show a meeting's document in the browser as it will print, updated on every save, with every problem on it",
    arguments: [{ name: '[date]', description: 'the meeting date (YYYY-MM-DD); default: the latest meeting file' }],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;

/** In the order `--help` lists them (Object.keys gives the table's own keys, each a CommandName). */
export const commandNames = Object.keys(commands).filter((name): name is CommandName => name in commands);

export interface OptionSpec {
  /** `--out`, or `--no-open` for a switch that is on unless given. */
  readonly long: `--${string}`;
  readonly short?: `-${string}`;
  /** `<file>`: the option takes a value. */
  readonly argument?: `<${string}>`;
  readonly description: string;
  readonly commands: readonly CommandName[];
  readonly parse?: (value: string) => unknown;
  readonly default?: string | number;
  /** Another option of the same commands that may not be given with this one. */
  readonly conflicts?: string;
}

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

/** The commands that work on a committee of the repository, chosen by --udvalg or --meetings. */
const committeeCommands = [
  'build',
  'check',
  'new',
  'publish',
  'send',
  'minutes',
  'finalize',
  'godkend',
  'status',
  'forsegl',
  'signatur',
  'verify',
  'plan',
  'schema',
  'diff',
  'preview',
] as const;
const printing = ['build', 'publish', 'send', 'godkend', 'status', 'preview', 'diff', 'forsegl'] as const;

/** In the order `--help` lists them. */
export const options = [
  { long: '--all', description: 'every meeting file of every committee (with --udvalg: of that committee)', commands: ['build'] },
  {
    long: '--public',
    description: 'the version for publication, without anything closed (lukket); default file name ends in -offentlig.pdf',
    commands: ['build'],
  },
  { long: '--both', description: "the members' version and the public one", commands: ['build'], conflicts: 'public' },
  {
    long: '--samlet',
    description: 'the combined document: the agenda with its attachment files (bilag fil:) after it, out/<date>-dagsorden-samlet.pdf',
    commands: ['build'],
  },
  {
    long: '--samlet',
    description:
      "also each meeting's public combined document: its PDF with the open attachments' pages after it (printed once more for it)",
    commands: ['publish'],
  },
  {
    long: '--bilag-efter-punkt',
    description: "with --samlet: each item's attachments right after that item's pages, instead of after the agenda",
    commands: ['build'],
  },
  {
    long: '--out',
    short: '-o',
    argument: '<file>',
    description: 'where to write the PDF of one meeting (default: out/<date>-dagsorden.pdf or -referat.pdf)',
    commands: ['build'],
  },
  { long: '--out', short: '-o', argument: '<dir>', description: 'the site folder', default: 'site', commands: ['publish'] },
  { long: '--out', short: '-o', argument: '<file>', description: "where to write it; '-' for standard output", commands: ['schema'] },
  { long: '--html', argument: '<file>', description: 'also write the HTML that was printed (one meeting)', commands: ['build'] },
  {
    long: '--fra',
    argument: '<revision>',
    description: 'compare with the meeting as it stood at this git revision (HEAD~1, a commit, a tag) instead of the version sent',
    commands: ['diff'],
  },
  {
    long: '--medlem',
    argument: '<address>',
    description: 'compare with the version sent last to this address (the version this member holds)',
    commands: ['diff'],
    conflicts: 'fra',
  },
  {
    long: '--public',
    description:
      'compare the public versions only: nothing closed (lukket) is in them, not even as a word removed (words removed that share one with a text closed now show as …)',
    commands: ['diff'],
  },
  {
    long: '--pdf',
    argument: '<file>',
    description: 'write the changes as a PDF a member can read, with the words added and removed marked',
    commands: ['diff'],
  },
  {
    long: '--html',
    argument: '<file>',
    description: 'write the changes as an HTML page, with the words added and removed marked',
    commands: ['diff'],
  },
  {
    long: '--url',
    argument: '<address>',
    description: "the site's public address (https://...), for the links in the data and the calendar feeds",
    commands: ['publish'],
  },
  {
    long: '--dry-run',
    description: 'print each recipient, the subject and the attachment (name, size, SHA-256); send nothing',
    commands: ['send'],
  },
  { long: '--to', argument: '<address>', description: 'send to this address only (a test send)', commands: ['send'] },
  {
    long: '--smtp',
    argument: '<file>',
    description: 'the mail settings (YAML: host, port, tls, user, password, from, ca); AGENDA_SMTP_* variables override it',
    commands: ['send'],
  },
  {
    long: '--smtp-timeout',
    argument: '<seconds>',
    description:
      'how long the mail server may take to accept a connection and greet; where it does not, the members not reached yet are not tried',
    parse: seconds,
    default: 20,
    commands: ['send'],
  },
  {
    long: '--påmind',
    description: "remind the members who took part and have not approved the minutes as they stand (the members' PDF attached)",
    commands: ['send'],
    conflicts: 'to',
  },
  {
    long: '--af',
    argument: '<navn>',
    description: 'the member who approves, or who signed, as udvalg.yaml names them (required)',
    commands: ['godkend', 'signatur'],
  },
  { long: '--forbehold', argument: '<tekst>', description: "the member's reservation, printed with the approval", commands: ['godkend'] },
  { long: '--på-mødet', description: 'the approval was given at the meeting (default: by mail)', commands: ['godkend'] },
  {
    long: '--certifikat',
    argument: '<file>',
    description:
      "the municipality's certificate, a PKCS#12 file (.p12, .pfx) (default: AGENDA_CERTIFIKAT); its password only from AGENDA_CERTIFIKAT_KODE or asked for",
    commands: ['forsegl'],
  },
  {
    long: '--site',
    argument: '<dir>',
    description: "also check that the site's public minutes (as agenda publish wrote them there) are the sealed ones, byte for byte",
    commands: ['verify'],
  },
  { long: '--from', argument: '<date>', description: 'the first meeting date to show (default: today)', commands: ['plan'] },
  {
    long: '--medlemmer',
    description: "the members' view: closed items' own titles and closed decisions' text (default: what the public may see)",
    commands: ['sag'],
  },
  {
    long: '--udvalg',
    short: '-u',
    argument: '<kort>',
    description: "the committee, by its short name (udvalg.yaml's kort) or folder, in a repository of several",
    commands: committeeCommands,
  },
  {
    long: '--meetings',
    short: '-m',
    argument: '<dir>',
    description: "one committee's folder, named directly (default: the committees of the repository here, or meetings/)",
    commands: committeeCommands,
  },
  {
    long: '--force',
    description: 'print every PDF again, also those made from the same inputs as they are (kept by default)',
    commands: ['build'],
  },
  {
    long: '--force',
    description: 'print every PDF again, also those the site has from the same inputs, and index the site anew',
    commands: ['publish'],
  },
  { long: '--force', description: 'send again to whoever has this version already', commands: ['send'] },
  {
    long: '--overwrite',
    description:
      "replace the files in the site folder that publish did not write where it writes its own (a web root's index.html); without it, publish names them and writes nothing. Never a folder, a symbolic link, a named pipe or a device: those are named either way",
    commands: ['publish'],
  },
  {
    long: '--port',
    short: '-p',
    argument: '<n>',
    description: 'the port on 127.0.0.1 (default: a free one)',
    parse: port,
    default: 0,
    commands: ['preview'],
  },
  { long: '--no-open', description: 'print the address only; do not open it in the browser', commands: ['preview'] },
  {
    long: '--browser',
    argument: '<path>',
    description:
      'the Chromium or Chrome to print with (default: the running one AGENDA_BROWSER_URL names, then PUPPETEER_EXECUTABLE_PATH, then the usual places)',
    commands: printing,
  },
  {
    long: '--libreoffice',
    argument: '<path>',
    description:
      'the LibreOffice (soffice) to convert office attachments (.docx, .xlsx, ...) with (default: AGENDA_LIBREOFFICE, then the usual places)',
    commands: ['build', 'check', 'publish', 'send', 'finalize', 'godkend', 'status', 'diff', 'forsegl'],
  },
  {
    long: '--timeout',
    argument: '<seconds>',
    description: 'how long the browser may take to start or print',
    parse: seconds,
    default: 60,
    commands: printing,
  },
  {
    long: '--jobs',
    short: '-j',
    argument: '<n>',
    description: 'documents printed at once (default: by the number of cores)',
    parse: count,
    commands: ['build', 'publish'],
  },
  { long: '--quiet', short: '-q', description: 'no progress lines and no warnings; errors and the summary only', commands: ['build'] },
  { long: '--quiet', short: '-q', description: 'no warnings', commands: ['publish'] },
  {
    long: '--json',
    description: 'print the result, warnings and errors as JSON on stdout',
    commands: ['build', 'check', 'publish', 'status'],
  },
  { long: '--json', description: 'print the changes as JSON on stdout (docs/develop/diff-json.md)', commands: ['diff'] },
] as const satisfies readonly OptionSpec[];

/** The options a command takes, in the table's order. */
export function optionsOf(command: CommandName): OptionSpec[] {
  return options.filter((o: OptionSpec) => o.commands.includes(command));
}

/** `--bilag-efter-punkt` → `bilagEfterPunkt`, `--no-open` → `open`: the key commander gives an option's value. */
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type KeyOf<O> = O extends { long: `--no-${infer N}` } ? Camel<N> : O extends { long: `--${infer N}` } ? Camel<N> : never;
type ValueOf<O> = O extends { parse: (v: string) => infer T } ? T : O extends { argument: string } ? string : boolean;
/** A default, or a switch that is on unless given, always has a value. */
type Given<O> = O extends { default: unknown } ? true : O extends { long: `--no-${string}` } ? true : false;
type Of<C extends CommandName> =
  Extract<(typeof options)[number], { commands: readonly unknown[] }> extends infer O
    ? O extends { commands: readonly (infer X)[] }
      ? C extends X
        ? O
        : never
      : never
    : never;

/** What commander hands a command's action, read from the table: `OptionsOf<'build'>`. */
export type OptionsOf<C extends CommandName> = { [O in Of<C> as Given<O> extends true ? KeyOf<O> : never]: ValueOf<O> } & {
  [O in Of<C> as Given<O> extends true ? never : KeyOf<O>]?: ValueOf<O>;
};

type Argument<N> = N extends `[${string}...]` ? string[] : N extends `[${string}]` ? string | undefined : string;

type Values<A> = { -readonly [I in keyof A]: A[I] extends { name: infer N } ? Argument<N> : never };

/** What commander hands a command's action before its options, read from its arguments: `[dates: string[]]`. */
export type ArgumentsOf<C extends CommandName> = Values<(typeof commands)[C]['arguments']>;

/** How commander names an option: `-o, --out <file>`. */
export function flags(o: OptionSpec): string {
  return [o.short ? `${o.short}, ${o.long}` : o.long, o.argument].filter(Boolean).join(' ');
}
