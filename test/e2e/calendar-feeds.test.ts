import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';

// The calendar feeds as a subscriber's calendar reads them: parsed by ical.js, checked line by line
// against RFC 5545, and followed over publications, as a calendar that subscribed to them follows them.

// Calendars read the calendar's name as TEXT (Apple's and Google's X- property); ical.js knows no X- property's type.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

const url = 'https://moeder.kommune.dk/';
// A name and a room with every character a TEXT value escapes, Danish letters, and long enough to fold.
const navn = 'Udvalget for Klima, Miljø; Teknik\\Plan og Ældre- og Sundhedsområdets Særlige Opgaver i Nærområderne';
const sted = 'Mødelokale 1, rådhuset; indgang B\\C, the large meeting room on the first floor of the old town hall by the harbour';

/** The example committee with its schedule only (no meeting file, so nothing to print), named `navn`. */
function committee(): string {
  const { meetings } = copyOfMeetings();
  for (const date of ['2023-09-06', '2023-11-22']) rmSync(path.join(meetings, `${date}.yaml`));
  edit(path.join(meetings, 'udvalg.yaml'), 'navn: Direktionen', `navn: '${navn}'\nkort: DIR`);
  edit(path.join(meetings, 'udvalg.yaml'), 'sted: Mødelokale 250, rådhuset', `sted: '${sted}'`);
  return meetings;
}

function publish(meetings: string, out: string, options = ['--url', url]): { written: string[] } {
  const run = agenda(['publish', '--meetings', meetings, '--out', out, '--json', ...options]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { written: string[] };
}

const feedText = (site: string, file = 'kalender.ics') => readFileSync(path.join(site, file), 'utf8');

/** Each event of a feed by its day: its UID, revision, and its lines as written. */
function events(feed: string) {
  return new Map(
    ICAL.Component.fromString(feed)
      .getAllSubcomponents('vevent')
      .map((v) => {
        const value = (name: string) => String(v.getFirstPropertyValue(name));
        const revision = { sequence: v.getFirstPropertyValue('sequence'), dtstamp: value('dtstamp'), lastModified: value('last-modified') };
        return [value('dtstart').slice(0, 10), { uid: value('uid'), revision, text: v.toString() }] as const;
      }),
  );
}

describe('the calendar feeds', () => {
  let meetings: string;
  const site = path.join(tempDir(), 'site');
  beforeAll(() => {
    meetings = committee();
    publish(meetings, site);
  });

  it('are valid iCalendar: folded at 75 octets, every TEXT escaped as RFC 5545 allows, every required property', () => {
    const feeds = [
      { file: 'kalender.ics', name: 'Norddjurs Kommune: møder' },
      { file: `${siteFolder(site)}/kalender.ics`, name: `${navn}: møder` },
    ];
    for (const { file, name } of feeds) {
      const feed = feedText(site, file);
      expect(feed.endsWith('\r\n')).toBe(true);
      const lines = feed.slice(0, -2).split('\r\n');
      for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
      expect(
        lines.some((line) => line.startsWith(' ')),
        'long lines are folded',
      ).toBe(true);
      // Unfolded, the value of every TEXT property holds no escape RFC 5545 does not know (3.3.11).
      const unfolded = feed.replace(/\r\n /g, '').split('\r\n');
      const text = unfolded.filter((l) => /^(X-WR-CALNAME|SUMMARY|LOCATION|DESCRIPTION)[:;]/.test(l));
      expect(text.length).toBeGreaterThan(100);
      for (const line of text) expect(line.slice(line.indexOf(':') + 1).replace(/\\[\\;,nN]/g, ''), line).not.toMatch(/\\|[;,]/);
      const calendar = ICAL.Component.fromString(feed);
      for (const property of ['version', 'prodid']) expect(calendar.getFirstPropertyValue(property), property).toBeTruthy();
      expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe(name);
      const vevents = calendar.getAllSubcomponents('vevent');
      expect(vevents.length).toBe(51);
      for (const vevent of vevents) {
        const required = ['uid', 'dtstamp', 'dtstart', 'dtend', 'last-modified', 'sequence'];
        for (const property of required) expect(vevent.hasProperty(property), property).toBe(true);
        expect(String(vevent.getFirstPropertyValue('location'))).toBe(sted);
        expect(String(vevent.getFirstPropertyValue('summary')).startsWith(`${navn}s møde`)).toBe(true);
        expect(String(vevent.getFirstPropertyValue('uid'))).toMatch(/^2023-\d\d-\d\d-dir@moeder\.kommune\.dk$/);
      }
    }
  });

  it('keep every UID when the committee is renamed, and give each renamed event its next revision', () => {
    const renamed = path.join(tempDir(), 'site');
    const copy = committee();
    publish(copy, renamed);
    const before = events(feedText(renamed));
    edit(path.join(copy, 'udvalg.yaml'), `navn: '${navn}'`, "navn: 'Udvalget for Klima og Miljø'");
    publish(copy, renamed);
    const after = events(feedText(renamed));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [day, event] of after) {
      expect(event.uid, day).toBe(before.get(day)?.uid);
      expect(event.revision.sequence, day).toBe(1);
    }
  });

  it('give a changed meeting its next SEQUENCE, DTSTAMP and LAST-MODIFIED, and leave every other event as it was', () => {
    const before = events(feedText(site));
    edit(path.join(meetings, 'udvalg.yaml'), '  aflyst:\n', '  aflyst:\n    - dato: 2023-03-22\n      årsag: Vinterferie\n');
    publish(meetings, site);
    const after = events(feedText(site));
    const changed = after.get('2023-03-22');
    const revision = (sequence: number, stamp: string) => ({ sequence, dtstamp: stamp, lastModified: stamp });
    expect(before.get('2023-03-22')?.revision).toEqual(revision(0, '2023-03-22T00:00:00Z'));
    expect(changed?.revision).toEqual(revision(1, '2023-03-22T00:00:01Z'));
    expect(changed?.text).toContain('STATUS:CANCELLED');
    for (const [day, event] of after) if (day !== '2023-03-22') expect(event.text, day).toBe(before.get(day)?.text);
    // The committee's feed has the event's revision as the feed of all has it.
    expect(events(feedText(site, `${siteFolder(site)}/kalender.ics`)).get('2023-03-22')?.revision).toEqual(changed?.revision);
    // Published again unchanged, it stays at that revision: the feeds are not written again.
    expect(publish(meetings, site).written.filter((f) => f.endsWith('.ics'))).toEqual([]);
  });

  it('are the same bytes from the same inputs, and name no host without --url', () => {
    const copy = committee();
    const [one, two] = [path.join(tempDir(), 'site'), path.join(tempDir(), 'site')];
    publish(copy, one, []);
    publish(copy, two, []);
    expect(feedText(two)).toBe(feedText(one));
    for (const { uid } of events(feedText(one)).values()) expect(uid).toMatch(/^2023-\d\d-\d\d-dir@agenda\.invalid$/);
  });
});

/** The committee's folder in the site, named after its name. */
function siteFolder(site: string): string {
  const list = JSON.parse(readFileSync(path.join(site, 'data', 'oparl', 'organizations.json'), 'utf8')) as { data: Array<{ id: string }> };
  return path.basename(String(list.data[0]?.id), '.json');
}
