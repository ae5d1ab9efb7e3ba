import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';

// A clerk who writes `lukket` meant to close something: an empty `lukket:`, a public title on an open
// item, or a yes the tool does not know must stop the build, never publish the content as open.

const date = '2024-03-07';
const empty = 'is empty: write lukket: true to close it (or false to keep it open)';
const onlyClosed = (key: string) => `only something closed has ${key}: add lukket: true, or remove ${key}`;

/** A copy of fixtures/lukket with `yaml` as the meeting of `date`. */
function committeeWith(yaml: string) {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  cpSync(closedFixture, meetings, { recursive: true });
  writeFileSync(path.join(meetings, `${date}.yaml`), yaml);
  return { dir, meetings, check: () => agenda(['check', date, '--meetings', 'meetings'], { cwd: dir }) };
}

/** `lines` as the meeting: check says `errors` (LINE:COL: path: message) of its file, and the public build writes no PDF. */
function expectRefused(lines: string[], errors: string[]) {
  const { dir, meetings, check } = committeeWith([...lines, ''].join('\n'));
  const run = check();
  expect(run.status).toBe(1);
  expect(errorLines(run.stderr)).toEqual(errors.map((e) => `meetings/${date}.yaml:${e}`));
  const build = agenda(['build', date, '--public', '--out', 'b.pdf', '--meetings', meetings], { cwd: dir });
  expect(build.status).toBe(1);
  expect(build.stderr).not.toContain('    at ');
  expect(existsSync(path.join(dir, 'b.pdf'))).toBe(false);
}

describe('a lukket: left empty', () => {
  it("is a located error wherever lukket stands, and the public build writes nothing (a new user's walk)", () => {
    expectRefused(
      [
        'punkter:',
        '  - titel: Sag',
        '    sagsfremstilling:',
        '      tekst: Hemmelig OTSECRET3',
        '      lukket:',
        '  - titel: Sag med tom lukket',
        '    lukket:',
        '    tidsplan:',
        '      - { punkt: Række, lukket: }',
        '    bilag:',
        '      - { titel: Bilag OTSECRET4, lukket: }',
        '    beslutning: { tekst: Besluttet OTSECRET5, lukket: }',
        '    tilføjelser:',
        '      - { dato: 2024-03-20, tekst: Tilføjet, lukket: }',
      ],
      [
        `5:14: punkter[0].sagsfremstilling.lukket: ${empty}`,
        `7:12: punkter[1].lukket: ${empty}`,
        `9:33: punkter[1].tidsplan[0].lukket: ${empty}`,
        `11:43: punkter[1].bilag[0].lukket: ${empty}`,
        `12:55: punkter[1].beslutning.lukket: ${empty}`,
        `14:54: punkter[1].tilføjelser[0].lukket: ${empty}`,
      ],
    );
  });

  it('is an error in a standing item and in a plan point too', () => {
    const { meetings, check } = committeeWith('punkter:\n');
    edit(path.join(meetings, 'faste-punkter.yaml'), '    titel: Orientering\n', '$&    lukket:\n');
    edit(path.join(meetings, 'plan.yaml'), '    lukket: ja\n', '    lukket:\n');
    // The line each empty lukket: stands on in the fixture's files, wherever the fixture puts it.
    const line = (file: string) => readFileSync(path.join(meetings, file), 'utf8').split('\n').indexOf('    lukket:') + 1;
    const lines = errorLines(check().stderr);
    expect(lines).toContain(`meetings/faste-punkter.yaml:${line('faste-punkter.yaml')}:12: punkter[0].lukket: ${empty}`);
    expect(lines).toContain(`meetings/plan.yaml:${line('plan.yaml')}:12: afventer_dato[0].lukket: ${empty}`);
  });
});

describe('a key only something closed has, on something open', () => {
  it("is a located error at the key, and the public build writes nothing (a new user's walk)", () => {
    expectRefused(
      [
        'punkter:',
        '  - titel: Personalesag OTSECRET',
        '    offentlig_titel: Personalesag',
        '    sagsfremstilling: Hemmelig tekst OTSECRET2.',
        '    bilag:',
        '      - { titel: Åbent bilag, offentlig_note: jf. § 30 }',
        '    underpunkter:',
        '      - { titel: Underpunkt, offentlig_titel: Offentlig }',
        '  - fast: orientering',
        '    offentlig_titel: Orientering',
        '  - titel: Åbnet',
        '    lukket: nej',
        '    offentlig_titel: Lukket sag',
      ],
      [
        `3:22: punkter[0].offentlig_titel: ${onlyClosed('offentlig_titel')}`,
        `6:47: punkter[0].bilag[0].offentlig_note: ${onlyClosed('offentlig_note')}`,
        `8:47: punkter[0].underpunkter[0].offentlig_titel: ${onlyClosed('offentlig_titel')}`,
        `10:22: punkter[1].offentlig_titel: ${onlyClosed('offentlig_titel')} (the standing item 'orientering' is open)`,
        `13:22: punkter[2].offentlig_titel: ${onlyClosed('offentlig_titel')}`,
      ],
    );
  });

  it('leaves it alone where something closes it: its own lukket, its standing item, the item or sub-item that holds it', () => {
    const { meetings, check } = committeeWith(
      [
        'punkter:',
        '  - fast: personale',
        '    offentlig_titel: Personalesag',
        '    bilag:',
        '      - { titel: Notat, offentlig_note: jf. § 30 }',
        '  - titel: Sag',
        '    lukket: true',
        '    offentlig_titel: Sag',
        '    underpunkter:',
        '      - { titel: Underpunkt, offentlig_titel: Offentlig }',
        '  - titel: Åben sag',
        '    bilag:',
        '      - { titel: Lukket bilag, lukket: Ja, offentlig_note: jf. § 30 }',
        '    underpunkter:',
        '      - titel: Lukket underpunkt',
        '        lukket: true',
        '        offentlig_titel: Underpunkt',
        '        bilag:',
        '          - { titel: Bilag, offentlig_note: jf. § 30 }',
        '',
      ].join('\n'),
    );
    edit(path.join(meetings, 'faste-punkter.yaml'), /$/, '  - id: personale\n    titel: Personalesager\n    lukket: true\n');
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('a closed point of the forward plan, the only closed thing of a meeting', () => {
  it("makes the members' version say it holds closed content, on its front page and atop the plan's page", () => {
    // fixtures/lukket/plan.yaml has closed points; item 1, open, shows the plan, and the meeting has nothing else.
    const { dir, meetings } = committeeWith('punkter:\n');
    const build = agenda(['build', date, '--out', 'm.pdf', '--meetings', meetings], { cwd: dir });
    expect(build.status, build.stderr).toBe(0);
    const pages = pdfPages(path.join(dir, 'm.pdf'));
    expect(pages[0]).toContain('Indeholder lukkede oplysninger – må ikke offentliggøres');
    const plan = pages.find((p) => p.includes('Opfølgning på personalesag XQZSECRET05'));
    expect(plan).toContain('Lukket indhold');
  });
});

describe('agenda plan and agenda new, for the clerk', () => {
  it('show a closed plan point marked closed, and draft it as a closed row of the timetable', () => {
    const { dir, meetings } = committeeWith('punkter:\n');
    edit(path.join(meetings, 'faste-punkter.yaml'), /$/, '  - id: fra-planen\n    titel: Fra planen\n    fra_plan: true\n');
    const plan = agenda(['plan', '--meetings', 'meetings'], { cwd: dir });
    expect(plan.stdout).toContain('- Lukket: Endelig aftale om køb af grund XQZSECRET12');
    expect(agenda(['new', '2024-04-10', '--meetings', 'meetings'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(path.join(meetings, '2024-04-10.yaml'), 'utf8')).toContain(
      '        punkt: Opfølgning på personalesag XQZSECRET05\n        lukket: true\n',
    );
  });
});

describe('lukket: in words', () => {
  it('takes ja and nej as YAML takes true and false (ja, Ja, JA; nej, Nej, NEJ), and closes with them', () => {
    const words = ['ja', 'Ja', 'JA', 'nej', 'Nej', 'NEJ'];
    const { dir, meetings, check } = committeeWith(
      `punkter:\n${words.map((w, i) => `  - titel: Punkt ${w} XQZWORD${i}\n    lukket: ${w}\n`).join('')}`,
    );
    expect(check().stderr).toBe('');
    const build = agenda(['build', date, '--public', '--out', 'p.pdf', '--meetings', meetings], { cwd: dir });
    expect(build.status, build.stderr).toBe(0);
    const text = pdfPages(path.join(dir, 'p.pdf')).join('\n');
    for (const i of [0, 1, 2]) expect(text).not.toContain(`XQZWORD${i}`);
    for (const i of [3, 4, 5]) expect(text).toContain(`XQZWORD${i}`);
  });

  it('refuses yes, on and 1 (another reader may take them for true, or for text): never silently open', () => {
    const { check } = committeeWith('punkter:\n  - titel: A\n    lukket: yes\n  - titel: B\n    lukket: on\n  - titel: C\n    lukket: 1\n');
    const run = check();
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual(
      [3, 5, 7].map((line, i) => `meetings/${date}.yaml:${line}:13: punkter[${i}].lukket: expected ja or nej (or true or false)`),
    );
  });
});
