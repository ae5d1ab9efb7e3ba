import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

// A mistake in a template of the house style (husstil/partials/*.hbs) is the designer's: told as an
// error in that file, exit code 1, never as a bug of agenda's (exit code 6).

/** fixtures/husstil with `line` added to its front page partial, or a partial `file` of its own. */
function withTemplate(line: string, file = 'forside.hbs'): string {
  const repo = tempDir();
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  const partial = path.join(repo, 'husstil', 'partials', file);
  writeFileSync(partial, `${existsSync(partial) ? readFileSync(partial, 'utf8') : ''}${line}\n`);
  return repo;
}

const unclosed = "template syntax: Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'";
const mistakes: Array<[string, string, string, string?]> = [
  ['a block left open', '{{#if meeting}}open', `husstil/partials/forside.hbs:7:1: ${unclosed}`],
  ['a helper that does not exist', '{{nohelper meeting}}', 'husstil/partials/forside.hbs:6:1: Missing helper: "nohelper"'],
  [
    'a helper that does not exist, named without arguments first',
    '{{nohelper}}{{#nohelper}}x{{/nohelper}}{{nohelper meeting}}',
    'husstil/partials/forside.hbs:6:40: Missing helper: "nohelper"',
  ],
  ['a partial that does not exist', '{{> nopartial}}', 'husstil/partials/forside.hbs:6:1: The partial nopartial could not be found'],
  [
    'a helper given no arguments',
    '{{lookup}}',
    "husstil/partials/forside.hbs: Cannot read properties of undefined (reading 'lookupProperty')",
  ],
  ['a broken page number partial', '{{#if pages}}', `husstil/partials/sidetal.hbs:2:1: ${unclosed}`, 'sidetal.hbs'],
];

describe("a mistake in the house style's templates", () => {
  for (const [what, line, message, file] of mistakes) {
    it(`${what} is an error in its file, exit code 1, and nothing is written`, () => {
      const repo = withTemplate(line, file);
      const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo });
      expect(run.stderr).toBe(`${message}\n`);
      expect(run.status).toBe(1);
      expect(existsSync(path.join(repo, 'a.pdf'))).toBe(false);
    });
  }

  it('is the JSON result under --json', () => {
    const repo = withTemplate('{{nohelper meeting}}');
    const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf', '--json'], { cwd: repo });
    expect(run.status).toBe(1);
    const error = 'husstil/partials/forside.hbs:6:1: Missing helper: "nohelper"';
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 1, error });
    expect(run.stderr).toBe('');
  });
});

describe("a partial of the house style's that replaces none of agenda's", () => {
  it('is a warning naming its file and the templates that exist; a partial another one calls is not', () => {
    const repo = withTemplate('<p>Forsiden</p>', 'forsiden.hbs');
    writeFileSync(path.join(repo, 'husstil', 'partials', 'logo.hbs'), '<p>Logo</p>\n');
    writeFileSync(
      path.join(repo, 'husstil', 'partials', 'indhold.hbs'),
      `{{> logo}}\n${readFileSync(path.join(packageRoot, 'templates', 'partials', 'indhold.hbs'), 'utf8')}`,
    );
    const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^husstil\/partials\/forsiden\.hbs:1:1: warning: not used: agenda has no template named forsiden to replace; .* forside, godkendelser, indhold,/,
    );
    expect(run.stderr).not.toContain('logo');
  });
});
