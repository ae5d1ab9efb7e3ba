import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { parse } from 'yaml';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, cliEnv, cliPath, copyOfMeetings, errorLines } from '../support/cli.js';
import { canMakeImmutable } from '../support/immutable.js';
import { edit } from '../support/edit.js';
import { goingDown, plainSmtpServer, startSmtpServer } from '../support/smtp.js';
import { clockTime } from '../../src/shared/clock-time.js';

const password = '*Hemmelig-4711';
const login = { user: 'sekretariat', password };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];

/** The lock a send killed outright left: this host's, boot's and pid namespace's, its process gone. */
const leftByKilledSend = () =>
  [
    hostname(),
    readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    readlinkSync('/proc/self/ns/pid'),
    spawnSync('true').pid,
  ].join(' ');

/** The example meetings with an address for each member. */
function addressed() {
  const copy = copyOfMeetings();
  const udvalg = path.join(copy.meetings, 'udvalg.yaml');
  for (const [name, address] of [
    ['Jonas Kroustrup', members[0]],
    ['Lene Mehlsen Thomsen', members[1]],
    ['Kim Bruun Nielsen', members[2]],
  ]) {
    edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${address}\n`);
  }
  return { ...copy, logFile: path.join(copy.meetings, '2023-11-22.sendt.yaml') };
}

// Each case sends from a copy of its own, all of the same inputs: the document send mails (the agenda with its
// attachments, --samlet) is printed once, here, and each copy starts with it in out/, which send reuses (made from
// the same inputs) instead of printing it again, as send.test's failures do. What these cases test is the sending;
// a copy whose input changes prints anew.
let printed = '';
beforeAll(() => {
  printed = addressed().dir;
  const run = agenda(['build', '2023-11-22', '--samlet'], { cwd: printed });
  expect(run.status, run.stderr).toBe(0);
});

/** The example meetings with an address for each member, and the document send mails printed. */
function meetingsWithAddresses() {
  const copy = addressed();
  cpSync(path.join(printed, 'out'), path.join(copy.dir, 'out'), { recursive: true });
  return copy;
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
    expect(errorLines(reserved.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^${settings}:3:11: the mail settings are not valid YAML there`)),
    ]);
    expect(leaks(reserved.stderr)).toEqual([]);
    expect(leaks(real.stdout + real.stderr)).toEqual([]);
  });

  it('a server that echoes the login base64-encoded: refused, without the password in any form', async () => {
    const { dir } = meetingsWithAddresses();
    const smtp = await startSmtpServer(login, [], { echoLogin: true });
    const env = {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: `${password}-forkert`,
      AGENDA_SMTP_FROM: 'a@example.org',
      AGENDA_SMTP_CA: smtp.certificateIn(dir),
    };
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    await smtp.close();
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/refused the login for sekretariat: .*Invalid login \*\*\* \*\*\*/);
    const wrong = `${password}-forkert`;
    for (const s of [wrong, Buffer.from(wrong).toString('base64'), Buffer.from(`\0${login.user}\0${wrong}`).toString('base64')])
      expect(run.stdout + run.stderr).not.toContain(s);
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

describe('agenda send mails each member once', () => {
  const setup = async () => {
    const copy = meetingsWithAddresses();
    const smtp = await startSmtpServer(login);
    const env = {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: password,
      AGENDA_SMTP_FROM: 'a@example.org',
      AGENDA_SMTP_CA: smtp.certificateIn(copy.dir),
    };
    const send = (args: string[] = []) => agendaAsync(['send', '2023-11-22', ...args], { cwd: copy.dir, env });
    return { ...copy, smtp, send };
  };
  const sentTo = (logFile: string) =>
    (parse(readFileSync(logFile, 'utf8')) as Array<{ til: string; sendt: boolean }>).filter((e) => e.sendt).map((e) => e.til);

  it('two sends at once, both taking over the lock a killed send left: every member gets the document once, and the log lists each', async () => {
    const { smtp, send, logFile } = await setup();
    expect((await send(['--dry-run'])).status).toBe(0);
    writeFileSync(`${logFile}.lock`, leftByKilledSend());
    const runs = await Promise.all([send(), send()]);
    await smtp.close();
    expect(runs.map((r) => r.status).sort()).toEqual([0, 2]);
    expect(runs.find((r) => r.status === 2)!.stderr).toMatch(
      /another agenda send of this meeting is running|has reached every recipient already/,
    );
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual([...members].sort());
    expect(sentTo(logFile).sort()).toEqual([...members].sort());
    expect(existsSync(`${logFile}.lock`)).toBe(false);
  });

  it('a run stopped after a message was begun: the re-run does not mail that member again, and says why', async () => {
    const { smtp, send, logFile } = await setup();
    expect((await send(['--to', 'test@example.org'])).status).toBe(0);
    const [done] = parse(readFileSync(logFile, 'utf8')) as Array<{ sha256: string; dokument: string }>;
    // What a kill between the server's acceptance and the outcome's line leaves, or a full disk then.
    writeFileSync(
      logFile,
      `- tid: 2023-11-20T10:00:00.000Z\n  til: ${members[1]}\n  dokument: ${done!.dokument}\n  sha256: ${done!.sha256}\n  sendt: false\n  påbegyndt: true\n`,
    );
    writeFileSync(`${logFile}.lock`, leftByKilledSend());
    const run = await send();
    // The others reached, that one not known to be: exit 5, as where nobody else was due (below).
    expect(run.status).toBe(5);
    expect(run.stdout).toContain(
      `${members[1]}: a message of this version was begun on ${clockTime('2023-11-20T10:00:00.000Z')}, but its outcome is not known (the run stopped, or the connection dropped, first): not sent again, as it may have arrived (ask; agenda send 2023-11-22 --to ${members[1]} --force sends it again to that one (--force alone: to every recipient))\n`,
    );
    expect(errorLines(run.stderr)).toEqual([`not known to have reached ${members[1]}: begun earlier, the outcome never known`]);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['test@example.org', members[0], members[2]].sort());
    // What it says sends it again to that one, and to nobody else; then every recipient is known to have it.
    const again = await send(['--to', members[1]!, '--force']);
    expect(again.status, again.stderr).toBe(0);
    expect((await send()).stderr).toContain('has reached every recipient already');
    await smtp.close();
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['test@example.org', ...members].sort());
  });

  it("a FIFO in the lock's place is refused as naming no process, at once (a read would wait for ever), and nothing is sent", async () => {
    const { smtp, send, logFile } = await setup();
    execFileSync('mkfifo', [`${logFile}.lock`]);
    const run = await send();
    await smtp.close();
    expect(run.status).toBe(2);
    expect(errorLines(run.stderr)).toEqual([
      `another agenda send of this meeting is running (a lock that names no process: ${logFile}.lock): wait for it to end (or, if none is, delete ${logFile}.lock)`,
    ]);
    expect(smtp.received).toEqual([]);
  });

  it('an address with a comma is an error, not two recipients', () => {
    const { dir, meetings } = meetingsWithAddresses();
    edit(path.join(meetings, 'udvalg.yaml'), `email: ${members[0]}`, 'email: kontor,lene@example.dk');
    const run = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)[0]).toMatch(/^meetings\/udvalg\.yaml:\d+:\d+: medlemmer\[0\]\.email: expected one e-mail address/);
  });

  it('a damaged send log is a located error, never an unexpected failure, and nothing is sent', async () => {
    const { smtp, send, logFile } = await setup();
    const good = `- tid: 2023-11-20T10:00:00.000Z\n  til: ${members[0]}\n  dokument: 2023-11-22-dagsorden.pdf\n  sha256: ${'a'.repeat(64)}\n  sendt: true\n`;
    const damaged = {
      'merge-conflict markers': `<<<<<<< HEAD\n${good}=======\n${good}>>>>>>> other\n`,
      'an entry without til': good.replace(`  til: ${members[0]}\n`, ''),
      'sendt as a word': good.replace('sendt: true', 'sendt: måske'),
      'not a list': 'til: x\n',
    };
    for (const [kind, text] of Object.entries(damaged)) {
      writeFileSync(logFile, text);
      const run = await send();
      expect(run.status, kind).toBe(1);
      expect(
        errorLines(run.stderr).every((l) => /^meetings\/2023-11-22\.sendt\.yaml:\d+:\d+: /.test(l)),
        `${kind}: ${run.stderr}`,
      ).toBe(true);
    }
    await smtp.close();
    expect(smtp.received).toEqual([]);
  });
});

/** A server that takes every message, and counts them by recipient. */
async function takingEach(port = 0) {
  const took: string[] = [];
  const plain = await plainSmtpServer(
    (stream, session, done) => {
      stream.resume().on('end', () => {
        took.push(session.envelope.rcptTo[0]!.address);
        done();
      });
    },
    { port },
  );
  return { ...plain, took };
}

/**
 * A server that takes the first message and holds the second unanswered; `atFirst` runs as the first
 * arrives, `second` resolves as the second does.
 */
async function holdingSecondMessage(atFirst: () => void) {
  let arrived = 0;
  let second: () => void = () => undefined;
  const secondArrived = new Promise<void>((resolve) => (second = resolve));
  const plain = await plainSmtpServer((stream, _session, done) => {
    stream.resume().on('end', () => {
      if (++arrived > 1) return second();
      atFirst();
      done();
    });
  });
  return { ...plain, secondArrived };
}

describe('agenda send stopped part-way', () => {
  it('froze the meeting before the first message went; sent again after a change, the rest get what the first got', async () => {
    const { dir, meetings, logFile } = meetingsWithAddresses();
    const archived = path.join(meetings, 'arkiv', '2023-11-22', 'udvalg.yaml');
    let frozenAtFirst = false;
    const holding = await holdingSecondMessage(() => (frozenAtFirst = existsSync(archived)));
    const child = spawn(process.execPath, [cliPath, 'send', '2023-11-22'], {
      cwd: dir,
      env: cliEnv({ env: holding.env }),
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await Promise.race([holding.secondArrived, exited]);
    child.kill('SIGINT'); // Ctrl-C, while the second member's message waits for the server's answer
    await exited;
    await holding.close();
    expect(frozenAtFirst).toBe(true);
    // The clerk moves the committee's meetings meanwhile, and sends again.
    edit(path.join(meetings, 'udvalg.yaml'), 'sted: Mødelokale 250, rådhuset', 'sted: Mødelokale 1, rådhuset');
    const smtp = await startSmtpServer(login);
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: smtp.settings(dir) });
    await smtp.close();
    // One recipient not known to have it: exit 5 (exit-codes.md).
    expect(run.status, run.stderr).toBe(5);
    expect(run.stdout).toContain(`${members[1]}: a message of this version was begun on`);
    expect(smtp.received.map((r) => r.to)).toEqual([[members[2]]]);
    expect(smtp.received[0]!.mail.text).toContain('i Mødelokale 250, rådhuset');
    const log = parse(readFileSync(logFile, 'utf8')) as Array<{ til: string; sha256: string; sendt: boolean }>;
    expect(log.map((e) => [e.til, e.sendt])).toEqual([
      [members[0], true],
      [members[1], false],
      [members[2], true],
    ]);
    expect(new Set(log.map((e) => e.sha256)).size).toBe(1);
    expect(readFileSync(archived, 'utf8')).toContain('sted: Mødelokale 250, rådhuset');
  });
});

/** A server that reads each message whole, then drops the connection unanswered. */
async function droppingAfterData() {
  const arrived: string[] = [];
  const sockets = new Set<Socket>();
  const plain = await plainSmtpServer((stream, session) => {
    stream.resume().on('end', () => {
      arrived.push(session.envelope.rcptTo[0]!.address);
      for (const socket of sockets) socket.destroy();
    });
  });
  plain.server.server.on('connection', (socket: Socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
  return { ...plain, arrived };
}

/** `agenda send` again, the server back on its port (taking every message); `status` 5 where one is left whose outcome is unknown. */
async function sendWhenBack(dir: string, port: number, status = 0) {
  const back = await takingEach(port);
  const again = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: back.env });
  await back.close();
  expect(again.status, again.stderr).toBe(status);
  return { again, back };
}

describe('a mail server gone down part-way', () => {
  const log = (file: string) =>
    (parse(readFileSync(file, 'utf8')) as Array<{ til: string; sendt: boolean; påbegyndt?: boolean }>).map((e) => [
      e.til,
      e.sendt,
      e.påbegyndt ?? false,
    ]);

  it('after the first message: the next connection refused, the rest are not tried, and the next plain send mails exactly them, each once', async () => {
    const { dir, logFile } = meetingsWithAddresses();
    const server = await goingDown(1, false);
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    expect(run.status).toBe(5);
    expect(server.arrived).toEqual([members[0]]);
    // The second's connection refused, the third is not tried: one line names the server and how many were not reached.
    expect(errorLines(run.stderr)).toEqual([
      `cannot reach the mail server localhost:${server.port}: connect ECONNREFUSED 127.0.0.1:${server.port}: 2 of 3 not reached; the next agenda send sends to them`,
    ]);
    expect(log(logFile)).toEqual([
      [members[0], true, false],
      [members[1], false, false],
    ]);
    const { back } = await sendWhenBack(dir, server.port);
    expect(back.took).toEqual(members.slice(1));
    expect(log(logFile).filter(([, sent]) => sent)).toEqual(members.map((m) => [m, true, false]));
  });

  it('a message read whole, then the connection dropped and the server gone: that one begun (not mailed again), the rest mailed by the next send', async () => {
    const { dir, logFile } = meetingsWithAddresses();
    const server = await goingDown(1, true);
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    expect(run.status).toBe(5);
    expect(server.arrived).toEqual(members.slice(0, 2));
    expect(log(logFile)).toEqual([
      [members[0], true, false],
      [members[1], false, true],
      [members[2], false, false],
    ]);
    const { again, back } = await sendWhenBack(dir, server.port, 5);
    expect(again.stdout).toContain(`${members[1]}: a message of this version was begun on`);
    expect(back.took).toEqual([members[2]]);
    const third = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    expect(third.status).toBe(5);
    expect(errorLines(third.stderr)).toEqual([
      `2023-11-22-dagsorden-samlet.pdf (this version) was begun to ${members[1]} and its outcome never known (the run stopped, or the connection dropped, first), so it is not sent again, as it may have arrived: every other recipient has it; ask whether it came; agenda send 2023-11-22 --to ${members[1]} --force sends it again to that one (--force alone: to every recipient)`,
    ]);
  });
});

/**
 * A server that takes the first `answered` connections (the check of the login, then a message each) and hands
 * every later one to `later`: held open without a word, or closed. `connections` counts every connection made.
 */
async function failingAfter(answered: number, later: (socket: Socket) => void) {
  const taking = await takingEach();
  const failed = new Set<Socket>();
  let connections = 0;
  const front = createServer((socket) => {
    connections++;
    if (connections <= answered) return socket.pipe(connect(taking.port, 'localhost')).pipe(socket);
    failed.add(socket.on('error', () => undefined));
    later(socket);
  });
  await new Promise<void>((resolve) => front.listen(0, 'localhost', resolve));
  const port = (front.address() as AddressInfo).port;
  return {
    took: taking.took,
    connections: () => connections,
    env: { ...taking.env, AGENDA_SMTP_PORT: String(port) },
    port,
    close: async () => {
      for (const socket of failed) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await taking.close();
    },
  };
}

/**
 * `agenda send` to a server that serves the check of the login and the first message, and fails every later
 * connection as `later` does: the run stops at the second member in one line (`said`, then how many were not
 * reached), the third not tried (the log holds no intent for them), and the next send mails the two.
 */
async function stopsAtSecond(later: (socket: Socket) => void, said: (port: number) => string, args: string[] = []) {
  const { dir, logFile } = meetingsWithAddresses();
  const server = await failingAfter(2, later);
  try {
    const run = await agendaAsync(['send', '2023-11-22', ...args], { cwd: dir, env: server.env });
    expect(run.status).toBe(5);
    expect(server.took).toEqual([members[0]]);
    expect(errorLines(run.stderr)).toEqual([`${said(server.port)}: 2 of 3 not reached; the next agenda send sends to them`]);
    const entries = parse(readFileSync(logFile, 'utf8')) as Array<{ til: string; sendt: boolean }>;
    expect(entries.map((e) => [e.til, e.sendt])).toEqual([
      [members[0], true],
      [members[1], false],
    ]);
  } finally {
    await server.close();
  }
  const { back } = await sendWhenBack(dir, 0);
  expect(back.took).toEqual(members.slice(1));
  return server;
}

describe('a mail server that accepts a connection and never answers', () => {
  it('is waited for once (--smtp-timeout), the rest not tried: one line names the server, and the next send mails them', async () => {
    const held = () => undefined;
    const server = await stopsAtSecond(held, (port) => `cannot reach the mail server localhost:${port}: Greeting never received`, [
      '--smtp-timeout',
      '1',
    ]);
    expect(server.connections()).toBe(3);
  });
});

// A server that will not serve (overloaded, going down, too many connections) may close a connection before its
// greeting, or greet with 421 (RFC 5321 4.2: service not available, closing the channel): every member after would
// meet the same, so the run stops as at a server not reached, not trying (and logging) each in turn.
describe('a mail server that accepts a connection and closes it before its greeting', () => {
  it('without a word: the rest not tried, one line names the server, and the next send mails them', async () => {
    const server = await stopsAtSecond(
      (socket) => socket.end(),
      (port) => `cannot reach the mail server localhost:${port}: Connection closed unexpectedly`,
    );
    // A close is told as a drop later would be: one connection more asks whether the server serves at all.
    expect(server.connections()).toBe(4);
  });

  it('saying 421: the same', async () => {
    const server = await stopsAtSecond(
      (socket) => socket.end('421 4.3.2 Service not available, closing transmission channel\r\n'),
      (port) => `the mail server localhost:${port} said: 421 4.3.2 Service not available, closing transmission channel`,
    );
    // A 421 is the server's word for all: no connection more is made to ask.
    expect(server.connections()).toBe(3);
  });
});

describe('agenda send unfreezes only where nothing may have gone', () => {
  it('a connection dropped after each whole message: the outcome unknown, so the meeting stays frozen and none is mailed again', async () => {
    const { dir, meetings, logFile } = meetingsWithAddresses();
    const server = await droppingAfterData();
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    expect(run.status).toBe(5);
    expect(server.arrived).toEqual(members);
    expect(run.stderr).toContain(`${members[0]}: `);
    expect(run.stderr).toContain('the server may have taken it: logged as begun, not sent again');
    expect(existsSync(path.join(meetings, 'arkiv', '2023-11-22', 'udvalg.yaml'))).toBe(true);
    const log = parse(readFileSync(logFile, 'utf8')) as Array<{ til: string; sendt: boolean; påbegyndt?: boolean }>;
    expect(log.map((e) => [e.til, e.sendt, e.påbegyndt])).toEqual(members.map((m) => [m, false, true]));
    const again = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    await server.close();
    expect(again.status).toBe(5);
    expect(again.stdout).toContain(`${members[2]}: a message of this version was begun on`);
    // Said truly: not "has reached every recipient already", nor "this sends the new version".
    expect(errorLines(again.stderr)).toEqual([
      `2023-11-22-dagsorden-samlet.pdf (this version) was begun to ${members.join(', ')} and its outcome never known (the run stopped, or the connection dropped, first), so it is not sent again, as it may have arrived: ask whether it came; agenda send 2023-11-22 --to ADDRESS --force sends it again to that one (--force alone: to every recipient)`,
    ]);
    expect(again.stdout).not.toContain('new version');
    expect(server.arrived).toEqual(members);
  });

  it.runIf(canMakeImmutable())(
    "every recipient refused, and the freeze cannot be undone: one line names the archive and what to do, the send's own failure its end",
    async () => {
      const { dir, meetings } = meetingsWithAddresses();
      const archive = path.join(meetings, 'arkiv', '2023-11-22');
      // The archive made immutable once the send froze the meeting (root moves any folder otherwise): its removal fails, EPERM.
      let immutable = false;
      const server = await plainSmtpServer((stream) => stream.resume(), {
        onRcptTo(address, _session, done) {
          if (!immutable) execFileSync('chattr', ['+i', archive]);
          immutable = true;
          done(Object.assign(new Error(`<${address.address}>: no such mailbox`), { responseCode: 550 }));
        },
      });
      try {
        const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
        expect(run.status).toBe(5);
        expect(run.stdout).toContain('to 0 of 3 recipients');
        expect(errorLines(run.stderr).filter((l) => !members.some((m) => l.startsWith(`${m}: refused by the mail server`)))).toEqual([
          'meetings/arkiv/2023-11-22: left as this send made it, though no message went (cannot write meetings/arkiv/2023-11-22: permission denied): delete this folder to reopen the meeting',
        ]);
        expect(existsSync(path.join(archive, 'udvalg.yaml'))).toBe(true);
      } finally {
        if (immutable) execFileSync('chattr', ['-i', archive]);
        await server.close();
      }
    },
  );

  it.runIf(canMakeImmutable())(
    'every recipient refused, and the archive moved aside but not removed: the meeting is reopened, no line says it was left frozen, and a later send freezes it anew beside the copy',
    async () => {
      const { dir, meetings } = meetingsWithAddresses();
      const arkiv = path.join(meetings, 'arkiv');
      // A file in the archive made immutable once the send froze the meeting: the folder moves aside, its removal then fails.
      let immutable = false;
      const server = await plainSmtpServer((stream) => stream.resume(), {
        onRcptTo(address, _session, done) {
          if (!immutable) execFileSync('chattr', ['+i', path.join(arkiv, '2023-11-22', 'udvalg.yaml')]);
          immutable = true;
          done(Object.assign(new Error(`<${address.address}>: no such mailbox`), { responseCode: 550 }));
        },
      });
      try {
        // A process of its own: the copy it sets aside is a stale temporary once it is gone, which a later freeze removes.
        const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env, ownProcess: true });
        expect(run.status).toBe(5);
        expect(errorLines(run.stderr).filter((l) => !members.some((m) => l.startsWith(`${m}: refused by the mail server`)))).toEqual([]);
        expect(existsSync(path.join(arkiv, '2023-11-22'))).toBe(false);
        // The copy set aside stays (its file cannot be removed): a later send freezes the meeting anew beside it.
        const aside = readdirSync(arkiv).filter((n) => n.startsWith('.2023-11-22.'));
        expect(aside).toHaveLength(1);
        const { again, back } = await sendWhenBack(dir, 0);
        expect(errorLines(again.stderr)).toEqual([]);
        expect(back.took).toEqual(members);
        expect(existsSync(path.join(arkiv, '2023-11-22', 'udvalg.yaml'))).toBe(true);
        expect(existsSync(path.join(arkiv, aside[0]!, 'udvalg.yaml'))).toBe(true);
      } finally {
        if (immutable) execFileSync('chattr', ['-R', '-i', arkiv]);
        await server.close();
      }
    },
  );

  it('the log cannot be written (a symbolic link in its place): nothing was begun, so the meeting is not left frozen', async () => {
    const { dir, meetings, logFile } = meetingsWithAddresses();
    // A link inside the meetings folder, so the log is read (one out of it is refused as it is read: input-reach).
    writeFileSync(path.join(meetings, 'elsewhere.yaml'), '[]\n');
    symlinkSync(path.join(meetings, 'elsewhere.yaml'), logFile);
    const server = await droppingAfterData();
    const run = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: server.env });
    await server.close();
    expect(run.status, run.stderr).toBe(3);
    expect(server.arrived).toEqual([]);
    expect(existsSync(path.join(meetings, 'arkiv', '2023-11-22'))).toBe(false);
    expect(readdirSync(path.join(meetings, 'arkiv')).filter((n) => n.includes('2023-11-22'))).toEqual([]);
  });
});
