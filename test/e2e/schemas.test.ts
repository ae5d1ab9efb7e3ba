import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDefaultStyle } from '../../src/input/house-style.js';
import { sharedJsonSchemas } from '../../src/input/json-schema.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

/** The example folders as shipped: each committee's folder, and the repository it stands in. */
const examples = [
  { repository: 'meetings', committees: [{ dir: 'meetings', args: [] as string[] }] },
  {
    repository: 'eksempel',
    committees: ['ØK', 'KB'].map((kort) => ({ dir: path.join('eksempel', 'udvalg', kort), args: ['--udvalg', kort] })),
  },
];
const shipped = (dir: string) =>
  readdirSync(path.join(exampleRoot(), dir), { recursive: true }).filter((f): f is string => typeof f === 'string');
const schemaFiles = (dir: string) =>
  shipped(dir)
    .filter((f) => f.endsWith('schema.json'))
    .sort();
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
const validatorOf = (file: string) => ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);

describe('the JSON Schemas of the example files, for editors', () => {
  it('are current: agenda schema writes the very bytes committed, for the meetings and every shared file', () => {
    for (const { repository, committees } of examples) {
      const copy = path.join(tempDir(), repository);
      cpSync(path.join(exampleRoot(), repository), copy, { recursive: true });
      for (const { args } of committees) {
        const run = agenda(['schema', ...args], { cwd: repository === 'meetings' ? path.dirname(copy) : copy });
        expect(run.status).toBe(0);
        expect(run.stderr, 'every shipped file names its schema').toBe('');
      }
      const committed = schemaFiles(repository);
      expect(committed.length).toBeGreaterThan(repository === 'meetings' ? 4 : 5);
      for (const file of committed)
        expect(readFileSync(path.join(copy, file), 'utf8'), `${repository}/${file}`).toBe(
          readFileSync(path.join(exampleRoot(), repository, file), 'utf8'),
        );
    }
  });

  it("name a committee's file that names no schema, with the line to add, and leave the file as the clerk wrote it", () => {
    const repository = path.join(tempDir(), 'eksempel');
    cpSync(path.join(exampleRoot(), 'eksempel'), repository, { recursive: true });
    const own = path.join(repository, 'udvalg', 'TU', 'udvalg.yaml');
    mkdirSync(path.dirname(own));
    // A committee added by hand, from a copy whose first line (the schema's) was dropped; a meeting file written likewise.
    const udvalg = readFileSync(path.join(repository, 'udvalg', 'ØK', 'udvalg.yaml'), 'utf8')
      .replace(/^# yaml-language-server.*\n/m, '')
      .replace('navn: Økonomiudvalget', 'navn: Teknikudvalget')
      .replace('kort: ØK', 'kort: TU');
    writeFileSync(own, udvalg);
    writeFileSync(path.join(path.dirname(own), '2024-01-09.yaml'), '# Mødet i januar\npunkter:\n  - titel: Et punkt\n');
    const run = agenda(['schema', '--udvalg', 'TU'], { cwd: repository });
    expect(run.status, run.stderr).toBe(0);
    expect(errorLines(run.stderr)).toEqual([
      'udvalg/TU/udvalg.yaml: names no schema, so an editor offers none: add "# yaml-language-server: $schema=udvalg.schema.json" as its first line',
      'udvalg/TU/2024-01-09.yaml: names no schema, so an editor offers none: add "# yaml-language-server: $schema=schema.json" as its first line',
    ]);
    expect(readFileSync(own, 'utf8')).toBe(udvalg);
    // The line added where it says, below the clerk's own comment too: nothing told.
    writeFileSync(own, `# yaml-language-server: $schema=udvalg.schema.json\n${udvalg}`);
    writeFileSync(
      path.join(path.dirname(own), '2024-01-09.yaml'),
      '# Mødet i januar\n# yaml-language-server: $schema=schema.json\npunkter: []\n',
    );
    const named = agenda(['schema', '--udvalg', 'TU'], { cwd: repository });
    expect(named.status, named.stderr).toBe(0);
    expect(named.stderr).toBe('');
  });

  it('accept every shipped file, as an editor reads its YAML, and each file names its schema', () => {
    for (const { repository } of examples) {
      for (const file of shipped(repository).filter((f) => f.endsWith('.yaml') && !f.includes('bilag'))) {
        const yaml = readFileSync(path.join(exampleRoot(), repository, file), 'utf8');
        const named = /^# yaml-language-server: \$schema=(\S+)/m.exec(yaml)?.[1];
        expect(named, `${repository}/${file}`).toBeDefined();
        const validate = validatorOf(path.join(exampleRoot(), repository, path.dirname(file), named!));
        expect(validate(parse(yaml) ?? {}), `${repository}/${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('refuse what agenda check refuses in the shared files: each shipped file, broken in one place', async () => {
    const schemas = sharedJsonSchemas((await readDefaultStyle()).afsnit.map((a) => a.nøgle));
    const read = (file: string) => parse(readFileSync(path.join(exampleRoot(), file), 'utf8')) as Record<string, any>;
    const cases: Array<[string, string, (v: Record<string, any>) => void]> = [
      ['udvalg.yaml', 'meetings/udvalg.yaml', (v) => delete v.navn],
      ['udvalg.yaml', 'meetings/udvalg.yaml', (v) => (v.ukendt = 1)],
      ['faste-punkter.yaml', 'meetings/faste-punkter.yaml', (v) => delete v.punkter[0].id],
      ['plan.yaml', 'meetings/plan.yaml', (v) => (v.møder[0].dato = '13-09-2023')],
      ['kalender.yaml', 'meetings/kalender.yaml', (v) => (v.udvalg[0].kort = ['KB'])],
      ['kommune.yaml', 'eksempel/kommune.yaml', (v) => (v.husstil = { ukendt: true })],
    ];
    for (const [name, file, breakIt] of cases) {
      const validate = ajv.compile(schemas[name]!);
      const value = read(file);
      expect(validate(value), file).toBe(true);
      breakIt(value);
      expect(validate(value), `${file}, broken: ${breakIt.toString()}`).toBe(false);
    }
  });
});

describe("the fixtures' JSON Schemas, which their files name for an editor", () => {
  it('are current: agenda schema writes the very bytes committed', () => {
    for (const [fixture, args] of [
      ['lukket', ['-m', '.']],
      ['husstil', ['--udvalg', 'SUF']],
      ['husstil-sider', ['--udvalg', 'SUF']],
    ] as const) {
      const copy = path.join(tempDir(), fixture);
      cpSync(path.join(exampleRoot(), 'fixtures', fixture), copy, { recursive: true });
      expect(agenda(['schema', ...args], { cwd: copy }).status).toBe(0);
      const committed = schemaFiles(path.join('fixtures', fixture));
      expect(committed.length).toBe(fixture === 'lukket' ? 4 : 3);
      for (const file of committed) {
        expect(readFileSync(path.join(copy, file), 'utf8'), file).toBe(
          readFileSync(path.join(exampleRoot(), 'fixtures', fixture, file), 'utf8'),
        );
      }
    }
  });
});
