import { chooseCommitteeOf } from '../input/repository.js';
import type { ItemChange, TextPart } from '../model/changes.js';
import { diffMeeting, type DiffChange, type DiffResult } from '../pipeline/diff.js';
import { checkedDate } from '../pipeline/select.js';
import { ExitCode, printable } from '../shared/errors.js';
import type { OptionsOf } from './options.js';
import { printResult } from './report.js';
import { clockTime } from '../shared/clock-time.js';

/** Its options, as declared in options.ts. */
export type DiffOptions = OptionsOf<'diff'>;

/** `agenda diff <date>`: what changed since the version sent, or a revision; see pipeline/diff.ts. */
export async function diffCommand(dateArg: string, options: DiffOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const result = await diffMeeting({
    ...options,
    dir: folder.dir,
    folder,
    date,
    audience: options.public ? 'offentlig' : 'medlemmer',
    timeoutMs: options.timeout * 1000,
  });
  if (options.json) printResult('diff', { exitCode: ExitCode.ok, ...result });
  else process.stdout.write(terminalText(result, colours(process.stdout.isTTY && !process.env.NO_COLOR)));
}

type Paint = Record<'added' | 'removed' | 'heading', (text: string) => string>;

/** Colour only on a terminal (and not with NO_COLOR); the marks [-…-] and {+…+} (as git's --word-diff) are there either way. */
function colours(on: boolean): Paint {
  // The text is made printable before the colour goes on: a title may hold control characters, the colour's own escapes are ours.
  const sgr = (code: number) => (text: string) => (on ? `\x1b[${code}m${printable(text)}\x1b[0m` : printable(text));
  return { added: sgr(32), removed: sgr(31), heading: sgr(1) };
}

function terminalText(result: DiffResult, paint: Paint): string {
  const { from } = result;
  const since =
    'revision' in from
      ? `revision ${from.revision} (${from.commit.slice(0, 12)})`
      : `the version sent ${clockTime(from.sentAt)}${from.to ? ` to ${from.to}` : ''}`;
  const version = result.audience === 'offentlig' ? 'public version' : "members' version";
  const head = `changes in the ${version} since ${since}: ${result.changes.length}\n`;
  const written = result.written.map((f) => `wrote ${f}\n`).join('');
  return printable(head) + result.changes.map((c) => changeText(c, paint)).join('') + printable(written);
}

/** An item by its number and title, and the tillægsdagsorden it is in where it is in one. */
const itemName = (change: ItemChange & { addendum?: number }) =>
  `item ${change.number} ${change.title}${change.addendum === undefined ? '' : ` (tillægsdagsorden ${change.addendum})`}`;

function changeText(change: DiffChange, paint: Paint): string {
  if (change.type === 'front-changed') {
    const where = `front page${change.addendum === undefined ? '' : ` (tillægsdagsorden ${change.addendum})`}`;
    return `${paint.heading(`${where}: ${change.heading} changed`)}
${indent(words(change.parts, paint))}
`;
  }
  const item = itemName(change);
  switch (change.type) {
    case 'item-added':
      return paint.heading(`${item}: added\n`);
    case 'item-removed':
      return paint.heading(`${item}: removed\n`);
    case 'item-moved':
      return paint.heading(`${item}: moved from item ${change.from}\n`);
    case 'title-changed':
      return `${paint.heading(`item ${change.number}: title changed`)}\n  ${words(change.parts, paint)}\n`;
    case 'text-changed':
      return `${paint.heading(`${item}: ${change.heading} changed`)}\n${indent(words(change.parts, paint))}\n`;
    case 'attachment-added':
    case 'attachment-removed':
    case 'attachment-replaced':
      return paint.heading(`${item}: attachment ${change.attachment} ${change.type.replace('attachment-', '')}\n`);
    default:
      return partText(change, paint);
  }
}

/** A sub-item's change, an addition's or an earlier meeting's of the case's history, with its words where it has any. */
function partText(change: ItemChange & { addendum?: number }, paint: Paint): string {
  const item = itemName(change);
  const what =
    'letter' in change
      ? `sub-item ${change.letter}. ${change.subTitle}`
      : 'date' in change
        ? `addition of ${change.date}`
        : 'step' in change
          ? `earlier treatment (${change.step.committee} ${change.step.date})`
          : '';
  const how = change.type.replace(/^(sub-item|addition|history)-/, '').replace('-', ' ');
  const heading = 'heading' in change ? `: ${change.heading}` : '';
  const head = paint.heading(`${item}: ${what}${heading} ${how}`);
  return 'parts' in change && change.parts ? `${head}\n${indent(words(change.parts, paint))}\n` : `${head}\n`;
}

/** The words added and removed, with a few words of what stands around them, and … for the rest. */
function words(parts: TextPart[], paint: Paint): string {
  return parts
    .map((p, i) => {
      if (p.added) return paint.added(`{+${p.text}+}`);
      if (p.removed) return paint.removed(`[-${p.text}-]`);
      return context(p.text, i > 0, i < parts.length - 1);
    })
    .join('');
}

/** Six words either side of a change. */
function context(text: string, after: boolean, before: boolean): string {
  const tokens = text.split(/(\s+)/);
  if (tokens.length <= 24) return printable(text);
  const head = after ? tokens.slice(0, 12).join('') : '';
  const tail = before ? tokens.slice(-12).join('') : '';
  return printable(`${head}…${tail}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
