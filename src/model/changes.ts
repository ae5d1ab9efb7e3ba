import { isDeepStrictEqual } from 'node:util';
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DocumentVersion, Printed, VersionItem, VersionStep, VersionSubItem } from './versions.js';

// What changed between two versions of a meeting's document, item by item, in the order of the
// newer one: items added, removed, moved or retitled, words of a section added and removed (jsdiff,
// word by word), the case history shown, attachments added, removed or replaced (another file:
// another SHA-256).

/** A run of text: kept, or added or removed in the newer version. */
export interface TextPart {
  text: string;
  added?: true;
  removed?: true;
  /** Removed words not quoted, as they share a word with a text closed now (withheld()): its text is `…`. */
  withheld?: true;
}

/**
 * `lukket`: the item is closed, so its title is for the members only (a mail names it by its public title);
 * `withheld`: the earlier title a removal names is not quoted (withheld()): an item's or a sub-item's title is
 * `…`, an attachment is named by its number alone.
 */
type Of = { number: number; title: string; lukket?: true; withheld?: true };

export type Change =
  | ({ type: 'item-added' } & Of)
  | ({ type: 'item-removed' } & Of)
  | ({ type: 'item-moved'; from: number } & Of)
  | ({ type: 'title-changed'; parts: TextPart[] } & Of)
  | ({ type: 'text-changed'; heading: string; parts: TextPart[] } & Of)
  | ({ type: 'attachment-added' | 'attachment-removed' | 'attachment-replaced'; attachment: string; closed?: Closed } & Of)
  | ({ type: 'sub-item-added' | 'sub-item-removed' } & Of & Sub)
  | ({ type: 'sub-item-retitled'; parts: TextPart[] } & Of & Sub)
  | ({ type: 'sub-item-text-changed'; heading: string; parts: TextPart[] } & Of & Sub)
  | ({ type: 'addition-added' | 'addition-removed' | 'addition-changed'; date: string; parts: TextPart[] } & Of)
  | ({ type: 'history-added' | 'history-removed' | 'history-changed'; step: Step; parts?: TextPart[] } & Of)
  | { type: 'front-changed'; heading: string; parts: TextPart[] };

/** A change of an item (or of something in it): all but the front page's. */
export type ItemChange = Exclude<Change, { type: 'front-changed' }>;

/** An earlier meeting of the case's history by committee and day; `lukket`: some of it was closed there, so a mail does not name it. */
type Step = { committee: string; date: string; lukket?: true };

/** A sub-item by its letter and title; `subLukket`: closed, its title for the members only. */
type Sub = { letter: string; subTitle: string; subLukket?: true };

type Attachment = VersionItem['bilag'][number];

/** A closed attachment's number alone ("2.1"), which is all a mail may name it by: its title is closed. */
type Closed = { number: string };

/** Every change from `before` to `after`; none where they read the same. */
export function compareVersions(before: DocumentVersion, after: DocumentVersion): Change[] {
  const pairs = pairItems(before.items, after.items);
  const moved = movedItems(pairs.flatMap(({ old, now }) => (old && now ? [before.items.indexOf(old)] : [])));
  // A version kept before the case history was recorded tells nothing of it: not compared, rather than all of it told as added.
  const withHistory = Boolean(before.caseHistory && after.caseHistory);
  // So too of the record (vote, protokoltilførsel, inhabil, fraværende): agenda 0.3.1 and earlier kept none.
  const withRecord = Boolean(before.records && after.records);
  // And of the front page and what items print besides their sections: agenda 0.3.1 and earlier kept neither.
  const withPrinted = Boolean(before.front && after.front);
  const changes: Change[] = withPrinted
    ? sectionChanges(before.front ?? [], after.front ?? [], (heading, parts): Change => ({ type: 'front-changed', heading, parts }))
    : [];
  // What only the minutes print is no change where an agenda is compared with its minutes: the kind changed.
  const printed = (item: VersionItem) => (item.printed ?? []).filter((p) => before.kind === after.kind || !p.minutes);
  const kept = {
    withHistory,
    withRecord,
    printed: withPrinted ? printed : undefined,
    // The attachments' numbers were kept apart from the printed blocks later still: compared where both keep them.
    bilagHeading: withPrinted && before.bilagHeading !== undefined ? after.bilagHeading : undefined,
  };
  let place = 0;
  for (const { old, now } of pairs) {
    if (!old && now) changes.push({ type: 'item-added', ...of(now) });
    else if (old && !now) changes.push({ type: 'item-removed', ...of(old) });
    else if (old && now) changes.push(...itemChanges(old, now, moved.has(place++), kept));
  }
  return changes;
}

/** What is closed now, for a public diff: the meeting's versions now, the members' and the public's, and closedWords. */
export interface ClosedNow {
  medlemmer: DocumentVersion;
  offentlig: DocumentVersion;
  words: Set<string>;
}

/**
 * The public diff: what changed from the earlier public version (`earlier`) to the public version now,
 * with nothing of what is closed now quoted, by two rules: what the clerk has closed since is left out
 * of the earlier version (openSince), and what the changes quote of the earlier version shares no word
 * with a text closed now (withheld).
 */
export function publicChanges(earlier: DocumentVersion, now: DocumentVersion, closed: ClosedNow): Change[] {
  return withheld(compareVersions(openSince(earlier, closed.medlemmer, closed.offentlig), now), closed.words);
}

/**
 * The earlier public version as the public may read it now: what the clerk has closed since, wherever
 * it stands (an item, a sub-item, a section of either, a paragraph or timetable row, an attachment, an
 * addition, a decision), is left out of it as public.ts leaves it out of the public version now, so
 * that a public diff never quotes it as removed or changed. Each earlier item is paired with the
 * members' version now (`members`), whose items are the public version's (`open`) one for one: one the
 * public read then as it reads it now (closed then as now, or untouched), else by its title, and by its number only where no item closed now is left unpaired. Where one is (retitled as
 * it was closed), any earlier item left could be it, so none is quoted: each stands as such an item
 * reads to the public now, in order, and those left over are left out.
 */
function openSince(earlier: DocumentVersion, members: DocumentVersion, open: DocumentVersion): DocumentVersion {
  const publicOf = new Map(members.items.map((item, i) => [item, open.items[i]]));
  const readAlike = (old: VersionItem, now: VersionItem) => isDeepStrictEqual({ ...old, number: 0 }, { ...publicOf.get(now), number: 0 });
  const byTitle = pairBy(earlier.items, members.items, [readAlike, same('title')]);
  const taken = new Set(byTitle.values());
  const closedLeft = members.items.filter((m) => m.lukket && !taken.has(m));
  const pairs = closedLeft.length > 0 ? byTitle : pairBy(earlier.items, members.items, [readAlike, same('title'), same('number')]);
  const items = earlier.items.flatMap((old): VersionItem[] => {
    const now = pairs.get(old);
    const seen = now && publicOf.get(now);
    // By its earlier number still, which tells where it moved from.
    if (now && seen) return [{ ...openNow(old, now, seen), number: old.number }];
    if (closedLeft.length === 0) return [old];
    const closed = closedLeft.shift();
    const read = closed && publicOf.get(closed);
    return read ? [{ ...read, number: old.number }] : [];
  });
  return { ...earlier, items };
}

/**
 * The words of every text closed now, lower case: each paragraph of any text of the members'
 * items (`members`, with all they hold: titles, sections, decisions, votes, protokoltilførsler, case
 * numbers, attachments' titles, sub-items, additions, plan points) that the public's (`open`) read
 * nowhere. A closed paragraph the public reads elsewhere word for word is no secret; an attachment's
 * file name is no text either version reads.
 */
export function closedWords(members: Items, open: Items): Set<string> {
  const read = new Set(texts(open.items).flatMap(blocks));
  return new Set(
    texts(members.items)
      .flatMap(blocks)
      .flatMap((b) => (read.has(b) ? [] : wordsOf(b))),
  );
}

/** A meeting, or a version of one: its items are walked whatever they hold. */
type Items = { items: readonly object[] };

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  return isRecord(value) ? Object.entries(value).flatMap(([key, v]) => (key === 'file' ? [] : texts(v))) : [];
}

/**
 * A text's words as compared, not as quoted: NFKC (a Mac's decomposed "å" and a ligature "ﬂ" read as typed
 * composed), without code points that print nothing (a soft hyphen, a zero-width space: "Ka\u00adren" is "karen"),
 * lower case; runs of letters and digits, the apostrophes that Unicode counts as letters parting them as "'" does
 * (a genitive "Boʼs" is Bo's).
 */
const wordsOf = (text: string) =>
  text
    .normalize('NFKC')
    .replace(IGNORED, '')
    .replace(APOSTROPHE_LETTERS, "'")
    .toLocaleLowerCase('da')
    .normalize('NFKC')
    .match(/[\p{L}\p{N}]+/gu) ?? [];

const IGNORED = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Modifier letters (ʹ ʻ ʼ ˈ ʽ …) and the saltillo (ꞌ Ꞌ), which autocorrect and keyboards write as an apostrophe and
 * NFKC leaves letters: no Danish word holds one.
 */
const APOSTROPHE_LETTERS = /[\p{Lm}\ua78b\ua78c]/gu;

/** A word's beginnings of three letters or more, itself the last. */
const beginnings = (word: string) => Array.from({ length: Math.max(0, word.length - 2) }, (_, i) => word.slice(0, i + 3));

/** A word's parts of `least` letters or more, wherever they stand in it. */
const inner = (word: string, least: number) =>
  Array.from({ length: Math.max(0, word.length - least + 1) }, (_, i) =>
    Array.from({ length: word.length - least - i + 1 }, (_, j) => word.slice(i, i + least + j)),
  ).flat();

/** A word less an ending of up to two letters, at least three letters kept (Oles, ansættes: ole, ansætt); none of a shorter word. */
const stemOf = (word: string) => (word.length < 3 ? undefined : word.slice(0, Math.max(3, word.length - 2)));

/**
 * The least stem found inside a word (the end of a Danish compound: afskedigelse in lærerafskedigelsen): a shorter
 * one would be found in too many words.
 */
const INNER_STEM = 4;

/** A word too short to have a stem (Bo) as its genitive and plural have it: Bos, Bos', Boer, Boerne. */
const SHORT_ENDINGS = ['s', 'e', 'es', 'er', 'ers', 'erne', 'ernes', 'ene', 'enes'];

/** What the public diff shows in place of words of the earlier version that it does not quote. */
const WITHHELD = '…';

/**
 * The one rule for the words of an earlier version that a change quotes where the public may read it (the
 * public diff, a mail): words removed, the title of an item, sub-item or attachment removed. A run of them
 * that shares a word with a text closed now (`closed`, closedWords) is not quoted: words removed show as `…`, a
 * title as `…`, an attachment by its number alone. Words are compared as wordsOf reads them (a decomposed "å", a
 * soft hyphen, a ligature do not tell them apart), and a word shares one where it is one, or an inflection or compound
 * of one: the one's stem (less an ending of up to two letters, three letters kept) begins it or its stem begins the
 * one (Ole, Oles; ansættes, ansættelse), a stem of four letters or more stands anywhere within it (afskedigelse,
 * lærerafskedigelsen), or the one is too short for a stem and it is the one's genitive or plural (Bo, Bos). One word
 * is enough, however common: what was moved into a closed item may have been reworded on the way, or told word by word
 * in several runs, and a word cannot tell moved from removed, so the doubt withholds. A run is judged with the rest of
 * the words it cuts (a word the diff split, at a combining mark say), as the earlier text reads them.
 */
export function withheld(changes: Change[], closed: Set<string>): Change[] {
  // Each closed word's beginnings, stems and short forms, so that a word is looked up, not compared with each.
  const begun = new Set([...closed].flatMap(beginnings));
  const stems = new Set([...closed].flatMap((c) => stemOf(c) ?? []));
  const forms = new Set([...closed].flatMap((c) => (c.length < 3 ? SHORT_ENDINGS.map((e) => c + e) : [])));
  const shares = (w: string) => {
    if (closed.has(w) || forms.has(w)) return true;
    const stem = stemOf(w);
    return stem !== undefined && (begun.has(stem) || [...beginnings(w), ...inner(w, INNER_STEM)].some((b) => stems.has(b)));
  };
  const secret = (text: string) => wordsOf(text).some(shares);
  // The run's spaces kept: "…" stands where its words stood, not glued to the next.
  const hidden = (text: string) => `${/^\s*/.exec(text)?.[0] ?? ''}${WITHHELD}${/\s*$/.exec(text)?.[0] ?? ''}`;
  const parts = (list: TextPart[]) => {
    // The earlier text's parts: what stands either side of a run removed there, for the words it cuts.
    const was = list.filter((p) => !p.added);
    return list.map((p): TextPart => {
      if (!p.removed) return p;
      const i = was.indexOf(p);
      const before = /^\S/.test(p.text) ? /\S*$/.exec(was[i - 1]?.text ?? '')?.[0] : '';
      const after = /\S$/.test(p.text) ? /^\S*/.exec(was[i + 1]?.text ?? '')?.[0] : '';
      return secret(`${before ?? ''}${p.text}${after ?? ''}`) ? { text: hidden(p.text), removed: true, withheld: true } : p;
    });
  };
  return changes.map((change): Change => {
    if (change.type === 'item-removed' && secret(change.title)) return { ...change, title: WITHHELD, withheld: true };
    if (change.type === 'sub-item-removed' && secret(change.subTitle)) return { ...change, subTitle: WITHHELD, withheld: true };
    if (change.type === 'attachment-removed') {
      const [number = '', ...title] = change.attachment.split(' ');
      if (secret(title.join(' '))) return { ...change, attachment: number, withheld: true };
    }
    return 'parts' in change && change.parts ? { ...change, parts: parts(change.parts) } : change;
  });
}

/**
 * One rule for every place of an item: where the members' version now reads as the public one (`open`),
 * nothing is closed there and the earlier (`was`) stands; where not, what the public no longer reads
 * is closed, and the earlier loses it too: a thing read closed now (lukket) reads as the public reads
 * it now (unless it was closed then too: the earlier public version then already read it so), a field
 * or a list's member the public lacks is dropped, a text partly closed keeps only what the public reads.
 */
function openNow<T>(was: T, members: T, open: T): T;
function openNow(was: unknown, members: unknown, open: unknown): unknown {
  if (isDeepStrictEqual(members, open)) return was;
  if (isRecord(open) && open['lukket'] === true) return isRecord(was) && was['lukket'] === true ? was : open;
  if (typeof was === 'string' && typeof members === 'string' && typeof open === 'string') return openText(was, members, open);
  if (Array.isArray(was) && Array.isArray(members) && Array.isArray(open)) return openList(was, members, open);
  if (!isRecord(was) || !isRecord(members) || !isRecord(open)) return open;
  const fields = Object.entries(was).flatMap(([key, value]): Array<[string, unknown]> => {
    if (!(key in members)) return [[key, value]];
    return key in open ? [[key, openNow(value, members[key], open[key])]] : [];
  });
  return Object.fromEntries(fields);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A list's members paired as compareVersions pairs them, each earlier one with the members' one now
 * (one the public read then as it reads that one now: closed then as now, or untouched; else the
 * same file, else title, else a case history's meeting by committee and day, else place: a
 * section's heading, a sub-item's letter, an attachment's sub-item and number, an addition's day),
 * and that with the public one now (the same, else of the same place): one the public lacks now is
 * closed. By place only where every member now that is not
 * as the public reads it (closed, or holding something closed) was found by what it is: else an earlier
 * one could stand where one closed since was put before it (or be that one, retitled as it was
 * closed), and be quoted as what changed; an earlier one not found by what it is is then left out.
 */
function openList(was: unknown[], members: unknown[], open: unknown[]): unknown[] {
  const openOf = pairBy(members, open, [isDeepStrictEqual, samePlace]);
  const readAlike: Same = (w, m) => openOf.has(m) && isDeepStrictEqual(w, openOf.get(m));
  const byWhat = pairBy(was, members, [readAlike, same('file'), same('title'), same('heading'), sameMeeting]);
  const found = new Set(byWhat.values());
  const unsure = members.some((m) => !found.has(m) && !isDeepStrictEqual(m, openOf.get(m)));
  const nowOf = unsure ? byWhat : pairBy(was, members, [readAlike, same('file'), same('title'), sameMeeting, samePlace]);
  return was.flatMap((w) => {
    const m = nowOf.get(w);
    if (m === undefined) return unsure ? [] : [w];
    const o = openOf.get(m);
    return o === undefined ? [] : [openNow(w, m, o)];
  });
}

type Same = (a: unknown, b: unknown) => boolean;

const same =
  (key: string): Same =>
  (a, b) =>
    isRecord(a) && isRecord(b) && a[key] !== undefined && a[key] === b[key];

const place = (value: unknown) => (isRecord(value) ? ['heading', 'letter', 'subItem', 'number', 'date'].map((k) => value[k]) : []);
const samePlace: Same = (a, b) => isRecord(a) && isDeepStrictEqual(place(a), place(b));

/** Each of `from` with the first of `to` not yet taken that is the same by the first of `ways` that finds one. */
function pairBy<A, B>(from: A[], to: B[], ways: Array<(a: A, b: B) => boolean>): Map<A, B> {
  const left = new Set(to);
  const pairs = new Map<A, B>();
  for (const way of ways)
    for (const a of from.filter((f) => !pairs.has(f))) {
      const found = [...left].find((b) => way(a, b));
      if (found === undefined) continue;
      pairs.set(a, found);
      left.delete(found);
    }
  return pairs;
}

/**
 * A text partly closed now (a closed text among open ones in a section, a closed timetable row) keeps
 * its earlier blocks (paragraphs, rows) the public reads now, and those in a place where the public
 * reads another open one now (an open text reworded): not one in the place of a closed one (its earlier
 * wording), nor one gone since with nothing in its place (it may have been reworded and moved, closed).
 * A text the public reads otherwise than by leaving blocks out is closed whole: the public's.
 */
function openText(was: string, members: string, open: string): string {
  const [membersBlocks, openBlocks] = [blocks(members), blocks(open)];
  if (!openBlocks.every((b) => membersBlocks.includes(b))) return open;
  const closed = (b: string) => !openBlocks.includes(b);
  const kept: string[] = [];
  let [gone, put]: [string[], string[]] = [[], []];
  const place = () => {
    if (put.length > 0 && !put.some(closed)) kept.push(...gone);
    [gone, put] = [[], []];
  };
  for (const part of diffArrays(blocks(was), membersBlocks)) {
    if (part.removed) gone.push(...part.value);
    else if (part.added) put.push(...part.value);
    else {
      place();
      kept.push(...part.value.filter((b) => !closed(b)));
    }
  }
  place();
  return kept.join('\n\n');
}

const blocks = (text: string) => text.split('\n\n');

/**
 * Which of the items kept (their old places, in their new order) moved: those outside the longest
 * run that kept its order. An item renumbered because one was added or removed before it did not move.
 */
function movedItems(oldPlaces: number[]): Set<number> {
  const longest = oldPlaces.map(() => 1);
  const previous = oldPlaces.map(() => -1);
  oldPlaces.forEach((place, i) => {
    for (let j = 0; j < i; j++) {
      const through = longest[j] ?? 0;
      if ((oldPlaces[j] ?? 0) < place && through + 1 > (longest[i] ?? 0)) [longest[i], previous[i]] = [through + 1, j];
    }
  });
  const inOrder = new Set<number>();
  for (let i = longest.indexOf(Math.max(0, ...longest)); i >= 0; i = previous[i] ?? -1) inOrder.add(i);
  return new Set(oldPlaces.flatMap((_, i) => (inOrder.has(i) ? [] : [i])));
}

/**
 * Each item of the newer version with the one it was in the older: the same title (the first not
 * yet taken, as closed items may share the public one), else a section of the same heading and text
 * (an item retitled, its text kept: not the new item that took its number), else the same number; what
 * is left over was added or removed. The removed come after the rest, at their old numbers.
 */
function pairItems(before: VersionItem[], after: VersionItem[]): Array<{ old?: VersionItem; now?: VersionItem }> {
  const oldOf = pairBy(after, before, [same('title'), sameSection, same('number')]);
  const taken = new Set(oldOf.values());
  return [...after.map((now) => ({ old: oldOf.get(now), now })), ...before.filter((o) => !taken.has(o)).map((o) => ({ old: o }))];
}

const sameSection: Same = (a, b) =>
  isVersionItem(a) && isVersionItem(b) && a.sections.some((s) => s.text !== '' && b.sections.some((t) => isDeepStrictEqual(s, t)));

const isVersionItem = (value: unknown): value is VersionItem => isRecord(value) && Array.isArray(value['sections']);

function of({ number, title, lukket }: VersionItem): Of {
  return { number, title, ...(lukket ? { lukket } : {}) };
}

function itemChanges(
  old: VersionItem,
  now: VersionItem,
  moved: boolean,
  kept: { withHistory: boolean; withRecord: boolean; printed?: (item: VersionItem) => Printed[]; bilagHeading?: string | undefined },
): Change[] {
  const item = of(now);
  const { title } = now;
  const changes: Change[] = [];
  if (moved) changes.push({ type: 'item-moved', from: old.number, ...item });
  if (old.title !== title) changes.push({ type: 'title-changed', ...item, parts: wordChanges(old.title, title) });
  const textChanged = (heading: string, parts: TextPart[]): Change => ({ type: 'text-changed', ...item, heading, parts });
  changes.push(...sectionChanges(old.sections, now.sections, textChanged));
  // The record is a text of its own under the decision's heading: its lines as the document prints them.
  if (kept.withRecord) changes.push(...sectionChanges(recordOf(old), recordOf(now), textChanged));
  // What it prints besides (its numbers, the forward plan, the political meetings), each a text of its own by its heading.
  if (kept.printed) changes.push(...sectionChanges(byHeading(kept.printed(old)), byHeading(kept.printed(now)), textChanged));
  if (kept.withHistory) changes.push(...historyChanges(old, now));
  const attachments = pairAttachments(old, now);
  const numbers =
    kept.bilagHeading === undefined ? [] : numberChanges(now, attachments, (parts) => textChanged(kept.bilagHeading ?? '', parts));
  return [...changes, ...numbers, ...subItemChanges(old, now), ...additionChanges(old, now), ...attachmentChanges(old, now, attachments)];
}

/** Blocks of one heading (a part the minutes alone print beside one both print) as one text, as the document prints them. */
function byHeading(parts: Printed[]): Printed[] {
  const headings = [...new Set(parts.map((p) => p.heading))];
  return headings.map((heading) => ({
    heading,
    text: parts
      .filter((p) => p.heading === heading)
      .map((p) => p.text)
      .join('\n\n'),
  }));
}

const recordOf = ({ record }: VersionItem) => (record ? [record] : []);

/**
 * The case history's meetings paired by committee and day (in order, where one took up the case twice): one more,
 * one fewer, or shown otherwise (its number there, its decision, closed or opened since). A decision's words only
 * where it is open on both sides: a closed one reads as the house's words for it, and its text is not the reader's.
 */
function historyChanges(old: VersionItem, now: VersionItem): Change[] {
  const item = of(now);
  const [was, is] = [old.history ?? [], now.history ?? []];
  const oldOf = pairBy(is, was, [sameMeeting]);
  const taken = new Set(oldOf.values());
  const change = (type: 'history-added' | 'history-removed' | 'history-changed', before?: VersionStep, after?: VersionStep): Change => {
    const shown = after ?? before;
    const lukket = Boolean(before?.lukket || after?.lukket);
    const decided = before?.decision !== undefined || after?.decision !== undefined;
    return {
      type,
      ...item,
      step: { committee: shown?.committee ?? '', date: shown?.date ?? '', ...(lukket ? { lukket } : {}) },
      ...(decided && !lukket ? { parts: wordChanges(before?.decision ?? '', after?.decision ?? '') } : {}),
    };
  };
  return [
    ...is.flatMap((n) => {
      const o = oldOf.get(n);
      if (!o) return [change('history-added', undefined, n)];
      return isDeepStrictEqual(o, n) ? [] : [change('history-changed', o, n)];
    }),
    ...was.filter((o) => !taken.has(o)).map((o) => change('history-removed', o)),
  ];
}

/** The same earlier meeting of a case's history: its committee and day. */
const sameMeeting: Same = (a, b) =>
  isRecord(a) && isRecord(b) && a['committee'] !== undefined && a['committee'] === b['committee'] && a['date'] === b['date'];

/** Each section's words changed, by its heading. */
function sectionChanges<C>(
  was: VersionItem['sections'],
  is: VersionItem['sections'],
  change: (heading: string, parts: TextPart[]) => C,
): C[] {
  const headings = [...new Set([...is, ...was].map((s) => s.heading))];
  return headings.flatMap((heading) => {
    const before = was.find((s) => s.heading === heading)?.text ?? '';
    const after = is.find((s) => s.heading === heading)?.text ?? '';
    return before === after ? [] : [change(heading, wordChanges(before, after))];
  });
}

/** Sub-items paired by their title, else their letter: added, removed, retitled, their sections' words changed. */
function subItemChanges(old: VersionItem, now: VersionItem): Change[] {
  const item = of(now);
  // A sub-item of a closed item is closed with it, as the public model closes it (public.ts closedItem).
  const closed = (lukket: boolean) => now.lukket || old.lukket || lukket;
  const sub = ({ letter, title, lukket }: VersionSubItem): Sub => ({
    letter,
    subTitle: title,
    ...(closed(lukket) ? { subLukket: true } : {}),
  });
  const was = old.subItems ?? [];
  const left = new Set(was);
  const take = (found: VersionSubItem | undefined) => (found && left.delete(found) ? found : undefined);
  const is = now.subItems ?? [];
  const pairs = is.map((n) => take(was.find((o) => left.has(o) && o.title === n.title)));
  is.forEach((n, i) => (pairs[i] ??= take(was.find((o) => left.has(o) && o.letter === n.letter))));
  const changes = is.flatMap((n, i): Change[] => {
    const o = pairs[i];
    if (!o) return [{ type: 'sub-item-added', ...item, ...sub(n) }];
    const retitled: Change[] =
      o.title === n.title ? [] : [{ type: 'sub-item-retitled', ...item, ...sub(n), parts: wordChanges(o.title, n.title) }];
    const text = sectionChanges(o.sections, n.sections, (heading, parts): Change => ({
      type: 'sub-item-text-changed',
      ...item,
      ...sub(n),
      heading,
      parts,
    }));
    return [...retitled, ...text];
  });
  return [...changes, ...[...left].map((o): Change => ({ type: 'sub-item-removed', ...item, ...sub(o) }))];
}

/** Additions to approved minutes by their place: one more, one fewer, or its words changed. */
function additionChanges(old: VersionItem, now: VersionItem): Change[] {
  const item = of(now);
  const [was, is] = [old.additions ?? [], now.additions ?? []];
  return [...Array(Math.max(was.length, is.length)).keys()].flatMap((i): Change[] => {
    const [o, n] = [was[i], is[i]];
    if (n && !o) return [{ type: 'addition-added', ...item, date: n.date, parts: wordChanges('', n.text) }];
    if (o && !n) return [{ type: 'addition-removed', ...item, date: o.date, parts: wordChanges(o.text, '') }];
    if (o && n && (o.text !== n.text || o.date !== n.date))
      return [{ type: 'addition-changed', ...item, date: n.date, parts: wordChanges(o.text, n.text) }];
    return [];
  });
}

/** Word by word, the spaces kept as they stand (so the text reads back whole). */
function wordChanges(was: string, is: string): TextPart[] {
  return diffWordsWithSpace(was, is).map((c) => ({
    text: c.value,
    ...(c.added ? { added: true } : {}),
    ...(c.removed ? { removed: true } : {}),
  }));
}

/**
 * Attachments paired by what they are, not their number (a sub-item's are numbered in it, and a
 * number moves when one is added before): the same sub-item and file, else title, else number. Each
 * attachment now to the one it was, where it was one; the earlier ones left over were removed.
 */
function pairAttachments(old: VersionItem, now: VersionItem): { pairs: Map<Attachment, Attachment>; left: Set<Attachment> } {
  const left = new Set(old.bilag);
  const same = (key: (b: Attachment) => unknown) => (b: Attachment) => (o: Attachment) =>
    left.has(o) && o.subItem === b.subItem && key(b) !== undefined && key(o) === key(b);
  const ways = [same((b) => b.file), same((b) => b.title), same((b) => b.number)];
  // Each way over all of them before the next: a number is the last resort, once files and titles have found theirs.
  const pairs = new Map<Attachment, Attachment>();
  for (const way of ways)
    for (const b of now.bilag.filter((n) => !pairs.has(n))) {
      const was = old.bilag.find(way(b));
      if (!was) continue;
      pairs.set(b, was);
      left.delete(was);
    }
  return { pairs, left };
}

/** An attachment by its number in the item: "2.1", "3a.2". */
const attachmentRef = (item: number, b: Attachment) => `${item}${b.subItem ?? ''}.${b.number}`;

/** Added, removed, or another file (another SHA-256). */
function attachmentChanges(old: VersionItem, now: VersionItem, { pairs, left }: ReturnType<typeof pairAttachments>): Change[] {
  const item = of(now);
  const name = (number: number, b: Attachment, was?: Attachment) => {
    const ref = attachmentRef(number, b);
    return { attachment: `${ref}${b.title ? ` ${b.title}` : ''}`, ...(b.lukket || was?.lukket ? { closed: { number: ref } } : {}) };
  };
  const changes: Change[] = [];
  for (const b of now.bilag) {
    const was = pairs.get(b);
    if (!was) changes.push({ type: 'attachment-added', ...item, ...name(now.number, b) });
    else if (was.sha256 !== b.sha256) changes.push({ type: 'attachment-replaced', ...item, ...name(now.number, b, was) });
  }
  for (const b of left) changes.push({ type: 'attachment-removed', ...item, ...name(old.number, b) });
  return changes;
}

/**
 * The document numbers and closed ones' public notes the attachments' table prints, of the attachments in both
 * versions only (one added or removed is told as such, attachmentChanges), each by its number now (one added before
 * it moved the number, which is no change of it): a text, as the table prints them, where any changed.
 */
function numberChanges(now: VersionItem, { pairs }: ReturnType<typeof pairAttachments>, change: (parts: TextPart[]) => Change): Change[] {
  const text = (side: (now: Attachment, was: Attachment) => Attachment) =>
    now.bilag
      .flatMap((b) => {
        const was = pairs.get(b);
        const said = was ? [side(b, was).document, side(b, was).note].filter(Boolean).join(' ') : '';
        return said ? [`${attachmentRef(now.number, b)} ${said}`] : [];
      })
      .join('\n\n');
  const [was, is] = [text((_, w) => w), text((b) => b)];
  return was === is ? [] : [change(wordChanges(was, is))];
}
