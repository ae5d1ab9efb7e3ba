import { readDefaultStyle } from '../input/house-style.js';
import { yamlReference } from '../input/yaml-reference.js';
import { cli, commandNames, commands, flags, optionsOf, type CommandName } from './options.js';

// docs/reference/: what `npm run build` writes (scripts/reference.mjs) and the reference test
// compares with what is committed. Made from the option table and the schemas, never by hand.

/** The reference's files by their path under docs/reference/. */
export async function referenceFiles(): Promise<Record<string, string>> {
  const style = await readDefaultStyle();
  return { 'commands.md': commandsReference(), 'yaml.md': yamlReference(style.afsnit.map((a) => a.nøgle)) };
}

/** Every command with its arguments and options, from options.ts, the table commander is built from. */
export function commandsReference(): string {
  const lines = [
    '# The commands: every option',
    '',
    'Written by `npm run build` from the table the command line is built from (src/commands/options.ts);',
    'do not edit it by hand. `agenda <command> --help` says the same. Exit codes:',
    '[../install/exit-codes.md](../install/exit-codes.md).',
    '',
    `\`agenda\`: ${cli.description}.`,
    '',
    '| option | description |',
    '| --- | --- |',
    `| \`${cli.version.flags}\` | ${cli.version.description} |`,
    `| \`${cli.help.flags}\` | ${cli.help.description} (also of each command) |`,
    '',
    ...commandNames.map((name) => `- [agenda ${name}](#agenda-${name}): ${cell(commands[name].description)}`),
  ];
  return `${[...lines, ...commandNames.flatMap(commandSection)].join('\n')}\n`;
}

function commandSection(name: CommandName): string[] {
  const { description, arguments: args } = commands[name];
  const usage = ['agenda', name, '[options]', ...args.map((a) => a.name)].join(' ');
  const argumentRows = args.map((a) => `| \`${a.name}\` | ${cell(a.description)} |`);
  const optionRows = optionsOf(name).map(
    (o) => `| \`${flags(o)}\` | ${cell(o.description)}${o.default === undefined ? '' : ` (default: \`${o.default}\`)`} |`,
  );
  return [
    '',
    `## agenda ${name}`,
    '',
    `\`${usage}\``,
    '',
    cell(`${description.charAt(0).toUpperCase()}${description.slice(1)}.`),
    ...(args.length > 0 ? ['', '| argument | description |', '| --- | --- |', ...argumentRows] : []),
    ...(optionRows.length > 0 ? ['', '| option | description |', '| --- | --- |', ...optionRows] : []),
  ];
}

/** Prose in a table cell or a list: `<date>` would be read as an HTML tag, `|` as a column. */
const cell = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
