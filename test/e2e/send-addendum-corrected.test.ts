import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaAsync, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { startSmtpServer } from '../support/smtp.js';

// agenda send after a tillægsdagsorden went out (the walk of session 23): the main agenda changed since
// goes out as its correction, with what changed, and the addendum, unchanged, is not mailed again,
// whether or not its PDF is built again in other bytes. Read back from what each member received.

const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const names = ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'];
const late = `
  - titel: Hasteindstilling om vinterberedskab
    tillæg:
      begrundelse: Vejdirektoratet varsler frost fra 25. november.
    sagsfremstilling: Beredskabet skal på plads inden næste møde.
`;

describe('agenda send after a tillægsdagsorden', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const send = (...args: string[]) => agendaAsync(['send', '2023-11-22', ...args], { cwd: dir, env });
  /** What each member received in the last send: its subject and attachment, one line a member. */
  const received = async (...args: string[]) => {
    const before = smtp.received.length;
    const run = await send(...args);
    expect(errorLines(run.stderr), run.stderr).toEqual([]);
    return smtp.received.slice(before);
  };

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    names.forEach((name, i) => edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${members[i]}\n`));
    smtp = await startSmtpServer(login);
    env = { TZ: 'Europe/Copenhagen', ...smtp.settings(dir) };
  });
  afterAll(() => smtp.close());

  it('sends the changed agenda as "Rettet", with what changed, and the unchanged addendum not again', async () => {
    expect((await received()).map((r) => r.mail.attachments[0]?.filename)).toEqual(members.map(() => '2023-11-22-dagsorden-samlet.pdf'));
    writeFileSync(meetingFile, readFileSync(meetingFile, 'utf8') + late);
    expect((await received()).map((r) => r.mail.attachments[0]?.filename)).toEqual(members.map(() => '2023-11-22-tillaegsdagsorden.pdf'));
    edit(meetingFile, 'Oplæg til skabelon for aftalestyring 2024', 'Oplæg til skabelon for aftalestyring 2025');
    const corrected = await received();
    expect(
      corrected
        .map((r) => r.to)
        .flat()
        .sort(),
    ).toEqual([...members].sort());
    for (const { mail } of corrected) {
      expect(mail.subject).toBe('Rettet: Dagsorden til Direktionens møde onsdag den 22. november 2023');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['2023-11-22-dagsorden-samlet.pdf']);
      expect(mail.text).toContain('Dette er en rettet udgave');
      expect(mail.text).toMatch(/Sagsfremstilling/);
      expect(mail.text).not.toContain('Ingen ændringer');
    }
    // Nothing shows otherwise since: nothing goes, and a dry run says so without a "changed" line.
    const dry = await send('--dry-run');
    expect(dry.stdout).not.toContain('has changed since');
    expect(dry.stdout).toContain('(0 messages would go)');
    const again = await send();
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('has reached every recipient already');
    expect(smtp.received).toHaveLength(3 * members.length);
  });
});
