import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { type Diagnostic, YamlEditor } from '../support/yaml-editor.js';
import { exampleRoot } from '../support/examples.js';

// Every file the clerk edits, opened as VS Code's YAML extension opens it: yaml-language-server finds
// the schema by the file's modeline, completes and explains its keys, and finds the same mistakes as
// `agenda check`. One server for the whole file.

/** The shipped folders, each with the committees `agenda check` checks in it. */
const folders = [
  { dir: 'meetings', committees: [['-m', '.']] },
  {
    dir: 'eksempel',
    committees: [
      ['--udvalg', 'ØK'],
      ['--udvalg', 'KB'],
    ],
  },
  { dir: 'fixtures/lukket', committees: [['-m', '.']] },
  { dir: 'fixtures/husstil', committees: [['--udvalg', 'SUF']] },
  { dir: 'fixtures/husstil-sider', committees: [['--udvalg', 'SUF']] },
];
const yamlFiles = (dir: string) =>
  readdirSync(path.join(exampleRoot(), dir), { recursive: true })
    .filter((f): f is string => typeof f === 'string' && f.endsWith('.yaml') && !f.includes('bilag'))
    .map((f) => path.join(exampleRoot(), dir, f));
const shippedFiles = folders.flatMap(({ dir }) => yamlFiles(dir));

/** Where each key of the file stands: its line and column, 0-based as the editor counts. */
function keyPositions(text: string): Array<{ key: string; line: number; character: number }> {
  return text.split('\n').flatMap((line, i) => {
    const m = /^(\s*(?:- )?)([\p{L}_][\p{L}\p{N}_]*):(?:\s|$)/u.exec(line);
    return m?.[1] !== undefined && m[2] ? [{ key: m[2], line: i, character: m[1].length }] : [];
  });
}

/** The file's schema, as the modeline names it. */
function schemaOf(file: string): { properties?: Record<string, unknown> } {
  const named = /^# yaml-language-server: \$schema=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return JSON.parse(readFileSync(path.join(path.dirname(file), named), 'utf8')) as { properties?: Record<string, unknown> };
}

let editor: YamlEditor;
/**
 * Opens the files at once and waits for the diagnostics of each: the server publishes a file's some 200 ms after
 * it opens (yaml-language-server's validationDelayMs), a wait a file at a time would spend idle, once per file.
 */
const openAll = (files: Array<[file: string, text: string]>) => Promise.all(files.map(([file, text]) => editor.open(file, text)));
beforeAll(async () => {
  editor = new YamlEditor();
  await editor.start();
});
afterAll(() => editor.stop());

describe('the shipped YAML files in an editor with the YAML extension', () => {
  it('name their schema on the first line, where the extension reads it, and the editor and agenda check accept them', async () => {
    const opened = await openAll(shippedFiles.map((file) => [file, readFileSync(file, 'utf8')]));
    shippedFiles.forEach((file, i) => {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toMatch(/^# yaml-language-server: \$schema=\S+\.json$/);
      expect(opened[i], file).toEqual([]);
      editor.close(file);
    });
    for (const { dir, committees } of folders) {
      for (const args of committees) {
        expect(agenda(['check', ...args], { cwd: path.join(exampleRoot(), dir) }).status, `${dir} ${args.join(' ')}`).toBe(0);
      }
    }
  });

  it('complete every key the file does not give yet, and show a description on hovering over each key', async () => {
    const withEmptyLine = (text: string) => `${text.trimEnd()}\n\n`;
    await openAll(shippedFiles.map((file) => [file, withEmptyLine(readFileSync(file, 'utf8'))]));
    for (const file of shippedFiles) {
      const text = readFileSync(file, 'utf8');
      const lines = withEmptyLine(text);
      const offered = await editor.completion(file, { line: lines.split('\n').length - 1, character: 0 });
      const given = new Set(
        keyPositions(text)
          .filter((k) => k.character === 0)
          .map((k) => k.key),
      );
      const keys = Object.keys(schemaOf(file).properties ?? {});
      expect(offered.sort(), file).toEqual(keys.filter((k) => !given.has(k)).sort());
      for (const at of keyPositions(text)) {
        const shown = (await editor.hover(file, at)).replace(/^Source: .*$/m, '').trim();
        expect(shown, `${file}:${at.line + 1}: ${at.key}`).not.toBe('');
      }
      editor.close(file);
    }
  });
});

/** A house style under `husstil:` in udvalg.yaml, for a mistake in it. */
const husstil = (yaml: string) => ({
  file: 'udvalg.yaml',
  from: /^sagsgang: DIR$/m,
  to: `sagsgang: DIR\nhusstil:\n${yaml}`,
  at: yaml.split('\n').at(-1)!,
});

/**
 * A mistake made in one file of a copy of meetings/: the editor and agenda check report it on the same
 * line. One for each rule of the files that JSON Schema can say (docs/develop/schemas.md lists them).
 */
const mistakes: Array<{ what: string; file: string; from: RegExp; to: string; at: string }> = [
  { what: 'an unknown key', file: 'udvalg.yaml', from: /^sagsgang: DIR$/m, to: 'sagsgang: DIR\nsagsgange: DIR', at: 'sagsgange: DIR' },
  { what: 'a wrong type', file: 'plan.yaml', from: /^møder:$/m, to: 'møder: 2023-11-29', at: 'møder: 2023-11-29' },
  { what: 'an empty required text', file: 'faste-punkter.yaml', from: /^ {4}titel: .*$/m, to: '    titel:', at: '    titel:' },
  { what: 'an empty fast:', file: '2023-11-22.yaml', from: /^punkter:$/m, to: 'punkter:\n  - fast:', at: '  - fast:' },
  { what: 'sted: ""', file: '2023-11-22.yaml', from: /^punkter:$/m, to: 'sted: ""\npunkter:', at: 'sted: ""' },
  { what: 'a bad time', file: 'udvalg.yaml', from: /^start: .*$/m, to: 'start: 25:00', at: 'start: 25:00' },
  { what: 'a time read as a number, with minutes past 59', file: 'udvalg.yaml', from: /^slut: .*$/m, to: 'slut: 16.75', at: 'slut: 16.75' },
  { what: 'a text of spaces only', file: 'udvalg.yaml', from: /^sted: .*$/m, to: 'sted: "   "', at: 'sted: "   "' },
  { what: "YAML's word for no value in a required key", file: 'udvalg.yaml', from: /^navn: .*$/m, to: 'navn: ~', at: 'navn: ~' },
  { what: 'a control character', file: 'udvalg.yaml', from: /^navn: .*$/m, to: 'navn: "Direktionen\\a"', at: 'navn: "Direktionen\\a"' },
  {
    what: 'a name on two lines',
    file: 'udvalg.yaml',
    from: /^sted: .*$/m,
    to: 'sted: "Mødelokale 250\\nrådhuset"',
    at: 'sted: "Mødelokale 250\\nrådhuset"',
  },
  {
    what: "a short name that cannot be part of a file's name",
    file: 'udvalg.yaml',
    from: /^sagsgang: DIR$/m,
    to: 'sagsgang: DIR\nkort: DIR/ØK',
    at: 'kort: DIR/ØK',
  },
  {
    what: 'a date not in the calendar',
    file: 'plan.yaml',
    from: /^ {2}- dato: 2023-09-13$/m,
    to: '  - dato: 2023-02-29',
    at: '  - dato: 2023-02-29',
  },
  {
    what: 'an attachment numbered 0',
    file: '2023-11-22.yaml',
    from: /^ {8}dokument: 116728\/23$/m,
    to: '        nummer: "0"',
    at: '        nummer: "0"',
  },
  {
    what: 'an open attachment without a titel',
    file: '2023-11-22.yaml',
    from: /^ {6}- titel: Notat Tidsplan .*$/m,
    to: '      - lukket: nej',
    at: '      - lukket: nej',
  },
  {
    what: 'an empty lukket:, which is no "not given" but an error',
    file: '2023-11-22.yaml',
    from: /^ {8}dokument: 116728\/23$/m,
    to: '        lukket:',
    at: '        lukket:',
  },
  { what: 'lukket: yes', file: '2023-11-22.yaml', from: /^ {6}- lukket: true$/m, to: '      - lukket: yes', at: '      - lukket: yes' },
  {
    what: 'a public title on an item that says it is open',
    file: '2023-11-22.yaml',
    from: /^ {2}- fast: økonomi$/m,
    to: '  - fast: økonomi\n    lukket: false\n    offentlig_titel: Økonomi',
    at: '    offentlig_titel: Økonomi',
  },
  {
    what: 'an empty lukket: on a point of the plan',
    file: 'plan.yaml',
    from: /^ {6}- KB-håndbogen$/m,
    to: '      - tekst: KB-håndbogen\n        lukket:',
    at: '        lukket:',
  },
  { what: 'a weekday rhythm without its end', file: 'udvalg.yaml', from: /^ {2}til: 2023-12-20\n/m, to: '', at: 'mødeplan:' },
  {
    what: 'a mødeplan without meetings',
    file: 'udvalg.yaml',
    from: /^ {2}ugedag: .*\n {2}fra: .*\n {2}til: .*\n/m,
    to: '',
    at: 'mødeplan:',
  },
  { what: 'a house style without sections', ...husstil('  afsnit: []') },
  { what: 'a section under a key every item has', ...husstil('  afsnit:\n    - overskrift: Titel\n      nøgle: titel') },
  { what: 'a placeholder a phrase does not know', ...husstil('  ord:\n    afbud: "{navn} (afbud)"') },
  { what: 'a clock in a date pattern', ...husstil('  datoer:\n    titel: dd.mm.yyyy') },
  { what: 'a kind of page a header does not know', ...husstil('  sidehoved:\n    venstre: "{udvalg}"\n    sider: [forside, bagside]') },
  { what: 'a placeholder a line of the footer does not know', ...husstil('  sidefod:\n    midte:\n      - "Side {sid}"') },
  { what: 'numbering from a page there is none of', ...husstil('  sidetal_fra: bagside') },
];

/**
 * One `agenda check` for a round of mistakes, one in each file: the n-th mistake of each file goes in
 * round n, made in one copy of meetings/ (a line number found in a file is its own mistake's).
 */
const rounds = new Map<number, ReturnType<typeof agenda>>();
const roundOf = (i: number) => mistakes.slice(0, i).filter((m) => m.file === mistakes[i]?.file).length;
function checkRound(round: number): ReturnType<typeof agenda> {
  const made = rounds.get(round);
  if (made) return made;
  const dir = path.join(tempDir(), 'meetings');
  cpSync(path.join(exampleRoot(), 'meetings'), dir, { recursive: true });
  mistakes.forEach(({ file, from, to }, i) => {
    if (roundOf(i) === round) writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8').replace(from, to));
  });
  const checked = agenda(['check'], { cwd: path.dirname(dir) });
  rounds.set(round, checked);
  return checked;
}

describe('a mistake, in the editor and in agenda check', () => {
  // Each mistake in a copy of meetings/ of its own, all opened in the editor at once (openAll).
  const made = mistakes.map(({ file, from, to }) => {
    const dir = path.join(tempDir(), 'meetings');
    cpSync(path.join(exampleRoot(), 'meetings'), dir, { recursive: true });
    const before = readFileSync(path.join(dir, file), 'utf8');
    const broken = before.replace(from, to);
    writeFileSync(path.join(dir, file), broken);
    return { before, broken, path: path.join(dir, file) };
  });
  let opened: Diagnostic[][] = [];
  beforeAll(async () => {
    opened = await openAll(made.map((m) => [m.path, m.broken]));
    for (const m of made) editor.close(m.path);
  });

  mistakes.forEach(({ what, file, from, at }, i) => {
    it(`${what} (${file}): both report it, on the same line`, () => {
      const { before, broken } = made[i]!;
      expect(before).toMatch(from);
      const line = broken.split('\n').indexOf(at) + 1;
      const diagnostics = opened[i]!;
      const checked = checkRound(roundOf(i));
      expect(checked.status, checked.stderr).not.toBe(0);
      expect(checked.stderr).toMatch(new RegExp(`^meetings/${file}:${line}:\\d+: `, 'm'));
      expect(
        diagnostics.map((d) => d.range.start.line + 1),
        JSON.stringify(diagnostics),
      ).toContain(line);
    });
  });
});

describe('what agenda check accepts', () => {
  it('the editor accepts too: True for true, Nej and JA, ~ for no value, a required list left empty, a closed plan point', async () => {
    const dir = path.join(tempDir(), 'meetings');
    cpSync(path.join(exampleRoot(), 'meetings'), dir, { recursive: true });
    const edits: Array<[string, RegExp, string]> = [
      ['2023-11-22.yaml', /^ {6}- lukket: true$/m, '      - lukket: True'],
      ['2023-11-22.yaml', /^ {8}dokument: 116728\/23$/m, '        dokument: 116728/23\n        lukket: Nej'],
      ['plan.yaml', /^ {6}- KB-håndbogen$/m, '      - tekst: KB-håndbogen\n        lukket: JA'],
      ['2023-11-22.yaml', /^punkter:$/m, 'sted: ~\npunkter:'],
      ['plan.yaml', /^møder:$/m, 'møder:\n  - dato: 2023-12-20\n    punkter:'],
    ];
    for (const [file, from, to] of edits) {
      const before = readFileSync(path.join(dir, file), 'utf8');
      expect(before, `${file}: ${to}`).toMatch(from);
      writeFileSync(path.join(dir, file), before.replace(from, to));
    }
    const files = [...new Set(edits.map(([f]) => path.join(dir, f)))];
    const opened = await openAll(files.map((file) => [file, readFileSync(file, 'utf8')]));
    files.forEach((file, i) => {
      expect(opened[i], file).toEqual([]);
      editor.close(file);
    });
    const checked = agenda(['check'], { cwd: path.dirname(dir) });
    expect(checked.status, checked.stderr).toBe(0);
  });
});

describe('a key given twice', () => {
  it("does not hide the file's other mistakes: agenda check reports it and a bad time below it, as the editor does", async () => {
    const dir = path.join(tempDir(), 'meetings');
    cpSync(path.join(exampleRoot(), 'meetings'), dir, { recursive: true });
    const file = path.join(dir, 'udvalg.yaml');
    const broken = readFileSync(file, 'utf8')
      .replace(/^sagsgang: DIR$/m, 'sagsgang: DIR\nsted: Byrådssalen')
      .replace(/^slut: .*$/m, 'slut: 17:75');
    writeFileSync(file, broken);
    const lines = ['sted: Byrådssalen', 'slut: 17:75'].map((l) => broken.split('\n').indexOf(l) + 1);
    const diagnostics = await editor.open(file, broken);
    editor.close(file);
    const checked = agenda(['check'], { cwd: path.dirname(dir) });
    expect(checked.status).not.toBe(0);
    for (const line of lines) {
      expect(checked.stderr).toMatch(new RegExp(`^meetings/udvalg.yaml:${line}:\\d+: `, 'm'));
      expect(diagnostics.map((d) => d.range.start.line + 1)).toContain(line);
    }
  });
});
