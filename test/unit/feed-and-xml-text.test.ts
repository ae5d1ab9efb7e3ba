import { DOMParser } from '@xmldom/xmldom';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarEvent, calendarFormat, type CalendarCommittee, type FeedSource } from '../../src/publish/ical.js';
import type { FileData, MeetingData } from '../../src/publish/data-schema.js';
import { noEarlierParts, setOfParts } from '../../src/publish/parts.js';
import { TextFiles } from '../support/pieces.js';
import { sbsysXml } from '../../src/publish/sbsys.js';

/** A feed of every meeting of `committees`, composed as the site composes it (site.ts), of no earlier parts. */
function calendarFeed(title: string, committees: CalendarCommittee[], source: FeedSource): string {
  const files = new TextFiles();
  const events = committees.flatMap((c) => c.meetings.map((m) => calendarEvent(c, m, source)));
  setOfParts(files, noEarlierParts, 'kalender.ics', events, calendarFormat(title));
  return String(files.get('kalender.ics'));
}

// The checks refuse control characters and line breaks in names (test/e2e/control-characters.test.ts);
// the feed and the XML must hold whatever text reaches them all the same.

const attendee = 'ATTENDEE;RSVP=TRUE:mailto:evil@example.dk';

describe('the calendar feed', () => {
  const hostile = [`Direktionen\n${attendee}`, `Direktionen\r${attendee}`, `Direktionen\r\n${attendee}`, `Direktionen\u000b${attendee}`];
  for (const name of hostile) {
    it(`holds the name ${JSON.stringify(name)} as text, in the calendar's name and each event`, () => {
      const meeting = { date: '2023-11-22', summary: `${name}s møde`, start: '9:00', end: '17:00', place: name, cancelled: name };
      const source = { domain: 'moeder.kommune.dk', earlier: new Map() };
      const feed = calendarFeed(`${name}: møder`, [{ shortName: 'direktionen', name, meetings: [meeting] }], source);
      // Every reader's lines: a carriage return alone ends one for some.
      expect(feed.split(/\r\n|\r|\n/).filter((line) => /^attendee/i.test(line))).toEqual([]);
      const calendar = new ICAL.Component(ICAL.parse(feed));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events.length).toBe(1);
      expect(events.flatMap((e) => e.getAllProperties('attendee'))).toEqual([]);
      const calendarName = String(calendar.getFirstPropertyValue('x-wr-calname'));
      expect(calendarName).toMatch(/^Direktionen\n?ATTENDEE;RSVP=TRUE:mailto:evil@example\.dk: møder$/);
      expect(String(events[0]?.getFirstPropertyValue('location'))).toMatch(/^Direktionen\n?ATTENDEE;RSVP=TRUE/);
    });
  }
});

const vt = '\u000b';

/** A meeting's public data with one item of this title and these sections. */
function meetingData(title: string, sections: Array<{ heading: string; html: string }>): MeetingData {
  const file: FileData = {
    id: 'f',
    type: 'https://schema.oparl.org/1.1/File',
    name: `Bilag${vt}`,
    fileName: 'b.pdf',
    mimeType: 'application/pdf',
    size: 1,
    sha512Checksum: '0'.repeat(128),
    accessUrl: 'b.pdf',
    downloadUrl: 'b.pdf',
  };
  return {
    id: 'm',
    type: 'https://schema.oparl.org/1.1/Meeting',
    name: `Dagsorden${vt}`,
    meetingState: 'eingeladen',
    cancelled: false,
    start: '2023-11-22T09:00:00+01:00',
    end: '2023-11-22T17:00:00+01:00',
    location: { id: 'l', type: 'https://schema.oparl.org/1.1/Location', description: `Lokale${vt}\u0001\u001f` },
    organization: ['o'],
    auxiliaryFile: [],
    agendaItem: [
      {
        id: 'i',
        type: 'https://schema.oparl.org/1.1/AgendaItem',
        meeting: 'm',
        number: '1',
        order: 0,
        name: title,
        public: true,
        web: 'w',
        'agenda:sections': sections,
        'agenda:attachments': [],
        auxiliaryFile: [file],
      },
    ],
    web: 'w',
  };
}

/** The XML parsed; any complaint of the parser's fails the test. */
function parsed(xml: string) {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return document;
}

describe('the SBSYS XML', () => {
  it('is well-formed XML 1.0 whatever control characters the titles hold', () => {
    const data = meetingData(`Øko${vt}nomi\u0000`, [{ heading: `Sagsfremstilling${vt}`, html: `<p>Tekst${vt}</p>` }]);
    const xml = parsed(sbsysXml({ id: 'direktionen', name: `Direktionen${vt}` }, data));
    expect(xml.getElementsByTagName('Overskrift')[0]?.textContent).toBe('Økonomi');
    expect(xml.getElementsByTagName('Møde')[0]?.getAttribute('Udvalg')).toBe('Direktionen');
  });

  it("names each text's element by its heading, as XML names may be, whatever the house's headings", () => {
    const headings = ['1. Sagsfremstilling', 'Udgift pr. m²', 'ªÅrsag', '- 2023 -', 'Bilag:'];
    const data = meetingData(
      'Økonomi',
      headings.map((heading) => ({ heading, html: '<p>Tekst</p>' })),
    );
    const xml = parsed(sbsysXml({ id: 'direktionen', name: 'Direktionen' }, data));
    const names = Array.from(xml.getElementsByTagName('Indhold')[0]?.childNodes ?? [], (n) => n.nodeName).filter((n) => n !== '#text');
    expect(names).toEqual(['Sagsfremstilling', 'Udgift_pr._m', 'Årsag', 'Tekst', 'Bilag']);
  });
});

describe("the calendar feed's lines", () => {
  it('are at most 75 octets each, folded lines too (RFC 5545, 3.1)', () => {
    const place = `Mødelokale ${'a'.repeat(200)} ${'ø'.repeat(100)} ${'😀'.repeat(50)}`;
    const meeting = { date: '2023-11-22', summary: 'Direktionens møde', start: '9:00', end: '17:00', place };
    const source = { domain: 'moeder.kommune.dk', earlier: new Map() };
    const feed = calendarFeed('Direktionen: møder', [{ shortName: 'DIR', name: 'Direktionen', meetings: [meeting] }], source);
    const lines = feed.split('\r\n');
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(4);
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(String(ICAL.Component.fromString(feed).getFirstSubcomponent('vevent')?.getFirstPropertyValue('location'))).toBe(place);
  });
});
