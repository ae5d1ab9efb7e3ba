import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarEvent, calendarFormat } from '../../src/publish/ical.js';
import { listData } from '../../src/publish/json.js';
import { json, listFormat, listPart } from '../../src/publish/lists.js';
import { setOfParts, type EarlierParts } from '../../src/publish/parts.js';
import { TextFiles } from '../support/pieces.js';
import { SiteMap } from '../../src/publish/site-map.js';

// A file made of parts (parts.ts) is the file made whole: a list of OParl objects is JSON.stringify's
// of the whole list, a calendar feed ical.js's; the parts read back from it are those it was joined of,
// and a file of another count or frame gives none (every part made again).

const map = new SiteMap();
const list = 'data/oparl/meetings.json';
const objects = [
  { id: 'https://site.invalid/data/u01/2024-01-08.json', name: 'Dagsorden', items: [{ a: [1, { b: [] }], c: {} }], empty: [] },
  { id: 'https://site.invalid/data/u02/2024-01-09.json', text: 'linje\nlinje, {\n    }', nested: { deep: { deeper: ['x'] } } },
  { id: 'https://site.invalid/data/u01/2023-12-01.json' },
];

/** The earlier parts of one file as the pipeline gives them: its text, its parts' keys. */
const earlierOf = (file: string, text: string, keys: string[]): EarlierParts => ({
  part: (f, key, split) => (f === file ? split(text, keys.length)?.[keys.indexOf(key)] : undefined),
  whole: () => false,
  made: () => undefined,
});

describe('a list joined of its elements', () => {
  it('is the list stringified whole, for none, one and many', () => {
    for (const count of [0, 1, 3]) {
      const data = objects.slice(0, count);
      const whole = json(map.inDocument(listData(map, list, data), list));
      const format = listFormat(map, list);
      const parts = data.map((o) => listPart(map, list, o));
      const files = new TextFiles();
      setOfParts(
        files,
        earlierOf(list, '', []),
        list,
        parts.map((text, i) => ({ key: String(i), make: () => text })),
        format,
      );
      expect(files.get(list)).toBe(whole);
      expect(format.split(whole, count)).toEqual(parts);
    }
  });

  it('gives back the parts it was joined of, and none from a file of another count or frame', () => {
    const whole = json(map.inDocument(listData(map, list, objects), list));
    const format = listFormat(map, list);
    expect(format.split(whole, 2)).toBeUndefined();
    expect(format.split(whole.replace('"pagination"', '"paginering"'), 3)).toBeUndefined();
    // The earlier file's parts taken by their keys, the others made: the bytes of the list made whole.
    const keys = ['a', 'b', 'c'];
    const files = new TextFiles();
    const made: string[] = [];
    const parts = objects.map((o, i) => ({
      key: keys[i] ?? '',
      make: () => {
        made.push(keys[i] ?? '');
        return listPart(map, list, o);
      },
    }));
    setOfParts(files, earlierOf(list, whole, ['x', 'b', 'c']), list, parts, format);
    expect(files.get(list)).toBe(whole);
    expect(made).toEqual(['a']);
  });
});

describe('a calendar feed joined of its events', () => {
  const source = { domain: 'moeder.kommune.dk', earlier: new Map() };
  const committee = { shortName: 'DIR' };
  const meetings = ['2024-01-08', '2024-02-12'].map((date) => ({
    date,
    summary: 'Direktionens møde',
    start: '9:00',
    place: 'Mødelokale 1',
  }));

  it('is one ical.js reads, of each event, and gives back its events', () => {
    for (const count of [0, 1, 2]) {
      const events = meetings.slice(0, count).map((m) => calendarEvent(committee, m, source));
      const files = new TextFiles();
      const format = calendarFormat('Direktionen: møder');
      setOfParts(files, earlierOf('x', '', []), 'kalender.ics', events, format);
      const feed = String(files.get('kalender.ics'));
      expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
      const calendar = new ICAL.Component(ICAL.parse(feed));
      expect(calendar.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')))).toEqual(
        meetings.slice(0, count).map((m) => `${m.date}-dir@moeder.kommune.dk`),
      );
      expect(format.split(feed, count)).toEqual(events.map((e) => e.make()));
      expect(format.split(feed, count + 1)).toBeUndefined();
    }
  });
});
