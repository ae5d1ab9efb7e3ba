import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleThatSends } from '../support/example-sends.js';
import { commitAll } from '../support/git.js';
import { spellings } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';

// Kommunalbestyrelsen's agenda of 16 January (eksempel/) shows Økonomiudvalget's decision on case 24/0117 from
// Økonomiudvalget's minutes. The adversary of session 24 changed that decision after the agenda went out and sent
// it again: the PDF printed the new decision, but the mail said "Ingen ændringer" and diff found 0 changes. The
// case history a document shows is compared as it is shown: the mail, diff --fra and diff --public tell it,
// and where Økonomiudvalget closes its decision, nothing public names it, nor does the mail by committee and day.

const marker = 'XQZSECRET97';
const line = 'Punkt 1 Salg af grund på Havnevej: tidligere behandling';
/** The terminal's changes: what follows its first line, which counts them. */
const changesIn = (stdout: string) => stdout.slice(stdout.indexOf('\n') + 1);

describe("an agenda sent again after another committee's decision it shows changed", () => {
  const { repo, start, close, run, send: sendIt } = exampleThatSends('KB', '2024-01-16');
  const decision = path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml');
  /** Sends the agenda; the message Jan Petersen got, its text and its PDF's. */
  const send = async () => {
    const mail = await sendIt();
    return { ...mail, pdf: pdfPages(mail.pdf).join('\n') };
  };

  beforeAll(async () => {
    await start();
    expect((await send()).pdf).toContain('Anbefalet.');
    commitAll(repo, 'Dagsordenen til 16. januar, sendt');
  });
  afterAll(close);

  it('tells the decision changed: the mail as received, diff --fra HEAD, --public and against the version sent, word by word', async () => {
    edit(decision, '    beslutning: Anbefalet.\n', '    beslutning: Ikke anbefalet.\n');
    const told =
      'item 1 Salg af grund på Havnevej: earlier treatment (Økonomiudvalget 2024-01-09) changed\n  [-Anbefalet-]{+Ikke anbefalet+}.\n';
    expect(run('diff', '2024-01-16', '--fra', 'HEAD')).toMatch(/: 1\n/);
    expect(changesIn(run('diff', '2024-01-16', '--fra', 'HEAD'))).toBe(told);
    expect(changesIn(run('diff', '2024-01-16', '--fra', 'HEAD', '--public'))).toBe(told);
    // Against the version sent, as send kept it: the history its PDF showed.
    expect(changesIn(run('diff', '2024-01-16'))).toBe(told);
    const mail = await send();
    expect(mail.pdf).toContain('Ikke anbefalet.');
    expect(mail.text).toContain(`${line} (Økonomiudvalget 9. januar 2024) er ændret\n`);
    expect(mail.text).not.toContain('Ingen ændringer');
    expect(run('diff', '2024-01-16')).toMatch(/: 0\n$/);
    commitAll(repo, 'Økonomiudvalgets beslutning rettet, og dagsordenen sendt igen');
  });

  it('where Økonomiudvalget closes its decision: told to the members, never its words; nothing public names it', async () => {
    edit(decision, '    beslutning: Ikke anbefalet.\n', `    beslutning:\n      tekst: Ikke anbefalet ${marker}.\n      lukket: true\n`);
    expect(run('diff', '2024-01-16', '--fra', 'HEAD')).toMatch(
      /: 1\nitem 1 Salg af grund på Havnevej: earlier treatment \(Økonomiudvalget 2024-01-09\) changed\n$/,
    );
    const html = path.join(tempDir('agenda-diff-'), 'offentlig.html');
    const publicDiff = [
      run('diff', '2024-01-16', '--fra', 'HEAD', '--public', '--html', html),
      run('diff', '2024-01-16', '--fra', 'HEAD', '--public', '--json'),
      readFileSync(html, 'utf8'),
    ];
    expect(publicDiff[0]).toMatch(/: 0\nwrote .*\n$/);
    for (const text of publicDiff) expect(text).not.toMatch(/Økonomiudvalget|Ikke anbefalet|earlier treatment|tidligere behandling/);
    const mail = await send();
    expect(mail.pdf).toContain('(lukket beslutning)');
    expect(mail.text).toContain(`${line} (lukket) er ændret\n`);
    expect(mail.all).not.toContain('Økonomiudvalget 9. januar');
    // Every byte a send keeps or mails, and every diff's: no word of the closed decision.
    const kept = path.join(repo, 'udvalg', 'KB', 'arkiv', 'sendt', '2024-01-16');
    const texts = [
      mail.all,
      ...publicDiff,
      run('diff', '2024-01-16', '--json'),
      ...readdirSync(kept).map((f) => readFileSync(path.join(kept, f), 'latin1')),
    ];
    for (const text of texts) for (const s of spellings(marker)) expect(text.includes(s), `${marker} as ${s}`).toBe(false);
  });
});
