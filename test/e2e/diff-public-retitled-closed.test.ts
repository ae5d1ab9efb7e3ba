import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms } from '../support/pdf.js';

// An item or sub-item sent open, then retitled and closed in the same edit as a new open one was put
// where it stood (or before everything): the public diff pairs by what a thing is, never by the place a
// closed one left, so none of its earlier title or text (markers XQZRC..) is quoted, in the terminal,
// --json, --html or --pdf. The adversary's review of session 23 found `[-Budget …-]{+Anlæg+}` and its
// text quoted as removed. The members' diff pairs the retitled item with itself: not "added".

const TZ = 'Europe/Copenhagen';
const markerList = ['XQZRC01', 'XQZRC02', 'XQZRC03', 'XQZRC04', 'XQZRC05'];

/** The items appended to the agenda of 2023-11-22: sent open, or (`closed`) with a new item and sub-item put `first` or where the old stood. */
const items = (closed: boolean, first = false) => {
  const anlæg = '  - titel: Anlæg\n    sagsfremstilling: Anlægstekst.\n';
  const intro = '      - titel: Indledning\n        sagsfremstilling: Et overblik.\n';
  const budget = closed
    ? '  - titel: Budget XQZRC01 fortroligt\n    offentlig_titel: Budget\n    lukket: true\n'
    : '  - titel: Budget XQZRC01\n';
  const pool = closed
    ? '      - titel: Lønpulje XQZRC04 fortroligt\n        offentlig_titel: Lønpulje\n        lukket: true\n'
    : '      - titel: Lønpulje XQZRC04\n';
  return [
    closed && first ? anlæg : '',
    '  - titel: Løn\n    sagsfremstilling: Om lønnen.\n    underpunkter:\n',
    closed && first ? intro : '',
    `${pool}        sagsfremstilling: Puljen XQZRC05 fordeles.\n`,
    closed && !first ? intro : '',
    closed && !first ? anlæg : '',
    `${budget}    sagsfremstilling: Budgettekst XQZRC02.\n    indstilling: Det indstilles, at budgettet XQZRC03 godkendes.\n`,
  ].join('');
};

interface Diff {
  changes: Array<{ type: string; number: number; title: string }>;
}

describe('agenda diff --public after an item and a sub-item were retitled and closed as a new one took their place', () => {
  const { dir, meetings } = copyOfMeetings();
  const file = path.join(meetings, '2023-11-22.yaml');
  const original = readFileSync(file, 'utf8');
  const diff = (...args: string[]) => {
    const result = agenda(['diff', '2023-11-22', '--fra', 'HEAD', ...args], { cwd: dir, env: { TZ } });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };

  beforeAll(() => {
    writeFileSync(file, `${original}${items(false)}`);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', 'commit', '-q', '-m', 'Sent open');
  });

  for (const first of [false, true])
    it(`quotes nothing of them, the new ones put ${first ? 'before everything' : 'where they stood'}: terminal, --json, --html, --pdf`, () => {
      writeFileSync(file, `${original}${items(true, first)}`);
      const [html, pdf] = [path.join(dir, 'diff.html'), path.join(dir, 'diff.pdf')];
      const outputs = [
        diff('--public', '--html', html),
        diff('--public', '--json'),
        readFileSync(html, 'utf8'),
        diff('--public', '--pdf', pdf),
      ];
      expect(outputs[0]).toContain('Anlæg');
      for (const output of outputs) for (const m of markerList) expect(output).not.toContain(m);
      const bytes = pdfByteForms(pdf);
      for (const m of markerList) for (const form of bytes) for (const s of spellings(m)) expect(form).not.toContain(s);
    });

  it("the members' diff: the retitled item and sub-item paired with themselves, the new ones added", () => {
    writeFileSync(file, `${original}${items(true)}`);
    const { changes } = JSON.parse(diff('--json')) as Diff;
    const told = changes.map((c) => `${c.type} ${c.title}`);
    expect(told).toContain('item-added Anlæg');
    expect(told).toContain('title-changed Budget XQZRC01 fortroligt');
    expect(told.filter((t) => t.startsWith('item-added'))).toEqual(['item-added Anlæg']);
    expect(changes.map((c) => c.type)).toContain('sub-item-added');
  });
});
