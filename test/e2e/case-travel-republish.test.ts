import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agendaAsync, tempDir } from '../support/cli.js';
import { settle } from '../support/times.js';
import { exampleRoot } from '../support/examples.js';

// A case (sag 24/0117) travels from Økonomiudvalget (its minutes of 9 January 2024) to
// Kommunalbestyrelsen (its agenda of 16 January), whose item shows the case's earlier decision. A
// republish keeps a meeting's own files by a key of what they are made of: the case history is part
// of the later meeting's, so a change to the earlier meeting's treatment of the case republishes the
// later meeting too; a change to the later meeting reaches no file of the earlier one's.

const repo = path.join(tempDir('agenda-case-travel-'), 'repo');
const site = path.join(tempDir(), 'site');
const earlier = path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml');
const later = path.join(repo, 'udvalg', 'KB', '2024-01-16.yaml');
const env = { TZ: 'Europe/Copenhagen' };

async function publish(): Promise<{ written: string[]; printed: number }> {
  const run = await agendaAsync(['publish', '--out', site, '--json'], { cwd: repo, env });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { written: string[]; printed: number };
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

/** The files of a meeting's own: its page, its data, its SBSYS folder. */
const own = (written: string[], committee: string, date: string) =>
  written.filter(
    (f) => f.startsWith(`${committee}/${date}`) || f.startsWith(`data/${committee}/${date}`) || f.startsWith(`sbsys/${committee}-${date}`),
  );

describe('a republish where a case travels from one committee to another', () => {
  let afterEarlier: { written: string[]; printed: number };
  let afterLater: { written: string[]; printed: number };
  beforeAll(async () => {
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    // A clerk's files, older than the seconds a republish does not trust.
    settle(repo);
    await publish();
    edit(earlier, 'beslutning: Anbefalet.', 'beslutning: Anbefalet med en købesum hævet til Tordenskjoldkronen.');
    afterEarlier = await publish();
    edit(later, 'et bud på grunden', 'et nyt bud på grunden');
    afterLater = await publish();
  }, 600_000);

  it("republishes the later meeting when the earlier meeting's decision on the case changed, with the new decision", () => {
    expect(own(afterEarlier.written, 'oekonomiudvalget', '2024-01-09')).toContain('oekonomiudvalget/2024-01-09.html');
    expect(own(afterEarlier.written, 'kommunalbestyrelsen', '2024-01-16')).toContain('kommunalbestyrelsen/2024-01-16.html');
    expect(readFileSync(path.join(site, 'kommunalbestyrelsen', '2024-01-16.html'), 'utf8')).toContain('Tordenskjoldkronen');
    // The minutes and the agenda that shows its decision.
    expect(afterEarlier.printed).toBe(2);
  });

  it("does not touch the earlier meeting's files when the later meeting changed", () => {
    expect(own(afterLater.written, 'kommunalbestyrelsen', '2024-01-16')).toContain('kommunalbestyrelsen/2024-01-16.html');
    expect(own(afterLater.written, 'oekonomiudvalget', '2024-01-09')).toEqual([]);
    expect(afterLater.printed).toBe(1);
  });
});

describe('a republish of one committee (--udvalg) where its case changed in another', () => {
  const alone = path.join(tempDir('agenda-case-travel-alone-'), 'repo');
  const aloneSite = path.join(tempDir(), 'site');
  const publishKb = async () => {
    const run = await agendaAsync(['publish', '--udvalg', 'KB', '--out', aloneSite, '--json'], { cwd: alone, env });
    expect(run.status, run.stderr).toBe(0);
  };

  it("shows the other committee's new decision: its meetings were not published, so none of its own is kept unread", async () => {
    cpSync(path.join(exampleRoot(), 'eksempel'), alone, { recursive: true });
    await publishKb();
    const page = path.join(aloneSite, 'kommunalbestyrelsen', '2024-01-16.html');
    expect(readFileSync(page, 'utf8')).not.toContain('Tordenskjoldkronen');
    edit(path.join(alone, 'udvalg', 'ØK', '2024-01-09.yaml'), 'beslutning: Anbefalet.', 'beslutning: Anbefalet med Tordenskjoldkronen.');
    await publishKb();
    expect(readFileSync(page, 'utf8')).toContain('Tordenskjoldkronen');
  }, 600_000);
});
