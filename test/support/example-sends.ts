import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { agenda, agendaAsync, tempDir } from './cli.js';
import { edit } from './edit.js';
import { exampleRoot } from './examples.js';
import { startSmtpServer } from './smtp.js';

// A copy of eksempel/ whose committee `kort` sends its meeting of `date` to Jan Petersen through a real mail
// server: the commands a test of a document sent again runs, each expected to succeed.

const TZ = 'Europe/Copenhagen';

export function exampleThatSends(kort: string, date: string) {
  const repo = path.join(tempDir(), 'kommune');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  let env: NodeJS.ProcessEnv = { TZ };
  return {
    repo,
    /** Copies eksempel/, gives Jan Petersen an address and starts the mail server: in beforeAll. */
    start: async (): Promise<void> => {
      cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
      edit(
        path.join(repo, 'udvalg', kort, 'udvalg.yaml'),
        '{ navn: Jan Petersen, parti: A,',
        '{ navn: Jan Petersen, email: jan@example.org, parti: A,',
      );
      smtp = await startSmtpServer({ user: 'sekretariat', password: 'kodeord-4711' });
      env = { TZ, ...smtp.settings(tempDir('agenda-ca-')) };
    },
    close: () => smtp?.close(),
    /** An agenda command of the committee, which must succeed silently: its output. */
    run: (...args: string[]): string => {
      const result = agenda([...args, '--udvalg', kort], { cwd: repo, env: { TZ } });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return result.stdout;
    },
    /** Sends the document; the message Jan Petersen got: its text, all of it, and its PDF's file. */
    send: async () => {
      const sent = await agendaAsync(['send', date, '--udvalg', kort], { cwd: repo, env });
      expect(sent.status, sent.stderr).toBe(0);
      const { mail } = smtp!.received.at(-1)!;
      const pdf = path.join(tempDir('agenda-mailed-'), 'mailed.pdf');
      writeFileSync(pdf, mail.attachments[0]!.content);
      return { text: mail.text ?? '', all: [mail.subject ?? '', mail.text ?? '', String(mail.html)].join('\n'), pdf };
    },
  };
}
