import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfMeetings, type CliResult } from '../support/cli.js';
import { markersIn as markerIn, markersInMail } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';
import { exampleSend, giveAddresses, startSmtpServer } from '../support/smtp.js';

// `agenda diff --public` and a corrected version's mail quote nothing of the earlier version that a text closed now
// holds (the adversary's finding 2 of session 24): a sentence moved from an open item into a new closed one was told
// removed ("[- Lønrammen for … -]"), and an open item merged into a closed one was told removed by its title. Sent open,
// then split and merged as a clerk does; every output's bytes searched for the markers.

const { TZ } = exampleSend;
const prefix = 'XQZDP';

/** (a) Split, in the minutes of 2023-09-06: the second sentence of an open item moved into a new closed item. */
const split = {
  date: '2023-09-06',
  open: `
  - titel: Budget 2025
    sagsfremstilling: Budgettet for 2025 er klar. Lønrammen for ${prefix}01 hæves med 3 procent.
    beslutning: Godkendt.
`,
  closed: `
  - titel: Budget 2025
    sagsfremstilling: Budgettet for 2025 er klar.
    beslutning: Godkendt.
  - titel: Lønramme for ${prefix}01
    offentlig_titel: Budget 2025, lønramme
    lukket: true
    sagsfremstilling: Lønrammen for ${prefix}01 hæves med 3 procent.
    beslutning: Godkendt.
`,
};

/** (b) Merge, in the agenda of 2023-11-22 (sent): two open items made one closed item, under the second one's title. */
const merge = {
  date: '2023-11-22',
  open: `
  - titel: Vejplan ${prefix}02
    sagsfremstilling: Vejen ved ${prefix}03 skal repareres.
  - titel: Vejplan Syd
    sagsfremstilling: Vejene i syd skal asfalteres.
`,
  closed: `
  - titel: Vejplan Syd
    offentlig_titel: Vejplan
    lukket: true
    sagsfremstilling: Vejen ved ${prefix}03 skal repareres. Vejene i syd skal asfalteres.
`,
};

const markersIn = (label: string, text: string) => markerIn(prefix, label, text);

function ok(run: CliResult): CliResult {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run;
}

describe('texts moved from open items into closed ones after the meeting went out (split, merged)', () => {
  const { dir, meetings } = copyOfMeetings();
  const file = (date: string) => path.join(meetings, `${date}.yaml`);
  const originals = Object.fromEntries([split, merge].map(({ date }) => [date, readFileSync(file(date), 'utf8')]));
  const write = (state: 'open' | 'closed') => {
    for (const story of [split, merge]) writeFileSync(file(story.date), (originals[story.date] ?? '') + story[state]);
  };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const send = () => agendaAsync(['send', merge.date], { cwd: dir, env: { TZ, ...smtp.settings(dir) } });
  const diff = (date: string, ...args: string[]) => ok(agenda(['diff', date, ...args], { cwd: dir, env: { TZ } })).stdout;

  beforeAll(async () => {
    giveAddresses(path.join(meetings, 'udvalg.yaml'));
    write('open');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=Sekretariatet', '-c', 'user.email=sekretariat@example.org', 'commit', '-q', '-m', 'Sent open');
    smtp = await startSmtpServer(exampleSend.login);
    ok(await send());
    write('closed');
  }, 120_000);
  afterAll(() => smtp.close());

  it.each([
    [
      'split, since a revision',
      split.date,
      ['--fra', 'HEAD'],
      ['Budgettet for 2025 er klar.[- …-]', 'item 5 Budget 2025, lønramme: added'],
    ],
    ['merged, since the version sent', merge.date, [], ['item 4 …: removed']],
  ])('%s: the public diff quotes none of it, in the terminal, --json, the PDF and the HTML', (_, date, since, told) => {
    const [pdf, html] = [path.join(dir, `${date}.pdf`), path.join(dir, `${date}.html`)];
    const terminal = diff(date, '--public', ...since);
    const json = diff(date, '--public', ...since, '--json', '--pdf', pdf, '--html', html);
    expect([
      ...markersIn('the terminal', terminal),
      ...markersIn('--json', json),
      ...markersIn('the PDF text', pdfPages(pdf).join('\n')),
      ...pdfByteForms(pdf).flatMap((form) => markersIn('the PDF', form)),
      ...markersIn('the HTML', readFileSync(html, 'latin1')),
    ]).toEqual([]);
    for (const line of told) expect(terminal).toContain(line);
    expect(JSON.stringify(JSON.parse(json))).toContain('"withheld":true');
  });

  it("the members' diff still quotes it (the markers are where the public diff would show them)", () => {
    expect(diff(split.date, '--fra', 'HEAD')).toContain(`${prefix}01`);
    expect(diff(merge.date)).toContain(`${prefix}02`);
  });

  it("a corrected version's mail names no title closed now", async () => {
    const before = smtp.received.length;
    ok(await send());
    const mails = smtp.received.slice(before).map((r) => r.mail);
    expect(mails.map((m) => m.subject?.startsWith('Rettet: '))).toEqual([true, true, true]);
    expect(mails.flatMap((m) => markersInMail(prefix, m))).toEqual([]);
    expect(mails[0]?.text).toContain('- Punkt 4 er fjernet: …\n');
  });
});
