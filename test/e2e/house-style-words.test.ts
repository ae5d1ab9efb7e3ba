import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// One misspelt word in a house style (kommune.yaml's or udvalg.yaml's husstil:) is one located error:
// the meetings are still checked against the house's own sections, not the package's.

function house(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  return repo;
}

describe('a misspelt word in a house style', () => {
  it("in kommune.yaml is one error, where it is, and the meeting's sections of the house are not errors", () => {
    const repo = house();
    edit(path.join(repo, 'kommune.yaml'), '    beslutning: "{udvalg}s', '    beslutnig: "{udvalg}s');
    const line =
      readFileSync(path.join(repo, 'kommune.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('    beslutnig:')) + 1;
    const run = agenda(['check'], { cwd: repo });
    expect(run.stderr).toBe(`kommune.yaml:${line}:5: husstil.ord.beslutnig: unknown key (did you mean 'beslutning'?)\n`);
    expect(run.status).toBe(1);
  });

  it("in udvalg.yaml is one error too, the committee's own sections kept", () => {
    const repo = house();
    const committee = path.join(repo, 'udvalg', 'SUF', 'udvalg.yaml');
    const sections = ['sammendrag', 'indstilling', 'sagsfremstilling', 'lovgrundlag', 'baggrund'].map(
      (k) => `    - { nøgle: ${k}, overskrift: ${k} }\n`,
    );
    writeFileSync(committee, `husstil:\n  afsnit:\n${sections.join('')}  ord:\n    beslutnig: Besluttet\n`, { flag: 'a' });
    edit(
      path.join(repo, 'udvalg', 'SUF', '2012-12-04.yaml'),
      '    beslutning: Godkendt.',
      '    beslutning: Godkendt.\n    baggrund: Udvalgets eget afsnit.',
    );
    const run = agenda(['build', '2012-12-04', '--udvalg', 'SUF', '--out', 'a.pdf'], { cwd: repo });
    expect(run.stderr).toMatch(/^udvalg\/SUF\/udvalg\.yaml:\d+:5: husstil\.ord\.beslutnig: unknown key \(did you mean 'beslutning'\?\)\n$/);
    expect(run.status).toBe(1);
  });
});
