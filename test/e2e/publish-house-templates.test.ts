import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// The site of a repository with a house style of its own (fixtures/husstil): what its templates and
// stylesheet change is published, and its members are named as the PDF names them.

function house(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  return repo;
}

function publish(repo: string): { printed: number; stderr: string } {
  const run = agenda(['publish', '--out', 'site'], { cwd: repo });
  expect(run.status, run.stderr).toBe(0);
  return { printed: Number(/(\d+) PDFs printed/.exec(run.stderr)?.[1]), stderr: run.stderr };
}

const sitePdf = (repo: string) => path.join(repo, 'site', 'sundheds-og-forebyggelsesudvalget', '2012-12-04-referat-offentlig.pdf');

describe("a house style's stylesheet and the published site", () => {
  it('a change to husstil/style.css reprints the documents it changes, and only when it changes', () => {
    const repo = house();
    const first = publish(repo).printed;
    expect(first).toBeGreaterThan(0);
    expect(publish(repo).printed).toBe(0);
    const before = readFileSync(sitePdf(repo));
    appendFileSync(path.join(repo, 'husstil', 'style.css'), '.punkt h1 { color: rgb(0, 0, 200); }\n');
    expect(publish(repo).printed).toBe(first);
    expect(readFileSync(sitePdf(repo)).equals(before)).toBe(false);
    expect(publish(repo).printed).toBe(0);
  });

  it("names an absent member and the substitute on the meeting's page, as the PDF does", () => {
    const repo = house();
    const meeting = path.join(repo, 'udvalg', 'SUF', '2012-12-04.yaml');
    edit(meeting, /^punkter:/m, 'fraværende:\n  - navn: Erik Dahl\n    stedfortræder: Ole Lund\npunkter:');
    publish(repo);
    const page = readFileSync(path.join(repo, 'site', 'sundheds-og-forebyggelsesudvalget', '2012-12-04.html'), 'utf8');
    expect(page).not.toContain('[object Object]');
    expect(page).toContain('<li>Erik Dahl (A)</li>');
    expect(page).toContain('<li>Ole Lund (A), stedfortræder for Erik Dahl (A)</li>');
  });
});
