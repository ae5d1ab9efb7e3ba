import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// A designer's templates and stylesheet (husstil/) may change every look, but never make the contents
// wrong at exit code 0: the contents are proved against the print on every build.

/** fixtures/husstil, its first item three pages long, so that a page number off by a heading shows. */
function house(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  const long = Array.from({ length: 90 }, (_, i) => `      Afsnit ${i + 1} om sundhedspolitikken.`).join('\n\n');
  edit(path.join(repo, 'udvalg', 'SUF', '2012-12-04.yaml'), /^ {4}sagsfremstilling: Udvalget.*$/m, `    sagsfremstilling: |\n${long}`);
  return repo;
}

const build = (repo: string) => agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo });

/** Builds, exit code 0, every contents entry on the page it names. */
function buildsRight(repo: string): void {
  const run = build(repo);
  expect(run.status, run.stderr).toBe(0);
  const entries = contentsEntries(path.join(repo, 'a.pdf'));
  expect(entries.map((e) => e.title)).toEqual(['1. Sundhedspolitik 2013', '2. Forebyggelse i skolerne']);
  for (const e of entries) expect(e.printed, e.title).toBe(e.listed);
}

/** Refused: exit code 1, one line naming the house's `file`, and no PDF. */
function refused(repo: string, file: string, mistake: string): void {
  const run = build(repo);
  expect(run.stderr).toMatch(
    new RegExp(
      `^[^\\n]*husstil/${file}[^\\n]*: the house style's templates or stylesheet make a contents the print does not bear out: [^\\n]*${mistake}`,
    ),
  );
  expect(run.stderr.split('\n').length).toBe(2);
  expect(run.status).toBe(1);
  expect(existsSync(path.join(repo, 'a.pdf'))).toBe(false);
}

describe("the contents of a house style's documents, proved against the print", () => {
  it('a heading on a replaced front page leaves the page numbers right', () => {
    const repo = house();
    const front = path.join(repo, 'husstil', 'partials', 'forside.hbs');
    writeFileSync(front, `<h1>Forsiden</h1>\n<div style="break-after: page"></div>\n${readFileSync(front, 'utf8')}`);
    buildsRight(repo);
  });

  it('a stylesheet that changes the body font leaves the page numbers printed', () => {
    const repo = house();
    appendFileSync(path.join(repo, 'husstil', 'style.css'), 'body { font-family: Georgia, serif; }\n');
    buildsRight(repo);
  });

  it('a contents partial that prints other numbers is an error naming it', () => {
    const repo = house();
    const own = readFileSync(path.join(packageRoot, 'templates', 'partials', 'indhold.hbs'), 'utf8').replace('{{page}}', '{{@index}}');
    writeFileSync(path.join(repo, 'husstil', 'partials', 'indhold.hbs'), own);
    refused(repo, 'partials/indhold.hbs', 'the contents put "1. Sundhedspolitik 2013" on page 0, but no page prints the number 0');
  });

  it('an item heading hidden by the stylesheet is an error naming it', () => {
    const repo = house();
    appendFileSync(path.join(repo, 'husstil', 'style.css'), '.punkt h1 { display: none; }\n');
    refused(repo, 'style.css', 'the contents list "1. Sundhedspolitik 2013", but the print has no such heading after them');
  });
});
