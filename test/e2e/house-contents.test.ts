import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { edit } from '../support/edit.js';

// A designer's templates and stylesheet (husstil/) may change every look, but never make the contents
// wrong at exit code 0: the contents are proved against the print on every build.

/** fixtures/husstil, its first item three pages long, so that a page number off by a heading shows. */
function house(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(packageRoot, 'fixtures', 'husstil'), repo, { recursive: true });
  const long = Array.from({ length: 90 }, (_, i) => `      Afsnit ${i + 1} om sundhedspolitikken.`).join('\n\n');
  edit(path.join(repo, 'udvalg', 'SUF', '2012-12-04.yaml'), /^ {4}sagsfremstilling: Udvalget.*$/m, `    sagsfremstilling: |\n${long}`);
  return repo;
}

/** Builds; exit code 0 with every contents entry on the page it names, or exit code 1 naming the house's file. */
function buildsRightOrNames(repo: string, file: string): void {
  const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo });
  const pdf = path.join(repo, 'a.pdf');
  if (run.status === 0) {
    const entries = contentsEntries(pdf);
    expect(entries.length).toBe(2);
    for (const e of entries) expect(e.printed, e.title).toBe(e.listed);
  } else {
    expect(run.stderr).toMatch(new RegExp(`^[^\\n]*husstil/${file}[^\\n]*: .*contents.*\\n$`));
    expect(run.status).toBe(1);
    expect(existsSync(pdf)).toBe(false);
  }
}

describe("the contents of a house style's documents, proved against the print", () => {
  it('a heading on a replaced front page: the contents still right, or an error naming the partial', () => {
    const repo = house();
    const front = path.join(repo, 'husstil', 'partials', 'forside.hbs');
    writeFileSync(front, `<h1>Forsiden</h1>\n<div style="break-after: page"></div>\n${readFileSync(front, 'utf8')}`);
    buildsRightOrNames(repo, 'partials/forside.hbs');
  });

  it('a stylesheet that changes the body font: the page numbers still printed, or an error naming style.css', () => {
    const repo = house();
    appendFileSync(path.join(repo, 'husstil', 'style.css'), 'body { font-family: Georgia, serif; }\n');
    buildsRightOrNames(repo, 'style.css');
  });
});
