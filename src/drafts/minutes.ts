import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UsageError } from '../shared/errors.js';
import { placeholder } from '../input/placeholder.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemInput } from '../input/schema/standing-items.js';
import { yamlScalar } from './yaml-text.js';

type ItemInput = NonNullable<MeetingInput['punkter']>[number];

/**
 * The meeting file's text turned into the minutes draft: a `beslutning` under every item that has
 * none, standing items the file left out included. Filled in where the tool knows what to write: the
 * item that reviews the political meetings repeats the clerk's own text (the meetings held and to be
 * held are added when the minutes are built); an item with a timetable lists its points. Elsewhere,
 * and after each point, the placeholder. The new lines are inserted into the clerk's text, which
 * otherwise stays as it was, comments and all. Undefined when every item has its decision already.
 */
export function minutesDraft(text: string, meeting: MeetingInput, standing: StandingItemInput[], mainKey: string | undefined): { yaml: string; added: number } | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines });
  const seq = doc.get('punkter', true);
  const entries = meeting.punkter ?? [];
  const inserts: Array<{ at: number; text: string }> = [];
  entries.forEach((entry, i) => {
    const node = isSeq(seq) ? seq.items[i] : undefined;
    if (entry.beslutning !== undefined || !isMap(node) || !node.range) return;
    if (node.flow) throw new UsageError(`punkter[${i}] is written on one line ({ ... }): write it as a block to add its beslutning`);
    const indent = lines.linePos(node.range[0]).col - 1;
    inserts.push(keyAt(text, node.range[1], indent, draftDecision(entry, standing.find((s) => s.id === entry.fast), mainKey)));
  });
  const added = inserts.length;
  const missing = standing.filter((s) => !entries.some((e) => e.fast === s.id));
  if (missing.length > 0) inserts.push(newItems(text, isSeq(seq) ? seq : undefined, lines, missing, mainKey));
  if (inserts.length === 0) return undefined;
  const yaml = inserts.sort((a, b) => b.at - a.at).reduce((out, insert) => out.slice(0, insert.at) + insert.text + out.slice(insert.at), text);
  return { yaml, added: added + missing.length };
}

/** `beslutning: ...` as a line of the block that ends at `end`. */
function keyAt(text: string, end: number, indent: number, decision: string): { at: number; text: string } {
  const line = `${' '.repeat(indent)}beslutning: ${yamlScalar(decision, indent + 2)}\n`;
  return text[end - 1] === '\n' ? { at: end, text: line } : { at: end, text: `\n${line.trimEnd()}` };
}

/** Entries for the standing items the file leaves out, each with its decision, at the end of `punkter`. */
function newItems(text: string, seq: Node | undefined, lines: LineCounter, missing: StandingItemInput[], mainKey: string | undefined): { at: number; text: string } {
  const dash = seq?.range ? lines.linePos(seq.range[0]).col - 1 : 2;
  const entries = missing.map((s) => `${' '.repeat(dash)}- fast: ${s.id}\n${keyAt('\n', 1, dash + 2, draftDecision(undefined, s, mainKey)).text}`).join('');
  if (!seq?.range) return { at: text.length, text: `${text.endsWith('\n') ? '' : '\n'}punkter:\n${entries}` };
  const end = seq.range[1];
  return text[end - 1] === '\n' ? { at: end, text: entries } : { at: end, text: `\n${entries.trimEnd()}` };
}

/** Nothing closed is copied into the decision, which is open: closed texts and timetable rows are left out. */
function draftDecision(entry: ItemInput | undefined, standing: StandingItemInput | undefined, mainKey: string | undefined): string {
  const own = mainKey === undefined ? undefined : entry?.afsnit[mainKey];
  if (standing?.politisk_kalender && own && !own.lukket) return own.tekst;
  const open = (entry?.tidsplan ?? []).filter((slot) => !slot.lukket);
  if (open.length > 0) return open.map((slot) => `- ${firstLine(slot.punkt)} ${placeholder}`).join('\n');
  return placeholder;
}

const firstLine = (text: string) => text.trim().split('\n')[0]!.trim();
