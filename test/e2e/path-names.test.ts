import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

// A committee's short name (`kort`) begins its documents' file names in a repository of several
// committees (out/KB-2024-01-16-dagsorden.pdf). A name that is a path would lead the file out of the
// output folder, so it is refused where it is written, and no command writes a file anywhere else.

/** Every file under `dir`, by its path there. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

const names: Record<string, string> = {
  'a path up and out': '"../../escaped"',
  'a path into a folder': 'KB/sub',
  'the folder above': '..',
  'a Windows path': '..\\..\\escaped',
  'a control character': '"KB\\u001b[2J"',
  'a name too long for a file name': 'K'.repeat(300),
};

const commands: string[][] = [
  ['build', '--all'],
  ['build', '2024-01-16', '--udvalg', 'KB'],
  ['publish', '--out', 'site', '--url', 'https://moeder.example.dk/'],
];

// `build --all` prints the other committee (ØK) before it reports KB's kort, some 2.5 s of CPU that reads
// nothing of KB's name: the first name is refused among both committees, the others with KB alone.
const withOthers = Object.keys(names)[0];

describe("a committee's kort that is not a name: a path, a control character, too long", () => {
  for (const [what, kort] of Object.entries(names)) {
    for (const args of commands) {
      const alone = args[1] === '--all' && what !== withOthers;
      it(`is refused at its line by agenda ${args.join(' ')}${alone ? ' (KB alone)' : ''}, and no file is written outside out/ or site/: ${what}`, () => {
        const base = tempDir('agenda-kort-');
        const repo = path.join(base, 'repo');
        cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
        if (alone) rmSync(path.join(repo, 'udvalg', 'ØK'), { recursive: true });
        const udvalg = path.join(repo, 'udvalg', 'KB', 'udvalg.yaml');
        writeFileSync(udvalg, readFileSync(udvalg, 'utf8').replace('kort: KB\n', `kort: ${kort}\n`));
        const before = filesUnder(base);
        const run = agenda(args, { cwd: repo });
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toMatch(/^udvalg\/KB\/udvalg\.yaml:3:7: kort: is part of the documents' file names/m);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        const added = filesUnder(base).filter((f) => !before.includes(f));
        expect(added.filter((f) => !/^repo\/(out|site)(\/|$)/.test(f))).toEqual([]);
      });
    }
  }
});
