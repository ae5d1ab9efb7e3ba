import { createHash } from 'node:crypto';
import path from 'node:path';
import { readMeeting } from '../build.js';
import type { MeetingSources } from '../check/check.js';
import { chooseCommitteeOf, type CommitteeChoice } from '../input/repository.js';
import { ReportedFailure, ExitCode, UsageError, SendError } from '../errors.js';
import { hasArchive, writeArchive } from '../input/archive.js';
import { email } from '../input/fields.js';
import type { Meeting } from '../model/meeting.js';
import { findBrowser } from '../pdf/browser.js';
import { documentToSend } from '../send/document.js';
import { Mailer } from '../send/mailer.js';
import { letterFor } from '../send/message.js';
import { recipientsOf, type Recipient } from '../send/recipients.js';
import { lastOtherVersion, lastSent, readSendLog, sendLogFile, writeSendLog, type SendLogEntry } from '../send/send-log.js';
import { smtpConfig } from '../send/smtp-config.js';
import { printFindings } from './report.js';
import { checkedDate } from './select.js';

export interface SendOptions extends CommitteeChoice {
  dryRun?: boolean;
  to?: string;
  force?: boolean;
  smtp?: string;
  browser?: string;
  timeout: number;
}

interface Attachment {
  filename: string;
  content: Uint8Array;
  sha256: string;
}

/**
 * `agenda send <date>`: the members' PDF, built or reused, to every member and extra recipient, one
 * message each, with a log beside the meeting of what reached whom. A document already sent to an
 * address is not sent there again without --force. Once it has gone out, the meeting is finalized.
 */
export async function sendCommand(dateArg: string, options: SendOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const { dir } = folder;
  const { meeting, sources, warnings } = await readMeeting(folder, date);
  printFindings(warnings);
  const attachment = await attachmentOf(dir, meeting, options);
  const recipients = chooseRecipients(options, sources);
  const logFile = sendLogFile(dir, date);
  const log = await readSendLog(logFile);
  const due = notYetSent(recipients, log, attachment, options.force ?? false);
  if (options.dryRun) return dryRun(due, meeting, attachment);
  if (due.length === 0) throw new UsageError(`${attachment.filename} (this version) has reached every recipient already: --force sends it again`);
  const sent = await deliver(due, meeting, attachment, { options, log, logFile });
  if (sent > 0 && !options.to && !(await hasArchive(dir, date))) {
    await writeArchive(dir, date);
    process.stdout.write(`finalized ${date}: its shared files are archived, so the document sent can be rebuilt exactly\n`);
  }
  process.stdout.write(`sent ${attachment.filename} (sha256 ${attachment.sha256.slice(0, 12)}) to ${sent} of ${due.length} recipients; log: ${logFile}\n`);
  if (sent < due.length) throw new ReportedFailure(ExitCode.sendingFailed);
}

async function attachmentOf(dir: string, meeting: Meeting, options: SendOptions): Promise<Attachment> {
  const browser = () => ({ executablePath: findBrowser({ explicit: options.browser }), timeoutMs: options.timeout * 1000 });
  const doc = await documentToSend(dir, meeting, browser);
  process.stdout.write(`${doc.built ? 'built' : 'reusing'} ${doc.file}${doc.built ? '' : ' (newer than every file it is made from)'}\n`);
  return { filename: path.basename(doc.file), content: doc.bytes, sha256: createHash('sha256').update(doc.bytes).digest('hex') };
}

/** The members and extra recipients, or only `--to`; members without an address are told. */
function chooseRecipients(options: SendOptions, sources: MeetingSources): Recipient[] {
  if (options.to) {
    if (!email.safeParse(options.to).success) throw new UsageError(`--to ${options.to}: expected an e-mail address`);
    return [{ email: options.to }];
  }
  const { committee } = sources;
  const { recipients, withoutEmail } = recipientsOf(committee, sources.meeting, sources.date);
  for (const name of withoutEmail) process.stderr.write(`warning: ${name} has no email in udvalg.yaml: not sent (give the member an email, or deliver it by hand)\n`);
  if (recipients.length === 0) throw new UsageError(`nobody to send to: no member of ${committee.navn} has an email in udvalg.yaml`);
  return recipients;
}

/** Recipients this version has not yet reached; a changed meeting is said to be so. */
function notYetSent(recipients: Recipient[], log: SendLogEntry[], attachment: Attachment, force: boolean): Recipient[] {
  const earlier = lastOtherVersion(log, attachment.filename, attachment.sha256);
  if (earlier) process.stdout.write(`the meeting has changed since ${attachment.filename} was sent on ${earlier.tid}: this sends the new version\n`);
  return recipients.filter((r) => {
    const sent = lastSent(log, r.email, attachment.filename, attachment.sha256);
    if (sent && !force) process.stdout.write(`${r.email}: got this version on ${sent.tid} already (--force sends it again)\n`);
    return !sent || force;
  });
}

function dryRun(due: Recipient[], meeting: Meeting, attachment: Attachment): void {
  for (const r of due) {
    const letter = letterFor(meeting, r, attachment.filename);
    process.stdout.write(`to: ${r.name ? `${r.name} <${r.email}>` : r.email}\n  subject: ${letter.subject}\n  attachment: ${attachment.filename}, ${attachment.content.length} bytes, sha256 ${attachment.sha256}\n`);
  }
  process.stdout.write(`dry run: nothing sent (${due.length} ${due.length === 1 ? 'message' : 'messages'} would go)\n`);
}

/** One message per recipient; each outcome logged as it happens. Returns how many the server took. */
async function deliver(due: Recipient[], meeting: Meeting, attachment: Attachment, run: { options: SendOptions; log: SendLogEntry[]; logFile: string }): Promise<number> {
  const mailer = new Mailer(smtpConfig(process.env, run.options.smtp));
  try {
    await mailer.verify();
    let sent = 0;
    for (const r of due) {
      const letter = letterFor(meeting, r, attachment.filename);
      const error = await mailer.send({ to: r.email, ...letter, attachment }).then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof SendError) return err.message;
          throw err;
        },
      );
      if (error) process.stderr.write(`${r.email}: ${error}\n`);
      else sent++;
      run.log.push({ tid: new Date().toISOString(), til: r.email, dokument: attachment.filename, sha256: attachment.sha256, sendt: !error, ...(error ? { fejl: error } : {}) });
      await writeSendLog(run.logFile, run.log);
    }
    return sent;
  } finally {
    mailer.close();
  }
}

