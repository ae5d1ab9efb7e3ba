import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';

// agenda diff --fra of an item that moved between the agenda and a tillægsdagsorden (a review of session 22):
// closed where it stands now, the public diff quotes nothing of it from before; and once the meeting holds a
// decision (minutes, one document), the items of an addendum then are not counted twice.

const TZ = 'Europe/Copenhagen';
/** In the title of the item closed now: in no output of the public diff. */
const secret = 'XQZTITEL';
const item = `  - titel: Køb af grunden Vestergade 12 ${secret}\n    sagsfremstilling: Ejeren vil sælge.\n`;
const addendum = '    tillæg: 1\n';
const closed = '    lukket: true\n';
/** The agenda sent, as an item of a tillægsdagsorden needs (it is added after). */
const sent = `- tid: 2023-11-15T10:00:00+01:00\n  til: jonas@example.org\n  dokument: 2023-11-22-dagsorden.pdf\n  sha256: ${'0'.repeat(64)}\n  sendt: true\n`;

/** A copy of the example meetings with the item in it as `before`, committed, then as `after` in the working tree. */
function meetingMoved(before: string, after: string) {
  const { dir, meetings } = copyOfMeetings();
  const file = path.join(meetings, '2023-11-22.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original + before);
  writeFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), sent);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', 'commit', '-q', '-m', 'before');
  writeFileSync(file, original + after);
  const check = agenda(['check', '2023-11-22'], { cwd: dir, env: { TZ } });
  expect(check.stdout + check.stderr).toContain(': 0 errors');
  return { dir, file };
}

function diff(dir: string, ...args: string[]): string {
  const result = agenda(['diff', '2023-11-22', '--fra', 'HEAD', ...args], { cwd: dir, env: { TZ } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('agenda diff --public of an item that moved between the agenda and a tillægsdagsorden and is closed now', () => {
  it.each([
    ['from the tillægsdagsorden to the agenda', item + addendum, item + closed],
    ['from the agenda to the tillægsdagsorden', item, item + addendum + closed],
  ])('%s: its title in no output (terminal, --json, --html, --pdf)', (_, before, after) => {
    const { dir } = meetingMoved(before, after);
    const html = path.join(dir, 'diff.html');
    const pdf = path.join(dir, 'diff.pdf');
    const terminal = diff(dir, '--public');
    const json = diff(dir, '--public', '--json');
    diff(dir, '--public', '--html', html, '--pdf', pdf);
    // The members' diff names it: the marker is there to be found.
    expect(diff(dir)).toContain(secret);
    const outputs = [terminal, json, readFileSync(html, 'utf8'), pdfPages(pdf).join('\n'), ...pdfByteForms(pdf)];
    for (const s of spellings(secret)) for (const output of outputs) expect(output.includes(s), s).toBe(false);
  });
});

describe("agenda diff's page of the changes", () => {
  it('names the tillægsdagsorden of a change of its item, as the terminal does, in --html and --pdf', () => {
    const { dir } = meetingMoved(item, item + addendum);
    const html = path.join(dir, 'diff.html');
    const pdf = path.join(dir, 'diff.pdf');
    expect(diff(dir)).toContain(`item 5 Køb af grunden Vestergade 12 ${secret} (tillægsdagsorden 1): added`);
    diff(dir, '--html', html, '--pdf', pdf);
    const line = /Punkt 5 (?:er tilføjet|Køb)[^\n<]*\(Tillægsdagsorden 1\)/;
    expect(readFileSync(html, 'utf8')).toMatch(line);
    expect(pdfPages(pdf).join('\n').replace(/\s+/g, ' ')).toMatch(line);
  });
});

describe('agenda diff --fra once the meeting holds a decision', () => {
  it("compares the minutes with the whole meeting then: an addendum's item is neither added nor removed", () => {
    const late = '  - titel: Vinterberedskab\n    sagsfremstilling: Beredskabet skal på plads.\n';
    const { dir } = meetingMoved(late + addendum, late + addendum + '    beslutning: Godkendt.\n');
    const { changes } = JSON.parse(diff(dir, '--json')) as { changes: Array<{ type: string; title: string; addendum?: number }> };
    // Its decision added, and nothing the minutes print of any item because they are minutes (its "Tillægspunkt", item 1's meetings held).
    expect(changes.map((c) => [c.title, c.type])).toEqual([['Vinterberedskab', 'text-changed']]);
    expect(changes.filter((c) => c.addendum !== undefined)).toEqual([]);
  });
});
