import { appendFileSync, cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// A designer's mistakes in husstil/ that once gave a wrong document at exit 0, or an error naming no
// file: each is an error naming the template or stylesheet, exit 1, and no PDF (fixtures/husstil).

function house(): string {
  const repo = path.join(tempDir('agenda-designer-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  return repo;
}

const build = (repo: string) =>
  agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo, env: { TZ: 'Europe/Copenhagen' } });

describe("a designer's mistake in husstil/", () => {
  it('a misspelt field in a partial, which printed nothing, is an error at its line', () => {
    const repo = house();
    edit(path.join(repo, 'husstil', 'partials', 'forside.hbs'), '{{meeting.committee}}', '{{meeting.comittee}}');
    const run = build(repo);
    expect(run.stderr).toBe('husstil/partials/forside.hbs:2: {{comittee}}: no such field here, so it would print nothing (misspelt?)\n');
    expect(run.status).toBe(1);
    expect(existsSync(path.join(repo, 'a.pdf'))).toBe(false);
  });

  it("a field the data leaves out, which the package's templates print too, is no error", () => {
    const repo = house();
    // A meeting has no title, an item has: a name the package prints is not taken for a misspelling.
    edit(path.join(repo, 'husstil', 'partials', 'forside.hbs'), '{{meeting.committee}}', '{{meeting.committee}}{{meeting.title}}');
    const run = build(repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('headings hidden with display: none, which crashed the print (exit 4), are an error naming the stylesheet', () => {
    const repo = house();
    appendFileSync(path.join(repo, 'husstil', 'style.css'), 'h1, h2 { display: none !important; }\n');
    const run = build(repo);
    expect(run.stderr).toMatch(
      /^husstil\/style\.css, husstil\/partials\/forside\.hbs: the house style's templates or stylesheet (leave headings out of the print|make a contents the print does not bear out)/,
    );
    expect(run.status).toBe(1);
    expect(existsSync(path.join(repo, 'a.pdf'))).toBe(false);
  });
});
