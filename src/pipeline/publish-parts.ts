import { readFileSync } from 'node:fs';
import path from 'node:path';
import { earlierEvents, earlierEventsIn, eventTexts, type FeedSource } from '../publish/ical.js';
import type { EarlierParts } from '../publish/parts.js';
import { linkOnTheWay, ownBytes, unchangedSince, type EarlierPublication } from '../publish/state.js';

// The parts of the files the last publication composed of every meeting (publish/parts.ts): each such
// file's parts' keys, in order, are recorded with the meetings (publish-unread.ts, in the user's cache),
// and the file itself is the text of its parts. Where the records hold and the file is as written
// (unchangedSince), a part of the same key is taken from it, and a file of the same keys is kept unread.

export interface SiteParts extends EarlierParts {
  /** The files kept whole, unread: listed as the last publication listed them. */
  kept: ReadonlySet<string>;
  /** Each file composed of parts now, its parts' keys in order: for the records. */
  recorded: Record<string, string[]>;
  /** The events of the site's calendar feeds, by UID: what their subscribers' calendars hold. */
  events: FeedSource['earlier'];
  /**
   * Lets go of the files read and their parts, once the site is composed (a file asked for after is
   * read again): each part is a slice of its file's text, which V8 keeps whole while the part lives,
   * some 16 MB at 240 meetings (a committee's list of meetings, the changed year's OParl page) held
   * through the search index and the writing.
   */
  release: () => void;
}

/**
 * The parts of the site `earlier` has, by `recorded` (the records' keys of each file's parts; none
 * where the records do not hold). The feeds' events are read from the parts where every feed of the
 * site is recorded and as written (only those of the events that changed); else from every feed, as
 * a first publication reads them.
 */
export async function siteParts(earlier: EarlierPublication, recorded: Record<string, string[]>): Promise<SiteParts> {
  // Each file's record is its frame's SHA-256, then its parts' keys (`made`).
  const usable = new Map<string, { frame: string; keys: string[] }>();
  await Promise.all(
    Object.entries(recorded).map(async ([file, [frame = '', ...keys]]) => {
      if (unchangedSince(earlier, file) && !(await linkOnTheWay(earlier.out, file))) usable.set(file, { frame, keys });
    }),
  );
  const split = new Map<string, Map<string, string> | undefined>();
  /** The parts of a usable file by their keys, read once; none where its text is not of its recorded parts. */
  const partsOf = (file: string, splitText: (text: string, count: number) => string[] | undefined) => {
    const keys = usable.get(file)?.keys;
    if (!keys) return undefined;
    if (!split.has(file)) {
      const texts = splitText(textOf(path.join(earlier.out, file)), keys.length);
      split.set(file, texts && new Map(keys.map((key, i) => [key, texts[i] ?? ''])));
    }
    return split.get(file);
  };
  const kept = new Set<string>();
  const now: Record<string, string[]> = {};
  const feeds = calendarFeedsOf(earlier);
  const eventsOf = (uid: string) => {
    // An event's key begins with its UID (calendarEvent); each feed has it as the others do.
    const texts = feeds.flatMap((file) => {
      const parts = partsOf(file, eventTexts);
      return [...(parts ?? [])].filter(([key]) => key.startsWith(`${uid}\0`)).map(([, text]) => text);
    });
    return earlierEventsIn(texts).get(uid);
  };
  return {
    kept,
    recorded: now,
    events: feeds.every((file) => usable.has(file)) ? { get: eventsOf } : earlierEvents(await earlierFeeds(earlier, feeds)),
    part: (file, key, splitText) => partsOf(file, splitText)?.get(key),
    whole: (file, keys, frame) => {
      const was = usable.get(file);
      const same = was?.frame === frame && was.keys.length === keys.length && was.keys.every((key, i) => key === keys[i]);
      if (same) kept.add(file);
      return same;
    },
    made: (file, keys, frame) => {
      now[file] = [frame, ...keys];
    },
    release: () => split.clear(),
  };
}

/** The calendar feeds the last publication wrote, as it wrote them: what subscribers' calendars hold. */
async function earlierFeeds(earlier: EarlierPublication, feeds: string[]): Promise<string[]> {
  const bytes = await Promise.all(feeds.map((file) => ownBytes(earlier, file)));
  return bytes.flatMap((b) => (b instanceof Uint8Array ? [Buffer.from(b).toString('utf8')] : []));
}

/** The calendar feeds of the last publication. */
const calendarFeedsOf = (earlier: EarlierPublication) => [...earlier.files.keys()].filter((file) => file.endsWith('.ics'));

/** A file of the site as written, or '' (no parts in it: they are made) where it cannot be read now. */
function textOf(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
