import { diffWordsWithSpace } from 'diff';
import type { DocumentVersion, VersionItem, VersionSubItem } from './versions.js';

// What changed between two versions of a meeting's document, item by item, in the order of the
// newer one: items added, removed, moved or retitled, words of a section added and removed (jsdiff,
// word by word), attachments added, removed or replaced (another file: another SHA-256).

/** A run of text: kept, or added or removed in the newer version. */
export interface TextPart {
  text: string;
  added?: true;
  removed?: true;
}

/** `lukket`: the item is closed, so its title is for the members only (a mail names it by its public title). */
type Of = { number: number; title: string; lukket?: true };

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
  | ({ type: 'addition-added' | 'addition-removed' | 'addition-changed'; date: string; parts: TextPart[] } & Of);

/** A sub-item by its letter and title; `subLukket`: closed, its title for the members only. */
type Sub = { letter: string; subTitle: string; subLukket?: true };

type Attachment = VersionItem['bilag'][number];

/** A closed attachment's number alone ("2.1"), which is all a mail may name it by: its title is closed. */
type Closed = { number: string };

/** Every change from `before` to `after`; none where they read the same. */
export function compareVersions(before: DocumentVersion, after: DocumentVersion): Change[] {
  const pairs = pairItems(before.items, after.items);
  const moved = movedItems(pairs.flatMap(({ old, now }) => (old && now ? [before.items.indexOf(old)] : [])));
  const changes: Change[] = [];
  let kept = 0;
  for (const { old, now } of pairs) {
    if (!old && now) changes.push({ type: 'item-added', ...of(now) });
    else if (old && !now) changes.push({ type: 'item-removed', ...of(old) });
    else if (old && now) changes.push(...itemChanges(old, now, moved.has(kept++)));
  }
  return changes;
}

/**
 * The earlier public version as the public may read it now: what the clerk has closed since (an
 * item, a section, a paragraph or timetable row of one, an attachment) is left out of it as it is of
 * the public version now, so that a public diff never quotes it as removed. Each earlier item is
 * paired with the members' version now (`members`), whose items are the public version's (`open`)
 * one for one: a closed item keeps its title, which the public one no longer shows.
 */
export function openSince(earlier: DocumentVersion, members: DocumentVersion, open: DocumentVersion): DocumentVersion {
  const publicOf = new Map(members.items.map((item, i) => [item, open.items[i]]));
  const pairs = pairItems(earlier.items, members.items);
  const earlierOpen = (old: VersionItem, now: VersionItem | undefined): VersionItem => {
    const seen = now && publicOf.get(now);
    return now && seen ? leftOpen(old, now, seen) : old;
  };
  const items = earlier.items.map((old) => earlierOpen(old, pairs.find((p) => p.old === old)?.now));
  return { ...earlier, items };
}

/** An earlier item without what is closed now: all of it but its number where the item is closed now. */
function leftOpen(old: VersionItem, members: VersionItem, open: VersionItem): VersionItem {
  // Closed then too, the earlier public version already reads as a closed item reads (public.ts closedItem).
  if (open.lukket && old.lukket) return old;
  if (open.lukket)
    return {
      number: old.number,
      title: open.title,
      lukket: true,
      sections: [],
      // Its attachments and sub-items by their places, as the public reads a closed item's now.
      bilag: old.bilag.map((b) => ({ number: b.number, ...(b.subItem ? { subItem: b.subItem } : {}), lukket: true })),
      ...(old.subItems ? { subItems: old.subItems.flatMap((s) => (open.subItems ?? []).filter((o) => o.letter === s.letter)) } : {}),
    };
  const sections = old.sections.flatMap((section) => {
    const membersText = members.sections.find((s) => s.heading === section.heading)?.text;
    const openText = open.sections.find((s) => s.heading === section.heading)?.text;
    if (membersText === undefined || membersText === openText) return [section];
    if (openText === undefined) return [];
    // Paragraphs and timetable rows the members read now and the public does not are closed now.
    const closed = new Set(blocks(membersText).filter((b) => !blocks(openText).includes(b)));
    const text = blocks(section.text)
      .filter((b) => !closed.has(b))
      .join('\n\n');
    return text === '' ? [] : [{ ...section, text }];
  });
  const same = (b: Attachment) => (o: Attachment) => o.number === b.number && o.subItem === b.subItem;
  const closedNow = (b: Attachment) => open.bilag.find(same(b))?.title === undefined && members.bilag.some(same(b));
  const bilag = old.bilag.map((b) => (closedNow(b) ? { number: b.number, ...(b.subItem ? { subItem: b.subItem } : {}) } : b));
  // A sub-item closed since reads now as the public reads it (its public title, no text): the earlier must not quote it.
  const subClosedNow = (letter: string) => members.subItems?.find((s) => s.letter === letter)?.lukket === true;
  const subItems = old.subItems?.flatMap((s) =>
    subClosedNow(s.letter) ? (open.subItems ?? []).filter((o) => o.letter === s.letter) : [s],
  );
  return { ...old, sections, bilag, ...(subItems ? { subItems } : {}) };
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
 * yet taken, as closed items may share the public one), else the same number; what is left over
 * was added or removed. The removed come after the rest, at their old numbers.
 */
function pairItems(before: VersionItem[], after: VersionItem[]): Array<{ old?: VersionItem; now?: VersionItem }> {
  const left = new Set(before);
  const take = (found: VersionItem | undefined) => (found && left.delete(found) ? found : undefined);
  const old = after.map((now) => take(before.find((o) => left.has(o) && o.title === now.title)));
  after.forEach((now, i) => (old[i] ??= take(before.find((o) => left.has(o) && o.number === now.number))));
  return [...after.map((now, i) => ({ old: old[i], now })), ...[...left].map((o) => ({ old: o }))];
}

function of({ number, title, lukket }: VersionItem): Of {
  return { number, title, ...(lukket ? { lukket } : {}) };
}

function itemChanges(old: VersionItem, now: VersionItem, moved: boolean): Change[] {
  const item = of(now);
  const { title } = now;
  const changes: Change[] = [];
  if (moved) changes.push({ type: 'item-moved', from: old.number, ...item });
  if (old.title !== title) changes.push({ type: 'title-changed', ...item, parts: wordChanges(old.title, title) });
  changes.push(
    ...sectionChanges(old.sections, now.sections, (heading, parts): Change => ({ type: 'text-changed', ...item, heading, parts })),
  );
  return [...changes, ...subItemChanges(old, now), ...additionChanges(old, now), ...attachmentChanges(old, now)];
}

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
 * number moves when one is added before): the same sub-item and file, else title, else number.
 */
function attachmentChanges(old: VersionItem, now: VersionItem): Change[] {
  const item = of(now);
  const name = (number: number, b: Attachment, was?: Attachment) => {
    const ref = `${number}${b.subItem ?? ''}.${b.number}`;
    return { attachment: `${ref}${b.title ? ` ${b.title}` : ''}`, ...(b.lukket || was?.lukket ? { closed: { number: ref } } : {}) };
  };
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
  const changes: Change[] = [];
  for (const b of now.bilag) {
    const was = pairs.get(b);
    if (!was) changes.push({ type: 'attachment-added', ...item, ...name(now.number, b) });
    else if (was.sha256 !== b.sha256) changes.push({ type: 'attachment-replaced', ...item, ...name(now.number, b, was) });
  }
  for (const b of left) changes.push({ type: 'attachment-removed', ...item, ...name(old.number, b) });
  return changes;
}
