import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfOneMeeting, type CliResult } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { commitAll } from '../support/git.js';
import { markers, markersIn, markersInMail } from '../support/markers.js';
import { exampleSend, giveAddresses, startSmtpServer } from '../support/smtp.js';

// The adversary's finding 3 of session 26: after the agenda of 22 November went out, the clerk set the meeting's
// time and place, a member absent, an attachment's document number, a meeting of the political calendar cancelled and a point of the forward plan
// reworded (with a closed point added beside it), the last two in the copies send froze in arkiv/ (the agenda's
// builds read those). The PDF printed each, but diff found 0 changes and the corrected
// version's mail said "Ingen ændringer". Each is now a change, named by the house's words; the closed point's
// words are the members' alone.

const { TZ } = exampleSend;
const date = '2023-11-22';
const secret = markers[4] ?? '';

function ok(run: CliResult): CliResult {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run;
}

describe('an agenda sent again after its front page, calendar or plan changed', () => {
  const { dir, meetings } = copyOfOneMeeting(date);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const send = () => agendaAsync(['send', date], { cwd: dir, env: { TZ, ...smtp.settings(dir) } });
  const diff = (...args: string[]) => ok(agenda(['diff', date, ...args], { cwd: dir, env: { TZ } })).stdout;

  beforeAll(async () => {
    giveAddresses(path.join(meetings, 'udvalg.yaml'));
    commitAll(dir, 'Sent');
    smtp = await startSmtpServer(exampleSend.login);
    ok(await send());
    const meeting = path.join(meetings, `${date}.yaml`);
    edit(meeting, 'dokument: 116728/23', 'dokument: 116728/24');
    edit(meeting, '\npunkter:\n', '\nstart: "13:00"\nsted: Byrådssalen, Grenaa\nfraværende:\n  - navn: Kim Bruun Nielsen\npunkter:\n');
    const frozen = path.join(meetings, 'arkiv', date);
    edit(path.join(frozen, 'kalender.yaml'), '{ dato: 2023-11-28, udvalg: KFU }', '{ dato: 2023-11-28, udvalg: KFU, aflyst: ja }');
    edit(
      path.join(frozen, 'plan.yaml'),
      '      - Direktionens årsplan samt den strategiske udmøntningsplan\n',
      `      - Direktionens årsplan samt den strategiske plan\n      - tekst: Afskedigelse af ${secret}\n        lukket: true\n`,
    );
  }, 120_000);
  afterAll(() => smtp.close());

  it('diff tells the time, place, absentee, calendar and plan changed, the public diff all but the closed point', () => {
    const members = diff();
    expect(members).toMatch(/: 6\n/);
    for (const told of [
      'front page: Sted changed\n  [-Mødelokale 250-]{+Byrådssalen+}, [-rådhuset-]{+Grenaa+}\n',
      'front page: Start kl. changed\n  [-9-]{+13+}:00\n',
      'front page: Fraværende changed\n  {+Kim Bruun Nielsen+}\n',
      'item 1 Beslutningsprotokoller og dagsordener: Politiske møder changed\n',
      'Kultur- og Fritidsudvalgsmøde d. 28. november{+ (aflyst)+}',
      'item 4 Eventuelt, herunder punkter til næste møde: Kommende møder changed\n',
      'Direktionens årsplan samt den strategiske [-udmøntningsplan-]{+plan+}',
      // An attachment's document number, which its table prints.
      'item 2 Økonomi: Bilag changed\n  2.1 116728/[-23-]{+24+}\n',
    ])
      expect(members).toContain(told);
    const publicDiff = [diff('--public'), diff('--public', '--json'), diff('--fra', 'HEAD', '--public')];
    for (const told of ['front page: Sted changed', 'front page: Start kl. changed', '(aflyst)+}'])
      for (const text of publicDiff.filter((t) => !t.startsWith('{'))) expect(text).toContain(told);
    expect(publicDiff.flatMap((text, i) => markers.flatMap((m) => markersIn(m, `public diff ${i}`, text)))).toEqual([]);
  });

  it('the mail of the corrected version names each change in the house words, never the closed point', async () => {
    const before = smtp.received.length;
    ok(await send());
    const mails = smtp.received.slice(before).map((r) => r.mail);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      for (const line of [
        '- Forsiden: Sted er ændret\n',
        '- Forsiden: Start kl. er ændret\n',
        '- Forsiden: Fraværende er ændret\n',
        '- Punkt 2 Økonomi: Bilag er ændret\n',
        '- Punkt 1 Beslutningsprotokoller og dagsordener: Politiske møder er ændret\n',
        '- Punkt 4 Eventuelt, herunder punkter til næste møde: Kommende møder er ændret\n',
      ])
        expect(mail.text).toContain(line);
      expect(mail.text).not.toContain('Ingen ændringer');
      expect(markers.flatMap((m) => markersInMail(m, mail))).toEqual([]);
    }
    expect(diff()).toMatch(/: 0\n$/);
  });
});
