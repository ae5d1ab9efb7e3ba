import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLSeq } from 'yaml';
import { InputError, UsageError } from '../shared/errors.js';
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
export function minutesDraft(
  file: string,
  text: string,
  meeting: MeetingInput,
  standing: StandingItemInput[],
  mainKey: string | undefined,
): { yaml: string; added: number } | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines });
  const seq = doc.get('punkter', true);
  /** The file's form, which the draft cannot add to: at the node, as every mistake in a file is told. */
  const refuse = (node: { range?: [number, number, number] | null }, path: string, message: string) =>
    new InputError([{ file, ...lines.linePos(node.range?.[0] ?? 0), path, message }]);
  if (isSeq(seq) && seq.flow) throw refuse(seq, 'punkter', 'written on one line ([ ... ]): write it as a block to add the decisions');
  const entries = meeting.punkter ?? [];
  // In the order they are to stand: where two land at the same place (the last item's end is the
  // list's end), the first stays first, so an item's decision never slips under the entry after it.
  const inserts: Array<{ at: number; text: string }> = [];
  entries.forEach((entry, i) => {
    const node = isSeq(seq) ? seq.items[i] : undefined;
    if (entry.beslutning !== undefined || !isMap(node) || !node.range) return;
    if (node.flow) throw refuse(node, `punkter[${i}]`, 'written on one line ({ ... }): write it as a block to add its beslutning');
    const indent = lines.linePos(node.range[0]).col - 1;
    inserts.push(
      keyAt(
        text,
        node.range[1],
        indent,
        draftDecision(
          entry,
          standing.find((s) => s.id === entry.fast),
          mainKey,
        ),
      ),
    );
  });
  const added = inserts.length;
  const missing = standing.filter((s) => !entries.some((e) => e.fast === s.id));
  if (missing.length > 0) inserts.push(newItems(text, doc, isSeq(seq) ? seq : undefined, lines, missing, mainKey));
  if (inserts.length === 0) return undefined;
  const yaml = inserts
    .map((insert, order) => ({ ...insert, order }))
    .sort((a, b) => b.at - a.at || b.order - a.order)
    .reduce((out, insert) => out.slice(0, insert.at) + insert.text + out.slice(insert.at), text);
  assertDrafted(yaml, entries.length + missing.length);
  return { yaml, added: added + missing.length };
}

/** `beslutning: ...` as a line of the block that ends at `end`. */
function keyAt(text: string, end: number, indent: number, decision: string): { at: number; text: string } {
  const line = `${' '.repeat(indent)}beslutning: ${yamlScalar(decision, indent + 2)}\n`;
  return after(text, end, line);
}

/** Lines to insert where a block ends, on a line of their own. */
function after(text: string, end: number, lines: string): { at: number; text: string } {
  return text[end - 1] === '\n' ? { at: end, text: lines } : { at: end, text: `\n${lines.trimEnd()}` };
}

/**
 * Entries for the standing items the file leaves out, each with its decision, at the end of
 * `punkter`; under a `punkter:` left empty, or as a new `punkter:` where the file has none.
 */
function newItems(
  text: string,
  doc: Document,
  seq: YAMLSeq | undefined,
  lines: LineCounter,
  missing: StandingItemInput[],
  mainKey: string | undefined,
): { at: number; text: string } {
  const dash = seq?.range ? lines.linePos(seq.range[0]).col - 1 : 2;
  const entries = missing
    .map(
      (s) =>
        `${' '.repeat(dash)}- fast: ${yamlScalar(s.id, dash + 4)}\n${keyAt('\n', 1, dash + 2, draftDecision(undefined, s, mainKey)).text}`,
    )
    .join('');
  if (seq?.range) return after(text, seq.range[1], entries);
  const key = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'punkter') : undefined;
  if (key && isScalar(key.key) && key.key.range) {
    // `punkter:` with nothing under it: the entries go on the lines after it.
    const lineEnd = text.indexOf('\n', key.key.range[1]);
    return lineEnd === -1 ? after(text, text.length, entries) : { at: lineEnd + 1, text: entries };
  }
  return { at: text.length, text: `${text.endsWith('\n') || text === '' ? '' : '\n'}punkter:\n${entries}` };
}

/** The draft is written only when it reads back as it should: every entry one decision, no YAML error. */
function assertDrafted(yaml: string, items: number): void {
  const doc = parseDocument(yaml, { schema: 'failsafe', uniqueKeys: true });
  const seq = doc.get('punkter', true);
  const decided = isSeq(seq) && seq.items.length === items && seq.items.every((item) => isMap(item) && item.has('beslutning'));
  if (doc.errors.length > 0 || !decided)
    throw new UsageError('this meeting file is written in a shape agenda minutes cannot add the decisions to: add each beslutning by hand');
}

/** Nothing closed is copied into the decision, which is open: closed texts and timetable rows are left out. */
function draftDecision(entry: ItemInput | undefined, standing: StandingItemInput | undefined, mainKey: string | undefined): string {
  const own = mainKey === undefined ? undefined : entry?.afsnit[mainKey];
  if (standing?.politisk_kalender && own && !own.lukket) return own.tekst;
  const open = (entry?.tidsplan ?? []).filter((slot) => !slot.lukket);
  if (open.length > 0) return open.map((slot) => `- ${firstLine(slot.punkt)} ${placeholder}`).join('\n');
  return placeholder;
}

// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split() returns at least one string
const firstLine = (text: string) => text.trim().split('\n')[0]!.trim();
