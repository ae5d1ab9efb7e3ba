import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaAsync, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { startSmtpServer } from '../support/smtp.js';

const password = '*Hemmelig-4711';
const login = { user: 'sekretariat', password };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];

/** The example meetings with an address for each member. */
function meetingsWithAddresses() {
  const copy = copyOfMeetings();
  const udvalg = path.join(copy.meetings, 'udvalg.yaml');
  for (const [name, address] of [['Jonas Kroustrup', members[0]], ['Lene Mehlsen Thomsen', members[1]], ['Kim Bruun Nielsen', members[2]]]) {
    edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${address}\n`);
  }
  return { ...copy, logFile: path.join(copy.meetings, '2023-11-22.sendt.yaml') };
}

/** The password in every form it could be printed in. */
const spellings = [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${login.user}\0${password}`).toString('base64')];
const leaks = (text: string) => spellings.filter((s) => text.includes(s));

describe('agenda send keeps the password to itself', () => {
  it('an unquoted password: *… in the settings file: a located error that does not echo it', async () => {
    const { dir } = meetingsWithAddresses();
    const settings = path.join(dir, 'smtp.yaml');
    writeFileSync(settings, `host: localhost\nport: 2525\nuser: ${login.user}\npassword: ${password}\nfrom: sekretariat@example.org\n`);
    const real = await agendaAsync(['send', '2023-11-22', '--smtp', settings], { cwd: dir });
    expect(real.status).toBe(2);
    expect(errorLines(real.stderr)).toEqual([`${settings}: the mail settings use a YAML alias (*name): write the value out, quoted`]);
    writeFileSync(settings, `host: localhost\nuser: ${login.user}\npassword: @${password}\n`);
    const reserved = await agendaAsync(['send', '2023-11-22', '--smtp', settings], { cwd: dir });
    expect(errorLines(reserved.stderr)).toEqual([expect.stringMatching(new RegExp(`^${settings}:3:11: the mail settings are not valid YAML there`))]);
    expect(leaks(reserved.stderr)).toEqual([]);
    expect(leaks(real.stdout + real.stderr)).toEqual([]);
  });

  it('a server that echoes the login base64-encoded: refused, without the password in any form', async () => {
    const { dir } = meetingsWithAddresses();
    const smtp = await startSmtpServer(login, [], { echoLogin: true });
    const env = { AGENDA_SMTP_HOST: 'localhost', AGENDA_SMTP_PORT: String(smtp.port), AGENDA_SMTP_USER: login.user, AGENDA_SMTP_PASSWORD: `${password}-forkert`, AGENDA_SMTP_FROM: 'a@example.org', AGENDA_SMTP_CA: smtp.certificateIn(dir) };
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    await smtp.close();
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/refused the login for sekretariat: .*Invalid login \*\*\* \*\*\*/);
    const wrong = `${password}-forkert`;
    for (const s of [wrong, Buffer.from(wrong).toString('base64'), Buffer.from(`\0${login.user}\0${wrong}`).toString('base64')]) expect(run.stdout + run.stderr).not.toContain(s);
  });

  it('an empty user: in the settings file is an error, not a login as "null"; a bad tls value is not quoted', async () => {
    const { dir } = meetingsWithAddresses();
    const settings = path.join(dir, 'smtp.yaml');
    writeFileSync(settings, `host: localhost\nuser:\npassword: "${password}"\nfrom: sekretariat@example.org\n`);
    const run = await agendaAsync(['send', '2023-11-22', '--smtp', settings], { cwd: dir });
    expect(run.status).toBe(2);
    expect(errorLines(run.stderr)).toEqual([`${settings}: user: expected a value on the key's line (leave out a key that has none)`]);
    writeFileSync(settings, `host: localhost\ntls: "${password}"\nfrom: sekretariat@example.org\n`);
    const tls = await agendaAsync(['send', '2023-11-22', '--smtp', settings], { cwd: dir });
    expect(tls.status).toBe(2);
    expect(leaks(tls.stderr)).toEqual([]);
  });
});
