import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceFiles } from '../../src/commands/reference.js';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { helpCommands, helpOf, helpOptions } from '../support/help.js';
import { exampleRoot } from '../support/examples.js';

// docs/reference/ is written by `npm run build` from the option table and the schemas. These tests
// hold it to the command line as it runs (its --help) and to the JSON Schemas it writes, and hold
// what is committed to what the code makes, so a new key or flag cannot go undocumented.

const folder = path.join(packageRoot, 'docs', 'reference');
const read = (name: string) => readFileSync(path.join(folder, name), 'utf8');

/** `git show :path`: the file as staged (on a fresh clone, as committed); undefined outside a git work tree. */
function staged(name: string): string | undefined {
  const run = spawnSync('git', ['show', `:docs/reference/${name}`], { cwd: packageRoot, encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: packageRoot, encoding: 'utf8' }).stdout.trim() === 'true';

const section = (text: string, heading: string) => text.split(/\n(?=## )/).find((s) => s.startsWith(`## ${heading}\n`)) ?? '';
const helpFlags = (help: string) => helpOptions(help).map((o) => o.long);

/** Every key's path in a JSON Schema, as the reference writes it: `punkter[].bilag[].titel`. */
function keyPaths(node: unknown, prefix = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
  return [
    ...Object.entries(n.properties ?? {}).flatMap(([key, value]) => [`${prefix}${key}`, ...keyPaths(value, `${prefix}${key}.`)]),
    ...(n.items ? keyPaths(n.items, `${prefix.replace(/\.$/, '')}[].`) : []),
    ...(n.anyOf ?? []).flatMap((alternative) => keyPaths(alternative, prefix)),
  ];
}

describe('the generated reference (docs/reference/)', () => {
  it('is what the code makes, as the build wrote it', async () => {
    const files = await referenceFiles();
    expect(Object.keys(files).sort()).toEqual(readdirSync(folder).sort());
    for (const [name, text] of Object.entries(files)) expect(read(name), name).toBe(text);
  });

  it.runIf(inGit)('is committed as the code makes it (run npm run build and commit docs/reference/)', async () => {
    for (const [name, text] of Object.entries(await referenceFiles())) expect(staged(name), `docs/reference/${name} in git`).toBe(text);
  });

  it('has every command of agenda --help, each with every option its --help lists, and no other', () => {
    const reference = read('commands.md');
    const commands = helpCommands(helpOf([]));
    expect(commands.length).toBeGreaterThan(10);
    expect([...reference.matchAll(/^## agenda ([a-z]+)$/gm)].map((m) => m[1])).toEqual(commands);
    for (const command of commands) {
      const flags = helpFlags(helpOf([command])).filter((f) => f !== '--help');
      const documented = [...section(reference, `agenda ${command}`).matchAll(/^\| `(?:-\w, )?(--[\p{Ll}-]+)/gmu)].map((m) => m[1]);
      expect(documented, command).toEqual(flags);
    }
    const ownFlags = helpFlags(helpOf([]));
    expect(ownFlags).toEqual(['--version', '--help']);
    for (const flag of ownFlags) expect(reference).toMatch(new RegExp(`^\\| \`(-\\w, )?${flag}\``, 'm'));
  });

  it('has every key of every JSON Schema agenda schema writes, and no other', () => {
    const dir = tempDir('agenda-reference-');
    cpSync(path.join(exampleRoot(), 'eksempel'), dir, { recursive: true });
    cpSync(path.join(exampleRoot(), 'meetings'), path.join(dir, 'meetings'), { recursive: true });
    // The meeting's and the shared files' schemas of the example (with the package's sections), and kommune.yaml's.
    const written = [agenda(['schema', '--meetings', 'meetings'], { cwd: dir }), agenda(['schema', '--udvalg', 'ØK'], { cwd: dir })];
    for (const run of written) expect(run.status, run.stderr).toBe(0);
    const reference = read('yaml.md');
    const byFile: Record<string, string> = {
      'schema.json': 'YYYY-MM-DD.yaml',
      ...Object.fromEntries(['udvalg', 'faste-punkter', 'plan', 'kalender', 'kommune'].map((f) => [`${f}.schema.json`, `${f}.yaml`])),
    };
    const schemas: Array<[string, string]> = [
      ...readdirSync(path.join(dir, 'meetings'))
        .filter((f) => f.endsWith('.json'))
        .map((f): [string, string] => [f, path.join(dir, 'meetings', f)]),
      ['kommune.schema.json', path.join(dir, 'kommune.schema.json')],
    ];
    expect(schemas.map(([f]) => f).sort()).toEqual(Object.keys(byFile).sort());
    for (const [file, where] of schemas) {
      const keys = [...new Set(keyPaths(JSON.parse(readFileSync(where, 'utf8'))))].sort();
      const documented = [...section(reference, byFile[file]!).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).sort();
      expect(keys.length, file).toBeGreaterThan(3);
      expect(documented, file).toEqual(keys);
    }
  });
});
