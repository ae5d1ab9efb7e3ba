import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';

// A line break in a name, or a control character in any text, never reaches a document, a feed or
// the SBSYS XML: the checks refuse it where it stands (test/unit/feed-and-xml-text.test.ts has what
// the feed and the XML do with any that came another way).

/** The example meetings with a committee whose name would add an attendee to every event of the feed, and a title with a vertical tab. */
function hostileMeetings() {
  const { dir, meetings } = copyOfMeetings();
  edit(path.join(meetings, 'udvalg.yaml'), /^navn: Direktionen$/m, 'navn: "Direktionen\\nATTENDEE;RSVP=TRUE:mailto:evil@example.dk"');
  edit(path.join(meetings, 'faste-punkter.yaml'), /titel: Økonomi$/m, 'titel: "Øko\\vnomi"');
  return { dir, meetings };
}

const expected = [
  'meetings/udvalg.yaml:3:7: navn: must be one line: remove the line break',
  'meetings/faste-punkter.yaml:23:12: punkter[1].titel: holds the control character U+000B: remove it',
];

describe('control characters and line breaks in names and titles', () => {
  it('are located errors of agenda check', () => {
    const { dir } = hostileMeetings();
    const run = agenda(['check'], { cwd: dir });
    expect(run.stderr.split('\n').filter(Boolean)).toEqual(expected);
    expect(run.status).toBe(1);
  });

  it('stop agenda build and agenda publish before they write anything', () => {
    const { dir } = hostileMeetings();
    const build = agenda(['build', '2023-11-22', '--out', 'a.pdf'], { cwd: dir });
    expect(new Set(build.stderr.split('\n').filter(Boolean))).toEqual(new Set(expected));
    expect(build.status).toBe(1);
    expect(existsSync(path.join(dir, 'a.pdf'))).toBe(false);

    const publish = agenda(['publish', '--out', 'site'], { cwd: dir });
    expect(new Set(publish.stderr.split('\n').filter(Boolean))).toEqual(new Set(expected));
    expect(publish.status).toBe(1);
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('are refused in a text of several lines too, where tabs and line breaks are the text', () => {
    const { dir, meetings } = copyOfMeetings();
    const meeting = path.join(meetings, '2023-11-22.yaml');
    edit(meeting, '  - fast: økonomi\n', '  - fast: økonomi\n    indstilling: "Det\\tindstilles,\\nat punktet drøftes."\n');
    expect(agenda(['check'], { cwd: dir }).stderr).toBe('');
    edit(meeting, 'at punktet', 'at\\apunktet');
    const run = agenda(['check'], { cwd: dir });
    const located = 'meetings/2023-11-22.yaml:26:18: punkter[1].indstilling: holds the control character U+0007: remove it';
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([located]);
    expect(run.status).toBe(1);
  });
});
