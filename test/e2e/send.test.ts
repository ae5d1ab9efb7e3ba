import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agenda, agendaAsync, copyOfMeetings, errorLines, type CliResult } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { startSmtpServer } from '../support/smtp.js';

const password = 'hemmeligt-Kodeord-4711';
const login = { user: 'sekretariat', password };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const extra = 'sekretaer@example.org';

/** The example meetings with e-mail addresses for the members and one extra recipient for 22 November. */
function meetingsWithAddresses() {
  const copy = copyOfMeetings();
  const udvalg = path.join(copy.meetings, 'udvalg.yaml');
  edit(udvalg, '    navn: Jonas Kroustrup\n', `    navn: Jonas Kroustrup\n    email: ${members[0]}\n`);
  edit(udvalg, '    navn: Lene Mehlsen Thomsen\n', `    navn: Lene Mehlsen Thomsen\n    email: ${members[1]}\n`);
  edit(udvalg, '    navn: Kim Bruun Nielsen\n', `    navn: Kim Bruun Nielsen\n    email: ${members[2]}\n`);
  edit(path.join(copy.meetings, '2023-11-22.yaml'), 'punkter:\n', `modtagere:\n  - navn: Sekretær\n    email: ${extra}\npunkter:\n`);
  // Without its attachment files the meeting is sent as the agenda alone (combined.test.ts sends them).
  for (const date of ['2023-11-22', '2023-09-06']) edit(path.join(copy.meetings, `${date}.yaml`), /^ +fil: .*\n/gm, '');
  return copy;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const everything = (run: CliResult, logFile: string) =>
  run.stdout + run.stderr + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

describe('agenda send', () => {
  const { dir, meetings } = meetingsWithAddresses();
  const logFile = path.join(meetings, '2023-11-22.sendt.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const send = (args: string[] = [], more: NodeJS.ProcessEnv = {}) =>
    agendaAsync(['send', '2023-11-22', ...args], { cwd: dir, env: { ...env, ...more } });

  beforeAll(async () => {
    smtp = await startSmtpServer(login);
    env = smtp.settings(dir);
  });
  afterAll(() => smtp.close());

  it("says so where a FIFO stands in the PDF's place, without waiting on it (it hung)", async () => {
    const pdf = path.join(dir, 'out', '2023-11-22-dagsorden.pdf');
    mkdirSync(path.dirname(pdf), { recursive: true });
    execFileSync('mkfifo', [pdf]);
    const run = await send(['--dry-run']);
    expect(run.stderr).toBe(
      'cannot write out/2023-11-22-dagsorden.pdf: it is a device, pipe or socket, not a file; name a file to write\n',
    );
    expect(run.status).toBe(3);
    expect(smtp.received).toEqual([]);
    rmSync(pdf);
  });

  it('--dry-run names each recipient, the subject and the attachment, and sends nothing', async () => {
    const run = await send(['--dry-run']);
    expect(run.status).toBe(0);
    const pdf = readFileSync(path.join(dir, 'out', '2023-11-22-dagsorden.pdf'));
    expect(run.stdout).toContain(
      `to: Jonas Kroustrup <${members[0]}>\n  subject: Dagsorden til Direktionens møde onsdag den 22. november 2023\n  attachment: 2023-11-22-dagsorden.pdf, ${pdf.length} bytes, sha256 ${sha256(pdf)}\n`,
    );
    expect(run.stdout).toContain(`to: Sekretær <${extra}>`);
    expect(run.stdout).toContain('dry run: nothing sent (4 messages would go)');
    expect(smtp.received).toEqual([]);
    expect(existsSync(logFile)).toBe(false);
  });

  it('sends every member and extra recipient the PDF, byte for byte, over STARTTLS with a login, and logs it', async () => {
    const run = await send();
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^reusing out\/2023-11-22-dagsorden\.pdf/);
    const pdf = readFileSync(path.join(dir, 'out', '2023-11-22-dagsorden.pdf'));
    expect(
      smtp.received
        .map((r) => r.to)
        .flat()
        .sort(),
    ).toEqual([...members, extra].sort());
    for (const { mail, secure, user } of smtp.received) {
      expect(secure).toBe(true);
      expect(user).toBe(login.user);
      expect(mail.subject).toBe('Dagsorden til Direktionens møde onsdag den 22. november 2023');
      expect(mail.text).toContain(
        'Hermed dagsordenen til Direktionens møde onsdag den 22. november 2023, kl. 9:00-17:00 i Mødelokale 250, rådhuset.',
      );
      expect(mail.attachments.map((a) => a.filename)).toEqual(['2023-11-22-dagsorden.pdf']);
      expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
    }
    expect(smtp.received.find((r) => r.to[0] === members[1])!.mail.text).toMatch(/^Kære Lene Mehlsen Thomsen/);
    const log = parse(readFileSync(logFile, 'utf8')) as Array<Record<string, unknown>>;
    expect(log.map((e) => [e.til, e.dokument, e.sha256, e.sendt])).toEqual(
      [...members, extra].map((to) => [to, '2023-11-22-dagsorden.pdf', sha256(pdf), true]),
    );
    expect(existsSync(path.join(meetings, 'arkiv', '2023-11-22', 'plan.yaml'))).toBe(true);
    expect(everything(run, logFile)).not.toContain(password);
  });

  it('refuses to send the same document again without --force, and sends it with', async () => {
    const before = smtp.received.length;
    const again = await send();
    expect(again.status).toBe(2);
    expect(errorLines(again.stderr).join('\n') + '\n').toBe(
      '2023-11-22-dagsorden.pdf (this version) has reached every recipient already: --force sends it again\n',
    );
    expect(smtp.received.length).toBe(before);
    const forced = await send(['--force']);
    expect(forced.status).toBe(0);
    expect(smtp.received.length).toBe(before + 4);
  });

  it('sends the new version after the meeting changed, and says so', async () => {
    edit(path.join(meetings, '2023-11-22.yaml'), 'Råderums workshop d. 28. november', 'Råderums workshop d. 29. november');
    const before = smtp.received.length;
    const run = await send(['--to', 'test@example.org']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^built out\/2023-11-22-dagsorden\.pdf\nthe meeting has changed since 2023-11-22-dagsorden\.pdf was sent on \d{4}-\d{2}-\d{2} \d{2}:\d{2}: this sends the new version\n/,
    );
    expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['test@example.org']]);
    const pdf = readFileSync(path.join(dir, 'out', '2023-11-22-dagsorden.pdf'));
    expect(Buffer.compare(smtp.received.at(-1)!.mail.attachments[0]!.content, pdf)).toBe(0);
  });
});

describe('agenda send when things go wrong', () => {
  // Each case sends from a copy of its own, all of the same inputs: their PDFs are printed once, here,
  // and each copy starts with them in out/, which send keeps (sealed over the same inputs) instead of
  // printing them again. What these cases test is the sending; a copy whose input changes prints anew.
  let printed: string;
  beforeAll(() => {
    printed = meetingsWithAddresses().dir;
    const run = agenda(['build', '2023-11-22', '2023-09-06'], { cwd: printed });
    expect(run.status, run.stderr).toBe(0);
  });
  const setup = async (refuse: string[] = []) => {
    const copy = meetingsWithAddresses();
    cpSync(path.join(printed, 'out'), path.join(copy.dir, 'out'), { recursive: true });
    const smtp = await startSmtpServer(login, refuse);
    const env = {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: password,
      AGENDA_SMTP_FROM: 'sekretariat@example.org',
      AGENDA_SMTP_CA: smtp.certificateIn(copy.dir),
    };
    return { ...copy, smtp, env, logFile: path.join(copy.meetings, '2023-11-22.sendt.yaml') };
  };

  it('an unreachable server: one clear line, nothing logged, not finalized, exit 5', async () => {
    const { dir, meetings, smtp, env, logFile } = await setup();
    await smtp.close();
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    expect(run.status).toBe(5);
    expect(errorLines(run.stderr).join('\n') + '\n').toMatch(
      new RegExp(`^cannot reach the mail server localhost:${env.AGENDA_SMTP_PORT}: .*\\n$`),
    );
    expect(existsSync(logFile)).toBe(false);
    expect(existsSync(path.join(meetings, 'arkiv'))).toBe(false);
  });

  it('a refused login: one clear line without the password, exit 5', async () => {
    const { dir, smtp, env, logFile } = await setup();
    const wrong = `${password}-forkert`;
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: { ...env, AGENDA_SMTP_PASSWORD: wrong } });
    await smtp.close();
    expect(run.status).toBe(5);
    expect(errorLines(run.stderr).join('\n') + '\n').toMatch(
      new RegExp(`^the mail server localhost:${env.AGENDA_SMTP_PORT} refused the login for sekretariat: .*535.*\\n$`),
    );
    expect(smtp.received).toEqual([]);
    expect(everything(run, logFile)).not.toContain(password);
  });

  it('a refused recipient: said, logged as not sent, the others still sent, exit 5', async () => {
    const { dir, smtp, env, logFile } = await setup([members[1]!]);
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    await smtp.close();
    expect(run.status).toBe(5);
    expect(errorLines(run.stderr).join('\n') + '\n').toMatch(/^lene@example\.org: refused by the mail server: .*550.*no such mailbox\n$/);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual([members[0], members[2], extra].sort());
    const log = parse(readFileSync(logFile, 'utf8')) as Array<{ til: string; sendt: boolean; fejl?: string }>;
    expect(log.map((e) => [e.til, e.sendt])).toEqual([
      [members[0], true],
      [members[1], false],
      [members[2], true],
      [extra, true],
    ]);
    expect(log[1]!.fejl).toMatch(/550/);
    expect(run.stdout).toContain('to 3 of 4 recipients');
  });

  it('an address put right in udvalg.yaml after a refusal, the meeting frozen: the member is told the archived one is used', async () => {
    const { dir, meetings, smtp, env } = await setup([members[1]!]);
    expect((await agendaAsync(['send', '2023-11-22'], { cwd: dir, env })).status).toBe(5);
    await smtp.close();
    edit(path.join(meetings, 'udvalg.yaml'), `email: ${members[1]}`, 'email: lene@ny.example.org');
    const again = await agendaAsync(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(again.status).toBe(0);
    expect(errorLines(again.stderr)).toEqual([
      `warning: Lene Mehlsen Thomsen: udvalg.yaml now gives lene@ny.example.org, but the meeting is frozen: sent to ${members[1]}, as meetings/arkiv/2023-11-22/udvalg.yaml has it (put the address right there too)`,
    ]);
  });

  it('a changed address is told of the member as udvalg.yaml gives it: not of another of the same name, and of one renamed since', async () => {
    const { dir, meetings, smtp, env } = await setup();
    await smtp.close();
    const udvalg = path.join(meetings, 'udvalg.yaml');
    // Two directors of one name, each in a seat of their own; then one renamed, with a new address.
    edit(udvalg, 'navn: Lene Mehlsen Thomsen', 'navn: Jonas Kroustrup');
    expect(agenda(['finalize', '2023-11-22'], { cwd: dir }).status).toBe(0);
    edit(udvalg, `navn: Kim Bruun Nielsen\n    email: ${members[2]}`, 'navn: Kim Bruun\n    email: kim@ny.example.org');
    const run = await agendaAsync(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(run.status, run.stderr).toBe(0);
    expect(errorLines(run.stderr).filter((l) => l.includes('udvalg.yaml now gives'))).toEqual([
      `warning: Kim Bruun Nielsen: udvalg.yaml now gives kim@ny.example.org, but the meeting is frozen: sent to ${members[2]}, as meetings/arkiv/2023-11-22/udvalg.yaml has it (put the address right there too)`,
    ]);
  });

  it('a member removed or added since the freeze, or two of one name: no changed address told of another member', async () => {
    const { dir, meetings, smtp, env } = await setup();
    await smtp.close();
    const udvalg = path.join(meetings, 'udvalg.yaml');
    const original = readFileSync(udvalg, 'utf8');
    /** udvalg.yaml with these members, all of one party (so that the seat tells none of them apart). */
    const committee = (...people: Array<[string, string]>) =>
      writeFileSync(
        udvalg,
        original.replace(
          /^medlemmer:\n(?: .*\n)+/m,
          `medlemmer:\n${people.map(([navn, email]) => `  - navn: ${navn}\n    parti: A\n    email: ${email}\n`).join('')}`,
        ),
      );
    const freezeWith = (...people: Array<[string, string]>) => {
      rmSync(path.join(meetings, 'arkiv'), { recursive: true, force: true });
      committee(...people);
      expect(agenda(['finalize', '2023-11-22'], { cwd: dir }).status).toBe(0);
    };
    const told = async () => {
      const run = await agendaAsync(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
      expect(run.status, run.stderr).toBe(0);
      return errorLines(run.stderr).filter((l) => l.includes('udvalg.yaml now gives'));
    };
    const warning = (name: string, live: string, sent: string) =>
      `warning: ${name}: udvalg.yaml now gives ${live}, but the meeting is frozen: sent to ${sent}, as meetings/arkiv/2023-11-22/udvalg.yaml has it (put the address right there too)`;
    const [anna, bo, carl, dorte] = [
      ['Anna Andersen', 'anna@example.org'],
      ['Bo Berg', 'bo@example.org'],
      ['Carl Carlsen', 'carl@example.org'],
      ['Dorte Dam', 'dorte@example.org'],
    ] as Array<[string, string]>;
    freezeWith(anna!, bo!, carl!);
    // Anna removed: Bo stands in her place, and Bo is an archived member, not Anna renamed.
    committee(bo!, carl!);
    expect(await told()).toEqual([]);
    // Dorte added first, Bo renamed with a new address: whose is the entry in Bo's place is not certain.
    committee(dorte!, anna!, ['Bo Bergsen', 'bo@ny.example.org'], carl!);
    expect(await told()).toEqual([]);
    // Dorte added last, Bo renamed in his place: told, as before.
    committee(anna!, ['Bo Bergsen', 'bo@ny.example.org'], carl!, dorte!);
    expect(await told()).toEqual([warning('Bo Berg', 'bo@ny.example.org', 'bo@example.org')]);
    // A name and seat each file has once: told by name wherever it stands.
    committee(dorte!, ['Carl Carlsen', 'carl@ny.example.org'], anna!, bo!);
    expect(await told()).toEqual([warning('Carl Carlsen', 'carl@ny.example.org', 'carl@example.org')]);
    // Two Kim Hansen of one party, the first removed: the other's address is not the first's.
    freezeWith(['Kim Hansen', 'kim1@example.org'], ['Kim Hansen', 'kim2@example.org']);
    committee(['Kim Hansen', 'kim2@example.org']);
    expect(await told()).toEqual([]);
  });

  it('every recipient refused: nothing went, so the meeting stays open (an address put right in udvalg.yaml counts), exit 5', async () => {
    const { dir, meetings, smtp, env } = await setup([...members, extra]);
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    await smtp.close();
    expect(run.status).toBe(5);
    expect(run.stdout).toContain('to 0 of 4 recipients');
    expect(run.stdout).not.toContain('finalized');
    expect(existsSync(path.join(meetings, 'arkiv', '2023-11-22'))).toBe(false);
  });

  it('sends the minutes as minutes, with the settings from a file (the variables win)', async () => {
    const { dir, smtp, env } = await setup();
    const settings = path.join(dir, 'smtp.yaml');
    writeFileSync(
      settings,
      `host: localhost\nport: 1\nuser: ${login.user}\npassword: ${password}\nfrom: sekretariat@example.org\nca: ${env.AGENDA_SMTP_CA}\n`,
    );
    const run = await agendaAsync(['send', '2023-09-06', '--smtp', settings, '--to', 'test@example.org'], {
      cwd: dir,
      env: { AGENDA_SMTP_PORT: String(smtp.port) },
    });
    await smtp.close();
    expect(run.status).toBe(0);
    const [message] = smtp.received;
    expect(message!.mail.subject).toBe('Referat fra Direktionens møde onsdag den 6. september 2023');
    expect(message!.mail.text).toContain('Hermed referatet fra Direktionens møde onsdag den 6. september 2023');
    expect(message!.mail.attachments[0]!.filename).toBe('2023-09-06-referat.pdf');
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('a member without an address is told, not skipped in silence', async () => {
    const { dir, meetings, smtp, env } = await setup();
    edit(path.join(meetings, 'udvalg.yaml'), `    email: ${members[2]}\n`, '');
    const run = await agendaAsync(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    await smtp.close();
    expect(run.status).toBe(0);
    expect(errorLines(run.stderr).join('\n') + '\n').toBe(
      'warning: Kim Bruun Nielsen has no email in udvalg.yaml: not sent (give the member an email, or deliver it by hand)\n',
    );
    expect(run.stdout).toContain('(3 messages would go)');
  });
});
