import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { generate } from 'selfsigned';

export interface Received {
  to: string[];
  /** Whether the message came over TLS (after STARTTLS). */
  secure: boolean;
  user?: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on loopback: STARTTLS with a certificate for localhost made for the run, login
 * required (and refused before TLS), recipients in `refuse` refused with 550. With `echoLogin` a
 * refused login is answered with the credentials as sent, base64-encoded, as some servers do.
 */
export async function startSmtpServer(
  login: { user: string; password: string },
  refuse: string[] = [],
  options: { echoLogin?: boolean } = {},
) {
  const received: Received[] = [];
  const tls = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256' });
  const server = new SMTPServer({
    secure: false,
    key: tls.private,
    cert: tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === login.user && auth.password === login.password) done(null, { user: auth.username });
      else if (options.echoLogin)
        done(
          new Error(
            `Invalid login ${Buffer.from(`\0${auth.username}\0${auth.password}`).toString('base64')} ${Buffer.from(auth.password ?? '').toString('base64')}`,
          ),
        );
      else done(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, done) {
      if (refuse.includes(address.address)) done(Object.assign(new Error(`<${address.address}>: no such mailbox`), { responseCode: 550 }));
      else done();
    },
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: session.envelope.rcptTo.map((a) => a.address),
            secure: session.secure,
            user: session.user as string | undefined,
            mail,
          });
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  /** The server's certificate, as a file the client is told to trust. */
  const certificateIn = (dir: string) => {
    const file = path.join(dir, 'smtp-ca.pem');
    writeFileSync(file, tls.cert);
    return file;
  };
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    port,
    certificateIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The AGENDA_SMTP_* settings that send here over STARTTLS with `login`, trusting the certificate (written into `dir`). */
    settings: (dir: string): NodeJS.ProcessEnv => ({
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(port),
      AGENDA_SMTP_TLS: 'starttls',
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: login.password,
      AGENDA_SMTP_FROM: 'Direktionens sekretariat <sekretariat@example.org>',
      AGENDA_SMTP_CA: certificateIn(dir),
    }),
  };
}

/** The example committee's members with addresses to send to, the server's login and the zone the sends run in. */
export const exampleSend = {
  TZ: 'Europe/Copenhagen',
  login: { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' },
  members: ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'].map((name) => ({
    name,
    email: `${name.split(' ')[0]?.toLowerCase() ?? ''}@example.org`,
  })),
};

/** `udvalg.yaml` of the example committee with each member's address (`email:`), so send has someone to send to. */
export function giveAddresses(udvalgFile: string): void {
  const text = readFileSync(udvalgFile, 'utf8');
  writeFileSync(
    udvalgFile,
    exampleSend.members.reduce((t, m) => t.replace(`    navn: ${m.name}\n`, `    navn: ${m.name}\n    email: ${m.email}\n`), text),
  );
}

/**
 * A real SMTP server on loopback (on `port`, where given), without TLS or login, whose messages
 * `onData` answers (and recipients `onRcptTo`, where given); with the settings that send there.
 */
export async function plainSmtpServer(
  onData: SMTPServerOptions['onData'],
  { port = 0, onRcptTo }: { port?: number; onRcptTo?: SMTPServerOptions['onRcptTo'] } = {},
) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData,
    ...(onRcptTo && { onRcptTo }),
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  port = (server.server.address() as AddressInfo).port;
  const env = { AGENDA_SMTP_HOST: 'localhost', AGENDA_SMTP_PORT: String(port), AGENDA_SMTP_TLS: 'none', AGENDA_SMTP_FROM: 'a@example.org' };
  return { server, env, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A server that takes `taking` messages, reads the next whole and drops the connection unanswered where
 * `dropping`, and stops listening then: a server gone down part-way, whose later connections are refused.
 */
export async function goingDown(taking: number, dropping: boolean) {
  const arrived: string[] = [];
  const sockets = new Set<Socket>();
  const plain = await plainSmtpServer((stream, session, done) => {
    stream.resume().on('end', () => {
      arrived.push(session.envelope.rcptTo[0]!.address);
      if (arrived.length <= taking) done();
      if (arrived.length < taking + (dropping ? 1 : 0)) return;
      plain.server.server.close();
      if (dropping) for (const socket of sockets) socket.destroy();
    });
  });
  plain.server.server.on('connection', (socket: Socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
  return { ...plain, arrived };
}
