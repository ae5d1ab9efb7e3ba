import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { helpCommands, helpOf, helpOptions } from '../support/help.js';
import { exampleRoot } from '../support/examples.js';

// The examples in README.md and docs/ are run: a YAML file marked on its first line `# eksempel at skrive: <path>`
// (an example of that file to write) or `# uddrag af: <path>` (taken from that file, which holds it) is written
// over that file of a copy of the example it names (meetings/, eksempel/, fixtures/husstil/ or
// fixtures/husstil-sider/) and must pass `agenda check`; every command line `agenda ...` (in a sh block
// or in running text) must name a command and options that command's --help lists; every relative
// link must lead to a file.

/** Every markdown file of the docs, by its path from the package root. */
function docs(): Array<{ file: string; text: string }> {
  const files = [
    'README.md',
    ...readdirSync(path.join(packageRoot, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join('docs', f)),
  ];
  return files.map((file) => ({ file, text: readFileSync(path.join(packageRoot, file), 'utf8') }));
}

const fences = /^```(\w*)\n([\s\S]*?)^```$/gm;

interface YamlExample {
  where: string;
  /** The label's words: `eksempel at skrive` (an example to write), `uddrag af` (the file holds it), or others, wrong. */
  label: string;
  target: string;
  text: string;
}

/** A YAML block whose first line labels it with a file: each says which. */
const labelled = /^# (eksempel[^:\n]*|uddrag[^:\n]*): (\S+)\n/;

function yamlExamples(): YamlExample[] {
  return docs().flatMap(({ file, text }) =>
    [...text.matchAll(fences)]
      .filter((m) => m[1] === 'yaml' && labelled.test(m[2]!))
      .map((m) => ({
        where: `${file}:${text.slice(0, m.index).split('\n').length}`,
        label: labelled.exec(m[2]!)![1]!,
        target: labelled.exec(m[2]!)![2]!,
        text: m[2]!,
      })),
  );
}

/**
 * Whether `file`'s data holds `part`'s: each key with what it holds, each list's entries in order among the file's, a
 * text ending in " ..." as the beginning of the file's.
 */
function holds(file: unknown, part: unknown): boolean {
  if (Array.isArray(part)) {
    if (!Array.isArray(file)) return false;
    let at = 0;
    return part.every((entry) => {
      while (at < file.length && !holds(file[at], entry)) at++;
      return at++ < file.length;
    });
  }
  if (part !== null && typeof part === 'object')
    return (
      file !== null &&
      typeof file === 'object' &&
      Object.entries(part).every(([k, v]) => k in file && holds((file as Record<string, unknown>)[k], v))
    );
  if (typeof part === 'string' && part.endsWith(' ...')) return typeof file === 'string' && file.startsWith(part.slice(0, -4));
  return part === file;
}

/** The example a path belongs to, and the folder its commands run in. */
const examples = [
  { prefix: 'meetings/', copy: 'meetings', cwd: '' },
  { prefix: 'eksempel/', copy: 'eksempel', cwd: 'eksempel' },
  { prefix: 'fixtures/husstil/', copy: 'fixtures/husstil', cwd: 'fixtures/husstil' },
  { prefix: 'fixtures/husstil-sider/', copy: 'fixtures/husstil-sider', cwd: 'fixtures/husstil-sider' },
];
const meetingFile = /^\d{4}-\d{2}-\d{2}\.yaml$/;

/** `agenda check` of the snippet in place of its file, with the example's other files (a shared file, with its meetings). */
function checkExample({ target, text }: YamlExample) {
  const example = examples.find((e) => target.startsWith(e.prefix));
  if (!example) throw new Error(`# eksempel: ${target}: not a file of meetings/, eksempel/, fixtures/husstil/ or fixtures/husstil-sider/`);
  const dir = tempDir('agenda-docs-');
  cpSync(path.join(exampleRoot(), example.copy), path.join(dir, example.copy), { recursive: true });
  const file = path.join(dir, target);
  const name = path.basename(target);
  writeFileSync(file, text);
  return agenda(['check', ...(meetingFile.test(name) ? [name.slice(0, 10)] : [])], { cwd: path.join(dir, example.cwd) });
}

/** Every `agenda ...` command line: in sh blocks, and in code spans of the running text. */
function commandLines(): Array<{ where: string; line: string }> {
  return docs().flatMap(({ file, text }) => {
    const blocks = [...text.matchAll(fences)].filter((m) => m[1] === 'sh').flatMap((m) => m[2]!.split('\n'));
    const spans = [...text.replace(fences, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
    return [...blocks, ...spans]
      .flatMap((l) => l.split('&&'))
      .map((l) => l.trim().replace(/^npx /, ''))
      .filter((l) => /^agenda( |$)/.test(l))
      .map((line) => ({ where: file, line }));
  });
}

describe('the examples in the docs', () => {
  const snippets = yamlExamples();

  it('are there: a YAML example of each kind of file, in each guide that shows one', () => {
    const names = new Set(snippets.map((s) => (meetingFile.test(path.basename(s.target)) ? 'møde' : path.basename(s.target))));
    expect([...names].sort()).toEqual(['faste-punkter.yaml', 'kalender.yaml', 'kommune.yaml', 'møde', 'plan.yaml', 'udvalg.yaml']);
  });

  it('say truly what they are: an example to write, or an excerpt of a file that holds it', () => {
    const untrue = snippets.flatMap(({ where, label, target, text }) => {
      if (label === 'eksempel at skrive') return [];
      if (label !== 'uddrag af') return [`${where}: # ${label}: say "eksempel at skrive" (an example) or "uddrag af" (the file holds it)`];
      const file = path.join(exampleRoot(), target);
      return existsSync(file) && holds(parse(readFileSync(file, 'utf8')), parse(text)) ? [] : [`${where}: ${target} does not hold it`];
    });
    expect(untrue).toEqual([]);
    expect(snippets.filter((s) => s.label === 'uddrag af').length).toBeGreaterThan(0);
  });

  it.each(snippets.map((s) => [`${s.where} (${s.target})`, s] as const))('%s passes agenda check', (_, snippet) => {
    const run = checkExample(snippet);
    expect(run.stderr.split('\n').filter((l) => /: error|^[^:]+:\d+:\d+: (?!warning)/.test(l))).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });

  it('fail the test when they do not check: a misspelt key in a copy of one is an error', () => {
    const snippet = snippets.find((s) => meetingFile.test(path.basename(s.target)))!;
    const run = checkExample({ ...snippet, text: snippet.text.replace('punkter:', 'punkterr:') });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/punkterr: unknown key \(did you mean 'punkter'\?\)/);
  });

  it('name only commands and options that agenda --help lists', () => {
    const commands = helpCommands(helpOf([]));
    const optionsOf = new Map(commands.map((c) => [c, helpOptions(helpOf([c])).flatMap((o) => [o.long, o.short ?? o.long])]));
    const own = helpOptions(helpOf([])).flatMap((o) => [o.long, o.short ?? o.long]);
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(40);
    const wrong = lines.flatMap(({ where, line }) => {
      const [, command, ...rest] = line.split(/\s+/);
      if (!command || !/^[-a-z]/.test(command)) return []; // agenda <command>, agenda ...
      if (command.startsWith('-')) return own.includes(command) ? [] : [`${where}: ${line}: ${command}`];
      const known = optionsOf.get(command);
      if (!known) return [`${where}: ${line}: no command ${command}`];
      return rest
        .filter((word) => /^--?[a-z]/i.test(word) && !known.includes(word.replace(/=.*/, '')))
        .map((flag) => `${where}: ${line}: ${flag}`);
    });
    expect(wrong).toEqual([]);
  });

  it('link only to files that are there', () => {
    const links = docs().flatMap(({ file, text }) =>
      [...text.replace(fences, '').matchAll(/\]\(([^)#\s]+)[^)]*\)|src="([^"]+)"/g)]
        .map((m) => (m[1] ?? m[2])!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .map((target) => ({ file, target })),
    );
    expect(links.length).toBeGreaterThan(30);
    expect(links.filter(({ file, target }) => !existsSync(path.join(packageRoot, path.dirname(file), target)))).toEqual([]);
  });
});
