// A file composed of every meeting (a list of meetings, a calendar feed) is joined of parts, each made
// of one meeting (or event) alone and named by a key of what it is made from. A republish takes the
// part of each meeting that did not change as the last publication wrote it (pipeline/publish-parts.ts)
// and makes only the others, so one meeting changed composes one meeting's parts, not the archive's;
// a file of the very parts it had is kept unread. The parts are cut where a fresh publication's bytes
// put them, so the joined file is byte for byte the one a fresh publication writes.

/** The parts of the files the last publication composed of parts, as it wrote them. */
export interface EarlierParts {
  /**
   * The part of `file` made from `key`, as the last publication wrote it there; none where it has none.
   * `split`: the parts of the file's text, where it is of `count` parts as its format joins them.
   */
  part: (file: string, key: string, split: (text: string, count: number) => string[] | undefined) => string | undefined;
  /**
   * Whether the site has `file` of exactly these parts, in this order, in the same text around them
   * (`frame`: its SHA-256; a title or address of the site there changes it), as written: it is kept unread.
   */
  whole: (file: string, keys: string[], frame: string) => boolean;
  /** Told of each file composed of parts: its parts' keys in order and its frame's SHA-256, for the next publication. */
  made: (file: string, keys: string[], frame: string) => void;
}

import { sha256 } from './state.js';

/** The files being composed (site.ts's SiteFiles): where a file made of parts is set. */
type SiteFiles = { set: (file: string, text: string | Pieces) => unknown };

/**
 * A text given as its pieces, each made as it is taken: a file joined of parts is written piece by
 * piece (StagedFiles), never made one string. A list of a year's meetings was its parts and the string
 * joined of them at once, in V8's heap until its next full collection: some 2.5 MB of text at 80
 * meetings a year, 12 MB at 400 (4,000 meetings), each held twice (a character of two bytes where any is).
 */
export class Pieces {
  constructor(readonly each: () => Iterable<string>) {}
}

/** No earlier parts (a first publication): every part is made. */
export const noEarlierParts: EarlierParts = { part: () => undefined, whole: () => false, made: () => undefined };

/** One part of a file: what it is made from, and how it is made where the site has it not. */
export interface Part {
  key: string;
  make: () => string;
}

/** How a format joins parts (the text around `count` of them), and the parts of a file it joined of `count`; none where it is not so. */
export interface PartsFormat {
  frame: (count: number) => Frame;
  split: (text: string, count: number) => string[] | undefined;
}

/**
 * Sets `file` joined of `parts` as `format` joins them, each as the last publication wrote it where it
 * has it, else made; nothing where the site has the file of these very parts (kept unread).
 */
export function setOfParts(files: SiteFiles, earlier: EarlierParts, file: string, parts: Part[], format: PartsFormat): void {
  const keys = parts.map((p) => p.key);
  const frame = format.frame(keys.length);
  const frameKey = sha256(JSON.stringify(frame));
  earlier.made(file, keys, frameKey);
  if (earlier.whole(file, keys, frameKey)) return;
  const texts = function* () {
    for (const p of parts) yield earlier.part(file, p.key, format.split) ?? p.make();
  };
  files.set(file, new Pieces(() => joined(frame, texts())));
}

/** A file made whole of what `part.key` names: kept unread where the site has it from the same. */
export function setWhole(files: SiteFiles, earlier: EarlierParts, file: string, part: Part): void {
  // Its key is all it is made from: no text around it.
  earlier.made(file, [part.key], '');
  if (!earlier.whole(file, [part.key], '')) files.set(file, part.make());
}

/** The text of a file around its parts: `head` before the first, `between[i]` after part i (the last: the file's end). */
export interface Frame {
  head: string;
  between: string[];
}

/** The frame of `skeleton`, a file composed with `marker` (as its format writes it) in the place of each of its `count` parts. */
export function frameOf(skeleton: string, marker: string, count: number): Frame {
  const [head = '', ...between] = skeleton.split(marker);
  if (between.length !== count) throw new Error(`${marker} is in the text around the parts, not only in their places`);
  return { head, between };
}

/** The file of `parts` in `frame`, a piece a part (with the text after it). */
function* joined(frame: Frame, parts: Iterable<string>): Generator<string> {
  yield frame.head;
  let i = 0;
  for (const part of parts) yield part + (frame.between[i++] ?? '');
}

/**
 * The parts of `text`, a file joined in `frame` of parts that each begin with `first` (which no line
 * within a part begins with, after the separator); none where it is not so.
 */
export function partsIn(text: string, frame: Frame, first: string): string[] | undefined {
  const { head, between } = frame;
  const tail = between.at(-1);
  if (tail === undefined) return text === head ? [] : undefined;
  if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return undefined;
  const middle = text.slice(head.length, text.length - tail.length);
  const [separator] = between;
  const parts = between.length === 1 ? [middle] : middle.split(`${separator}${first}`).map((p, i) => (i === 0 ? p : first + p));
  return parts.length === between.length && parts.every((p) => p.startsWith(first)) ? parts : undefined;
}
