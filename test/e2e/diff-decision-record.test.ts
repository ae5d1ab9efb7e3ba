import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit } from '../support/edit.js';
import { exampleThatSends } from '../support/example-sends.js';
import { commitAll } from '../support/git.js';
import { spellings } from '../support/markers.js';

// Økonomiudvalget's minutes of 9 January (eksempel/) record on item 2 who was inhabil, the vote and a
// protokoltilførsel. A review changed the vote and the dissent after the minutes went out: the PDF printed them,
// but diff --fra HEAD and --public found 0 changes and the correction mail said "Ingen ændringer". The record is
// compared as the document prints it, under the decision's heading; where the decision is closed, nothing public
// tells it changed, and the mail names the change by the house's words, never the record's.

const marker = 'XQZSECRET53';
const heading = 'Beslutning i Økonomiudvalget den 09-01-2024';
const line = `Punkt 2 Salg af grund på Havnevej: ${heading} er ændret`;
/** The terminal's changes: what follows its first line, which counts them. */
const changesIn = (stdout: string) => stdout.slice(stdout.indexOf('\n') + 1);

describe('minutes sent again after the vote, the protokoltilførsel or who was inhabil changed', () => {
  const { repo, start, close, run, send } = exampleThatSends('ØK', '2024-01-09');
  const minutes = path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml');

  beforeAll(async () => {
    await start();
    await send();
    commitAll(repo, 'Referatet af 9. januar, sendt');
  });
  afterAll(close);

  it('tells the vote, the dissent and who was inhabil changed: diff --fra HEAD, --public, and the mail as received', async () => {
    edit(minutes, '      for: [A, F]\n      imod: [O]\n', '      for: [A]\n      imod: [O, F]\n');
    edit(minutes, 'ønsker grunden udbudt offentligt.', 'ønsker grunden solgt ved licitation.');
    edit(minutes, '    inhabil: [Ole Sørensen]\n', '');
    const told = run('diff', '2024-01-09', '--fra', 'HEAD');
    expect(told).toMatch(/: 1\n/);
    expect(changesIn(told)).toMatch(new RegExp(`^item 2 Salg af grund på Havnevej: ${heading} changed\n`));
    for (const words of [
      'Imod stemte: O {+og F +}([-1-]{+2+})',
      'grunden [-udbudt-]{+solgt+} [-offentligt-]{+ved licitation+}.',
      '[-Ole Sørensen deltog ikke',
    ])
      expect(changesIn(told)).toContain(words);
    expect(changesIn(run('diff', '2024-01-09', '--fra', 'HEAD', '--public'))).toBe(changesIn(told));
    const mail = await send();
    expect(mail.text).toContain(`${line}\n`);
    expect(mail.text).not.toContain('Ingen ændringer');
    expect(run('diff', '2024-01-09')).toMatch(/: 0\n$/);
    commitAll(repo, 'Afstemningen og protokoltilførslen rettet, og referatet sendt igen');
  });

  it('where the decision is closed: its record changed is told to the members, never its words; nothing public tells it', async () => {
    edit(minutes, '    beslutning: Anbefalet.\n', '    beslutning:\n      tekst: Anbefalet.\n      lukket: true\n');
    commitAll(repo, 'Beslutningen lukket');
    edit(minutes, 'ønsker grunden solgt ved licitation.', `ønsker grunden solgt til ${marker}.`);
    expect(run('diff', '2024-01-09', '--fra', 'HEAD')).toMatch(/: 1\n/);
    const publicDiff = [
      run('diff', '2024-01-09', '--fra', 'HEAD', '--public'),
      run('diff', '2024-01-09', '--fra', 'HEAD', '--public', '--json'),
    ];
    expect(publicDiff[0]).toMatch(/: 0\n$/);
    const mail = await send();
    expect(mail.text).toContain(`${line}\n`);
    // The members' diff quotes it (their minutes print it); the mail and every public diff do not.
    expect(run('diff', '2024-01-09', '--fra', 'HEAD')).toContain(marker);
    for (const text of [mail.all, ...publicDiff])
      for (const s of spellings(marker)) expect(text.includes(s), `${marker} as ${s}`).toBe(false);
  });
});
