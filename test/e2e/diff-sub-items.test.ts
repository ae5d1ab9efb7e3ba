import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { spellings } from '../support/markers.js';

// agenda diff (issue 30) compares sub-items (underpunkter) and additions (tilføjelser), and tells an
// attachment of a sub-item by what it is (its file, its title), not by its number.

const TZ = 'Europe/Copenhagen';
/** In the closed sub-item: in no public output, not even as a removed word. */
const secret = 'XQZSECRET-DIFF-SUB';
const item = `
  - titel: Byudvikling
    sagsfremstilling: Tre projekter i midtbyen.
    underpunkter:
      - titel: Kloakering af Nørregade
        sagsfremstilling: Ledningerne er over 60 år gamle.
        bilag:
          - { titel: Projektbeskrivelse Nørregade, fil: bilag/2023-11-22/2-1.pdf }
      - titel: Ekspropriation ${secret}
        offentlig_titel: Ekspropriation
        lukket: true
        sagsfremstilling: Grundejerne ${secret} er hørt.
`;

interface Diff {
  changes: Array<Record<string, unknown> & { type: string; parts?: Array<{ text: string; added?: true; removed?: true }> }>;
}

describe('agenda diff of sub-items and additions', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  const run = (...args: string[]) => {
    const result = agenda(['diff', '2023-11-22', '--fra', 'HEAD', ...args], { cwd: dir, env: { TZ } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  };

  beforeAll(() => {
    writeFileSync(meetingFile, readFileSync(meetingFile, 'utf8') + item);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', 'commit', '-q', '-m', 'Byudvikling');
    // A figure of sub-item a changed, an attachment put before its own (which is number 2 now), the closed sub-item's words changed, an addition.
    edit(meetingFile, 'over 60 år gamle', 'over 70 år gamle');
    edit(
      meetingFile,
      '          - { titel: Projektbeskrivelse Nørregade',
      '          - { titel: Kort over Nørregade, fil: bilag/2023-11-22/3-2.pdf }\n          - { titel: Projektbeskrivelse Nørregade',
    );
    edit(meetingFile, `Grundejerne ${secret} er hørt.`, `Grundejerne ${secret} er hørt igen.`);
    writeFileSync(
      meetingFile,
      readFileSync(meetingFile, 'utf8') + '    tilføjelser:\n      - dato: 2023-11-30\n        tekst: Kloakeringen er udbudt.\n',
    );
  });

  it('--json: the sub-items changed, the addition, and the one attachment added (not its neighbour renumbered)', () => {
    const { changes } = JSON.parse(run('--json')) as Diff;
    expect(changes.map((c) => [c.type, c.number, c.letter ?? c.date ?? c.attachment])).toEqual([
      ['sub-item-text-changed', 4, 'a'],
      ['sub-item-text-changed', 4, 'b'],
      ['addition-added', 4, '2023-11-30'],
      ['attachment-added', 4, '4a.1 Kort over Nørregade'],
    ]);
    expect(changes[0]?.parts?.filter((p) => p.added || p.removed)).toEqual([
      { text: '60', removed: true },
      { text: '70', added: true },
    ]);
    expect(changes[2]?.parts).toEqual([{ text: 'Kloakeringen er udbudt.', added: true }]);
  });

  it('the terminal shows them, words marked', () => {
    const text = run();
    expect(text).toContain('item 4 Byudvikling: sub-item a. Kloakering af Nørregade: Sagsfremstilling text changed\n');
    expect(text).toContain('Ledningerne er over [-60-]{+70+} år gamle.');
    expect(text).toContain('item 4 Byudvikling: addition of 2023-11-30 added\n  {+Kloakeringen er udbudt.+}\n');
    expect(text).toContain('item 4 Byudvikling: attachment 4a.1 Kort over Nørregade added\n');
    expect(text).toMatch(/^changes in the members' version since revision HEAD \(\w+\): 4\n/);
  });

  it('the public diff shows the open changes only: no word of the closed sub-item in any byte', () => {
    const terminal = run('--public');
    const json = run('--public', '--json');
    const { changes } = JSON.parse(json) as Diff;
    expect(changes.map((c) => c.type)).toEqual(['sub-item-text-changed', 'addition-added', 'attachment-added']);
    for (const s of spellings(secret)) for (const output of [terminal, json]) expect(output.includes(s), s).toBe(false);
  });
});
