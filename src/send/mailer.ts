import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { messageOf, SendError, UsageError } from '../shared/errors.js';
import type { SmtpConfig } from './smtp-config.js';

export interface Outgoing {
  to: string;
  subject: string;
  text: string;
  attachment: { filename: string; content: Uint8Array };
}

/**
 * What became of a message that did not go through (Mailer.send): `refused` by the server, or
 * `unsent` (it never had the whole message: the connection failed first), or `unreached` (no server
 * would serve at the address: none answered, or it said 421 or closed the connection before it
 * had the message and does so again), so surely not delivered in any of these; or `unknown` (the
 * whole message went, and the connection failed before the answer).
 */
export type Failure = 'refused' | 'unsent' | 'unreached' | 'unknown';

export class MessageError extends SendError {
  constructor(
    message: string,
    readonly failure: Failure,
  ) {
    super(message);
  }
}

/** Sending over SMTP, a connection a message; every failure worded for the clerk, the password never in it. */
export class Mailer {
  private readonly options: SMTPTransport.Options;

  /** `connectMs`: how long the server may take to accept a connection and greet (send's --smtp-timeout). */
  constructor(
    private readonly config: SmtpConfig,
    connectMs = 20_000,
  ) {
    this.options = {
      host: config.host,
      port: config.port,
      secure: config.tls === 'tls',
      requireTLS: config.tls === 'starttls',
      ignoreTLS: config.tls === 'none',
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      // Node's `ca` replaces the trusted authorities: the system's are kept beside the clerk's own.
      tls: config.ca ? { ca: [...rootCertificates, readCa(config.ca)] } : undefined,
      connectionTimeout: connectMs,
      greetingTimeout: connectMs,
      socketTimeout: 60_000,
    };
  }

  /** Connects and logs in, so a server that cannot be reached or refuses the login stops the send before any message. */
  async verify(): Promise<void> {
    const transport = nodemailer.createTransport(this.options);
    await transport
      .verify()
      .catch((err: unknown) => {
        throw new SendError(this.explain(err));
      })
      .finally(() => transport.close());
  }

  /**
   * Sends one message, on a connection of its own. A failure is `refused` where the server answered
   * no (4xx/5xx) or nodemailer refused the envelope; otherwise it is judged by whether the server
   * was handed the whole message. Nodemailer's errors cannot tell that: a connection refused, one
   * dropped at the greeting and one dropped after the message are all ECONNECTION of command CONN.
   * But nodemailer starts reading the message only once the server answered DATA, and a server
   * keeps no message whose end it did not get (RFC 5321 3.8: a transaction cut short is void):
   * where nodemailer had not read the message to its end, it is `unsent`; where it had, the server
   * may have it, and its outcome is `unknown`. A server that says 421 (RFC 5321 4.2: service not
   * available, closing the channel) serves no message after: `unreached`, as one that answers not.
   */
  async send(message: Outgoing): Promise<void> {
    let whole = false;
    const transport = nodemailer.createTransport(this.options);
    // A 'stream' plugin (nodemailer's own hook) sees the message as it is read into the connection.
    // With DKIM (agenda configures none) it would see it read whole at once: every failure "unknown", none mailed twice.
    transport.use('stream', (mail, done) => {
      mail.message.processFunc((input) => input.once('end', () => (whole = true)));
      done();
    });
    await transport
      .sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: [
          { filename: message.attachment.filename, content: Buffer.from(message.attachment.content), contentType: 'application/pdf' },
        ],
      })
      .catch(async (err: unknown) => {
        throw new MessageError(this.explain(err), await this.failureOf(err, whole));
      })
      .finally(() => transport.close());
  }

  /** What became of a message (see send), by nodemailer's error and whether it had read the message `whole`. */
  private async failureOf(err: unknown, whole: boolean): Promise<Failure> {
    const fault = faultOf(err);
    if (closing(fault)) return 'unreached';
    if (refused(fault)) return 'refused';
    if (whole) return 'unknown';
    if (unreached(fault)) return 'unreached';
    // Dropped unanswered before the server had the message. nodemailer tells a connection closed before the greeting
    // (a server that will not serve: overloaded, going down) no other way from one closed later (this message's fault,
    // perhaps): a new connection asks (verify), where every member after would otherwise be tried in turn.
    const serves = await this.verify().then(
      () => true,
      () => false,
    );
    return serves ? 'unsent' : 'unreached';
  }

  private explain(err: unknown): string {
    const e = faultOf(err);
    const server = `${this.config.host}:${this.config.port}`;
    const said = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').trim();
    const message =
      e.code === 'EAUTH'
        ? `the mail server ${server} refused the login for ${this.config.user ?? '(no user)'}: ${said}`
        : e.code === 'EENVELOPE'
          ? `refused by the mail server: ${said}`
          : e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'EDNS' || e.code === 'ESOCKET'
            ? `cannot reach the mail server ${server}: ${said}`
            : `the mail server ${server} said: ${said}`;
    return this.redact(message);
  }

  /**
   * However a server or library words its error, the password is not printed: neither as typed nor
   * in base64, as a server echoing the login has it (AUTH LOGIN sends the password so, AUTH PLAIN
   * "\0user\0password").
   */
  private redact(text: string): string {
    const password = this.config.password;
    if (!password) return text;
    return text
      .replace(/[A-Za-z0-9+/]{4,}={0,2}/g, (token) =>
        Buffer.from(token, 'base64').toString('latin1').includes(Buffer.from(password).toString('latin1')) ? '***' : token,
      )
      .split(password)
      .join('***');
  }
}

/** The fields nodemailer's errors carry (its SMTP errors are plain Errors given fields), each only where it has its type. */
interface Fault {
  code?: string;
  originalCode?: string;
  command?: string;
  timeoutType?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function faultOf(err: unknown): Fault {
  const field = (key: keyof Fault): unknown => (typeof err === 'object' && err !== null ? Reflect.get(err, key) : undefined);
  const text = (key: keyof Fault) => {
    const value = field(key);
    return typeof value === 'string' ? value : undefined;
  };
  const responseCode = field('responseCode');
  return {
    code: text('code'),
    originalCode: text('originalCode'),
    command: text('command'),
    timeoutType: text('timeoutType'),
    responseCode: typeof responseCode === 'number' ? responseCode : undefined,
    response: text('response'),
    message: text('message'),
  };
}

/** A server's 421: it is closing the channel, and serves no one (RFC 5321 4.2). */
function closing(e: Fault): boolean {
  return e.responseCode === 421;
}

/** The SMTP failures the server or nodemailer answered with a no (see Mailer.send). */
function refused(e: Fault): boolean {
  return e.code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 400);
}

/**
 * A connection that never opened (see Mailer.send): refused, the host unreachable or unknown, or no greeting
 * in time. A server's connection dropped before its greeting is not told apart by nodemailer from one dropped later (Mailer.failureOf).
 */
function unreached(e: Fault): boolean {
  const nobody = e.code === 'EDNS' || ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.originalCode ?? '');
  return e.command === 'CONN' && (nobody || e.timeoutType === 'CONNECT_TIMEOUT' || e.timeoutType === 'GREETING_TIMEOUT');
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the certificate authority ${file}: ${messageOf(err)}`);
  }
}
