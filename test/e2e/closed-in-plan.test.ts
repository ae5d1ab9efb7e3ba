import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';

// A clerk closes an item (or a timetable row) and leaves the same words open in plan.yaml, whose points
// every public agenda shows: check warns at the plan's point, naming the closed one by its key path,
// never quoting its words; a point closed too, or of other words, is not warned of.

const { dir, meetings } = copyOfMeetings();
const meetingFile = path.join(meetings, '2023-11-22.yaml');
const planFile = path.join(meetings, 'plan.yaml');
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  writeFileSync(file, text.replace(from, to));
};
edit(meetingFile, '      - tid: 11.15\n', '      - tid: 11.15\n        lukket: true\n');
edit(
  planFile,
  '      - Direktionens årshjul 2023\n',
  '      - Direktionens årshjul 2023\n      - Kommunikationsplan for råderumsarbejdet\n      - tekst: Anerkendelse af gennemført DOL\n        lukket: true\n',
);

describe('agenda check and the forward plan', () => {
  it('warns at an open point that names a closed timetable row, and only there', () => {
    const run = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const line = readFileSync(planFile, 'utf8').split('\n').indexOf('      - Kommunikationsplan for råderumsarbejdet') + 1;
    const warned = run.stderr.split('\n').filter((l) => l.includes('the forward plan is public'));
    expect(warned).toEqual([
      `meetings/plan.yaml:${line}:9: warning: møder[1].punkter[1]: the open point 'Kommunikationsplan for råderumsarbejdet' names what 2023-11-22.yaml closes at punkter[2].tidsplan[1]: the forward plan is public; close the point too (lukket: true), or word it as its public title`,
    ]);
  });
});
