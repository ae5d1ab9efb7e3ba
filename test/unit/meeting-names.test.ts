import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderListings } from '../../src/input/folder-listing.js';
import { meetingDates, misnamedMeetingFiles } from '../../src/input/meeting-names.js';
import { tempDir } from '../support/cli.js';

/** A committee's folder holding these files (and folders, where a name ends in /). */
function folderOf(names: string[]): string {
  const dir = tempDir();
  for (const name of names)
    if (name.endsWith('/')) mkdirSync(path.join(dir, name));
    else writeFileSync(path.join(dir, name), 'punkter: []\n');
  return dir;
}

describe('the names of meeting files', () => {
  it('warns of a near miss, names the right name, and lets the names the tool knows be', async () => {
    const nearMisses = ['2023-12-13.yml', '2023-12-13.YAML', '2023-12-13 .yaml', ' 2023-12-14.yaml', '2023-12-6.yaml', '2023-1-7.YML'];
    const known = [
      ...['udvalg.yaml', 'faste-punkter.yaml', 'plan.yaml', 'kalender.yaml', 'README.md', '.git/', 'arkiv/', 'bilag/', 'out/'],
      ...['2023-11-22.yaml', '2023-11-22.sendt.yaml', '2023-11-22.godkendt.yaml', 'schema.json', '2023-11-22.yaml~'],
      ...['2023-12-13.yaml.bak', 'referat 2023-12-13.yaml', '2023-12-20/'],
    ];
    const dir = folderOf([...nearMisses, ...known]);
    const found = await misnamedMeetingFiles(dir);
    expect(found.map((f) => ({ name: path.basename(f.file), warning: f.warning, message: f.message }))).toEqual(
      [
        [' 2023-12-14.yaml', 'rename it 2023-12-14.yaml'],
        ['2023-1-7.YML', 'rename it 2023-01-07.yaml'],
        ['2023-12-13 .yaml', 'rename it 2023-12-13.yaml'],
        ['2023-12-13.YAML', 'rename it 2023-12-13.yaml'],
        ['2023-12-13.yml', 'rename it 2023-12-13.yaml'],
        ['2023-12-6.yaml', 'rename it 2023-12-06.yaml'],
      ].map(([name, rename]) => ({
        name,
        warning: true,
        message: `not read as a meeting: a meeting file is named by its date, YYYY-MM-DD.yaml, exactly; ${rename}`,
      })),
    );
    expect(found.every((f) => f.line === 1 && f.col === 1 && f.path === '')).toBe(true);
    expect(await meetingDates(dir)).toEqual(['2023-11-22']);
  });

  it("takes a build's listing of the folder where it is given one, reading the folder no more", async () => {
    const dir = folderOf(['2023-11-22.yaml', '2023-12-6.yaml']);
    const listed = folderListings();
    expect(await listed.exists(path.join(dir, '2023-11-22.yaml'))).toBe(true);
    // Made after the listing: the listing does not have it, so a finding of it would be a second reading.
    writeFileSync(path.join(dir, '2023-12-7.yaml'), '');
    const fromListing = await misnamedMeetingFiles(dir, true, listed);
    expect(fromListing.map((f) => path.basename(f.file))).toEqual(['2023-12-6.yaml']);
    expect(fromListing[0]?.message).toMatch(/; rename it 2023-12-06\.yaml$/);
    expect((await misnamedMeetingFiles(dir)).map((f) => path.basename(f.file))).toEqual(['2023-12-6.yaml', '2023-12-7.yaml']);
  });

  it('says where the right name is taken already, and of a date not in the calendar, that it is none', async () => {
    const dir = folderOf(['2023-12-06.yaml', '2023-12-6.yml', '2023-13-01.yml']);
    expect((await misnamedMeetingFiles(dir)).map((f) => [path.basename(f.file), f.message.split('; ')[1]])).toEqual([
      ['2023-12-6.yml', "2023-12-06.yaml is that meeting's file: move what this one holds into it, and remove this one"],
      ['2023-13-01.yml', '2023-13-01 is not a date in the calendar'],
    ]);
  });

  it('takes a file named with a date not in the calendar for no meeting, and tells it as an error', async () => {
    const dir = folderOf(['2023-02-30.yaml', '2023-02-31.yaml', '2023-00-10.yaml', '2024-02-29.yaml']);
    expect(await meetingDates(dir)).toEqual(['2024-02-29']);
    expect(await misnamedMeetingFiles(dir)).toEqual(
      ['2023-00-10', '2023-02-30', '2023-02-31'].map((date) => ({
        file: path.join(dir, `${date}.yaml`),
        line: 1,
        col: 1,
        path: '',
        message: `${date} is not a date in the calendar: a meeting file is named by its date, YYYY-MM-DD.yaml, exactly`,
      })),
    );
  });
});
