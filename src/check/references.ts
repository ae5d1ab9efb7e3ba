import type { Finding } from '../shared/errors.js';
import { closest, shorten } from '../input/messages.js';
import { meetingKey, type CalendarInput } from '../input/schema/calendar.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { formatPath } from '../input/key-path.js';
import type { YamlFile } from '../input/yaml-file.js';

/** What checkReferences reads of a meeting: each item's `fast:`, at the item's place. */
export interface StandingItemsNamed {
  punkter?: ReadonlyArray<{ fast?: string }>;
}

/** Each `fast:` in the meeting names a standing item, and no standing item is filled in twice. */
export function checkReferences(source: YamlFile, meeting: StandingItemsNamed, standing: StandingItemsInput): Finding[] {
  const ids = standing.punkter.map((p) => p.id);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  (meeting.punkter ?? []).forEach((item, i) => {
    if (item.fast === undefined) return;
    const at = (message: string) =>
      findings.push({ file: source.file, ...source.locate(['punkter', i, 'fast']), path: `punkter[${i}].fast`, message });
    if (!ids.includes(item.fast)) {
      const guess = closest(item.fast, ids);
      at(
        `no standing item has the id '${shorten(item.fast)}'${guess ? ` (did you mean '${guess}'?)` : ids.length ? ` (the ids are: ${ids.join(', ')})` : ''}`,
      );
    } else if (seen.has(item.fast)) {
      at(`the standing item '${shorten(item.fast)}' is filled in twice`);
    }
    seen.add(item.fast);
  });
  return findings;
}

/** The `fast:` ids of a meeting file that is not valid, each at its item's place, for checkReferences. */
export function standingItemsNamed(data: unknown): StandingItemsNamed {
  const items: unknown[] = data && typeof data === 'object' && 'punkter' in data && Array.isArray(data.punkter) ? data.punkter : [];
  const fast = (item: unknown) =>
    item && typeof item === 'object' && 'fast' in item && typeof item.fast === 'string' ? item.fast : undefined;
  return { punkter: items.map((item) => ({ fast: fast(item) })) };
}

/** The calendar's meetings and its cycle name committees it lists, each short name once. */
export function checkCalendar(source: YamlFile, calendar: CalendarInput): Finding[] {
  const findings: Finding[] = [];
  const known = calendar.udvalg.map((u) => u.kort);
  const at = (path: PropertyKey[], message: string) =>
    findings.push({ file: source.file, ...source.locate(path), path: formatPath(path), message });
  const unknown = (name: string) => {
    const guess = closest(name, known);
    return `no committee under udvalg has the short name '${shorten(name)}'${guess ? ` (did you mean '${guess}'?)` : ''}`;
  };
  known.forEach((k, i) => {
    if (known.indexOf(k) !== i) at(['udvalg', i, 'kort'], `the short name '${shorten(k)}' is used twice`);
  });
  (calendar.rul ?? []).forEach((name, i) => known.includes(name) || at(['rul', i], unknown(name)));
  calendar.møder.forEach((m, i) => known.includes(m.udvalg) || at(['møder', i, 'udvalg'], unknown(m.udvalg)));
  return findings;
}

/** Each remark in `bemærkninger` names a political meeting in the calendar ("ØK 2023-09-05"). */
export function checkNotes(source: YamlFile, meeting: MeetingInput, calendar: CalendarInput): Finding[] {
  const keys = calendar.møder.map((m) => meetingKey(m.udvalg, m.dato));
  return (meeting.punkter ?? []).flatMap((item, i) =>
    Object.keys(item.bemærkninger ?? {}).flatMap((key) => {
      if (keys.includes(key)) return [];
      const guess = closest(key, keys);
      const path = ['punkter', i, 'bemærkninger', key];
      const message = `no political meeting '${shorten(key)}' in the calendar${guess ? ` (did you mean '${guess}'?)` : ' (write the short name and the date: ØK 2023-09-05)'}`;
      return [{ file: source.file, ...source.locate(path, { key: true }), path: formatPath(path), message }];
    }),
  );
}
