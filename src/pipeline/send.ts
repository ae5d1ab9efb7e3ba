import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { meetingFor } from './document.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { email } from '../input/fields.js';
import type { MeetingSources } from '../input/sources.js';
import type { MemberInput } from '../input/schema/committee.js';
import type { Meeting } from '../model/meeting.js';
import { findBrowser } from '../pdf/browser.js';
import { Mailer, MessageError } from '../send/mailer.js';
import { letterFor, type Letter } from '../send/message.js';
import { keepSentVersion, readSentVersion } from '../send/sent-versions.js';
import { closedWords, compareVersions } from '../model/changes.js';
import { publicVersion } from '../model/public.js';
import { documentContent } from './document-content.js';
import { recipientsOf, type Recipient } from '../send/recipients.js';
import {
  lastOtherVersion,
  lastSent,
  readSendLog,
  sendLogFile,
  sentItem,
  versionNumber,
  writeSendLog,
  type SendLogEntry,
  type SentItem,
} from '../send/send-log.js';
import { withSendLock } from '../send/lock.js';
import { messageLimitMb, smtpConfig, type SmtpConfig } from '../send/smtp-config.js';
import { SendError, UsageError, type Finding } from '../shared/errors.js';
import { documentToSend } from './document-to-send.js';
import { readMeetingSources } from './sources.js';
import { correctionFor, versionsOf } from './versions.js';
import { checkAddenda, sentDocument } from './addenda.js';
import { today, within } from '../shared/dates.js';
import { withCorrection } from './correction.js';
import { documentNames, outputsOf, sentAs } from './output.js';
import { approvalsOf } from './approval.js';
import { SendFreeze, type FreezeLeft } from './freeze.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import { checkShared } from '../check/check.js';

export interface SendRequest {
  dir: string;
  /** The committee as the repository found it (its documents' names may carry it); default: `dir` named directly. */
  folder?: CommitteeFolder;
  date: string;
  /** The day it goes out, which a corrected agenda's mark gives (Rettet dagsorden den …); default: today on the clerk's clock. */
  today?: string;
  /** Tell who would get what; send nothing. */
  dryRun?: boolean;
  /** This address only (a test send); the meeting is not finalized. */
  to?: string;
  /** Send again to whoever has this version already. */
  force?: boolean;
  /** The mail settings file; the AGENDA_SMTP_* variables of `env` override it. */
  smtp?: string;
  env?: NodeJS.ProcessEnv;
  browser?: string;
  timeoutMs?: number;
  /** How long the mail server may take to accept a connection and greet (--smtp-timeout). */
  smtpTimeoutMs?: number;
  /** The LibreOffice to convert office attachments with (default: found as `findOfficeConverter` does). */
  libreoffice?: string;
}

export interface Attachment {
  filename: string;
  /**
   * Every name the document went out under (documentNames' `sentAs`: its name now, and its name while the
   * repository had one committee): the send log's entries of any of them are of this document.
   */
  names: string[];
  content: Uint8Array;
  sha256: string;
  /** What it shows (documentContent), where send knows it: sent in other bytes, the same is the same version. */
  indhold?: string;
}

/** The document to send as the message's attachment, named as the send log may know it. */
export function attachmentFrom(meeting: Meeting, doc: { file: string; bytes: Uint8Array; sha256: string }): Attachment {
  const filename = path.basename(doc.file);
  const names = [...new Set([filename, ...documentNames(sentAs({ document: meeting })).sentAs])];
  return { filename, names, content: doc.bytes, sha256: doc.sha256 };
}

/** What sending tells as it goes. */
export type SendEvent =
  | { type: 'warnings'; findings: Finding[] }
  /** `changedAfterBuild`: built anew, as the PDF there was changed after it was built. */
  | { type: 'document'; file: string; built: boolean; changedAfterBuild: boolean }
  | { type: 'without-email'; name: string }
  | { type: 'changed'; filename: string; sentAt: string }
  /** `outcomeUnknown`: a message was begun then, and its outcome never known (the run stopped, or the connection dropped, first). */
  | { type: 'already-sent'; email: string; sentAt: string; outcomeUnknown: boolean }
  | { type: 'failed'; email: string; error: string }
  /** The server could not be reached for a message (`error` says so, and how many were not tried): the rest were not tried. */
  | { type: 'unreached'; error: string }
  /** The freeze of a send that reached nobody could not be undone: `file` is left so (FreezeLeft). */
  | ({ type: 'left-frozen' } & FreezeLeft)
  /** The meeting is frozen, and the live udvalg.yaml gives this member, not reached yet, another address (`live`). */
  | { type: 'frozen-address'; name: string; email: string; live: string; archived: string };

export interface SendResult {
  attachment: Attachment;
  /** Those this version had not reached, with their letters; in a dry run, those it would go to. */
  due: Array<{ recipient: Recipient; letter: Letter }>;
  /** How many messages the server took (none in a dry run). */
  sent: number;
  logFile: string;
  /** Whether this send finalized the meeting (archived its shared files). */
  finalized: boolean;
}

/**
 * The members' PDF, built or reused, to every member and extra recipient, one message each, with a
 * log beside the meeting of what reached whom. A document already sent to an address is not sent
 * there again without `force`. The meeting is finalized (frozen) before the first message goes, and
 * reopened where no message may have reached anyone (SendFreeze).
 */
export async function sendMeeting(request: SendRequest, onEvent: (event: SendEvent) => void = () => undefined): Promise<SendResult> {
  const { date } = request;
  const folder = request.folder ?? (await toFolder(request.dir));
  const { dir } = folder;
  const { sources, warnings } = await readMeetingSources(folder, date);
  onEvent({ type: 'warnings', findings: warnings });
  const read = await meetingFor(sources, 'medlemmer');
  await checkAddenda(sources, read);
  const whole = await withCorrection(dir, read, request.today ?? today());
  // Minutes a member approved whose text changed since, otherwise than by an addition, are refused as
  // a build and `agenda godkend` refuse them: the approval would be of text the members never got.
  await approvalsOf(dir, { sources, meeting: whole });
  // The mail settings are read before the document is built, so a mistake in them is told at once.
  const smtp = request.dryRun ? undefined : smtpConfig(request.env ?? process.env, request.smtp);
  const recipients = chooseRecipients(request.to, sources, onEvent);
  // The house's letter (husstil/mail/) is tried before the document is printed, so that a mistake in it is told at
  // once, not after the print; each recipient's letter is made below, with the document's name. The trial has a
  // name too (a letter that says it only where there is one, `{{#if attachment}}`, is not empty for want of it).
  const [anyone] = recipients;
  if (anyone) letterFor(whole, anyone, `${date}.pdf`, undefined, sources.pages);
  const logFile = sendLogFile(dir, date);
  return withSendLock(logFile, async () => {
    const log = await readSendLog(logFile);
    const { document: meeting, indhold } = await documentDue(dir, whole, log);
    const attachment = { ...(await attachmentOf(dir, meeting, request, onEvent)), indhold };
    withinLimit(attachment, messageLimitMb(request.env ?? process.env));
    const versions = await versionsOf(dir, meeting);
    // Judged against the whole meeting, as diff judges it: an item may have moved between the agenda and an addendum.
    const closed = closedWords(whole, publicVersion(whole));
    const due = await Promise.all(
      notYetSent(recipients, log, attachment, request.force ?? false, onEvent).map(async (recipient) => ({
        recipient,
        letter: letterFor(
          meeting,
          recipient,
          attachment.filename,
          await correctionFor(recipient, { dir, date, log, attachment }, versions, closed),
          sources.pages,
        ),
      })),
    );
    if (!request.to) await tellChangedAddresses(sources, folder, due, onEvent);
    const result = { attachment, due, sent: 0, logFile, finalized: false };
    if (!smtp) return result;
    if (due.length === 0) throw nothingDue(recipients, log, attachment, date);
    // What this version says is kept, and the meeting frozen, before the first message goes: what a
    // member got can always be rebuilt, and a send resumed after an interruption reads the frozen
    // files (frysning.md), so it sends those not reached yet the same document, not a changed one.
    const frozen = request.to ? undefined : new SendFreeze((left) => onEvent({ type: 'left-frozen', ...left }));
    const beforeFirst = async () => {
      await keepSentVersion(dir, date, attachment.sha256, versions);
      await frozen?.freeze(dir, meeting, request);
    };
    const items = meeting.items.map(sentItem);
    try {
      const outcome = await deliver(
        due,
        attachment,
        {
          smtp,
          connectMs: request.smtpTimeoutMs,
          log,
          logFile,
          beforeFirst,
          begin: frozen?.begin.bind(frozen),
          items,
          again: 'the next agenda send',
        },
        onEvent,
      );
      result.sent = outcome.sent;
      // The server refused each: the meeting stays open, so an address put right in udvalg.yaml is read by the next send.
      await frozen?.end(outcome.sent + outcome.unknown === 0);
    } catch (err) {
      // The failure is the reason the send ends; an undo that failed too is told beside it (SendFreeze).
      await frozen?.end(false);
      throw err;
    }
    result.finalized = frozen?.finalized ?? false;
    return result;
  });
}

/**
 * The document to send, with what it shows: once the agenda went out, the first of it and its addenda
 * (tillægsdagsordener) not sent yet or changed since it was (its correction), else the last addendum
 * (so that it is not sent twice without --force); otherwise the meeting's agenda, or its minutes.
 */
async function documentDue(dir: string, meeting: Meeting, log: SendLogEntry[]): Promise<{ document: Meeting; indhold: string }> {
  const documents = outputsOf(meeting, { audiences: ['medlemmer'] }).map((o) => o.document);
  if (documents.length < 2) return { document: meeting, indhold: await documentContent(dir, meeting) };
  let last = { document: meeting, indhold: '' };
  for (const document of documents) {
    last = { document, indhold: await documentContent(dir, document) };
    if (await changedSinceSent(dir, document, last.indhold, sentDocument(log, document))) return last;
  }
  return last;
}

/** Not sent, or sent showing otherwise (told by the version kept where the log has no `indhold`, as before it had). */
async function changedSinceSent(dir: string, document: Meeting, indhold: string, sent: SendLogEntry | undefined): Promise<boolean> {
  if (!sent) return true;
  if (sent.indhold) return sent.indhold !== indhold;
  const before = await readSentVersion(dir, document.date, sent.sha256, 'medlemmer');
  return before !== undefined && compareVersions(before, (await versionsOf(dir, document)).medlemmer).length > 0;
}

async function attachmentOf(dir: string, meeting: Meeting, request: SendRequest, onEvent: (event: SendEvent) => void): Promise<Attachment> {
  const browser = () => ({ executablePath: findBrowser({ explicit: request.browser }), timeoutMs: request.timeoutMs ?? 60_000 });
  const doc = await documentToSend(dir, sentAs({ document: meeting }), browser, request);
  onEvent({ type: 'document', file: doc.file, built: doc.built, changedAfterBuild: doc.changedAfterBuild });
  return attachmentFrom(meeting, { ...doc, sha256: createHash('sha256').update(doc.bytes).digest('hex') });
}

/**
 * A message the server would refuse for its size is not tried, to anyone: the attachment travels
 * base64-encoded (four bytes for three, and line breaks), which is what the server counts.
 */
export function withinLimit(attachment: Attachment, limitMb: number): void {
  const messageMb = (Math.ceil(attachment.content.length / 3) * 4 * (78 / 76) + 16_384) / 1024 / 1024;
  if (messageMb > limitMb) {
    throw new SendError(
      `${attachment.filename}: the message would be ${messageMb.toFixed(1)} MB, over the mail server's limit of ${limitMb} MB (AGENDA_SMTP_MAX_MB); nothing was sent`,
    );
  }
}

/** The members and extra recipients, or only `to`; members without an address are told. */
function chooseRecipients(to: string | undefined, sources: MeetingSources, onEvent: (event: SendEvent) => void): Recipient[] {
  if (to) {
    if (!email.safeParse(to).success) throw new UsageError(`--to ${to}: expected an e-mail address`);
    return [{ email: to }];
  }
  const { committee } = sources;
  const { recipients, withoutEmail } = recipientsOf(committee, sources.meeting, sources.date);
  for (const name of withoutEmail) onEvent({ type: 'without-email', name });
  if (recipients.length === 0) throw new UsageError(`nobody to send to: no member of ${committee.navn} has an email in udvalg.yaml`);
  return recipients;
}

/**
 * A frozen meeting's members are read from its archive, so an address put right in udvalg.yaml since
 * (after a refusal, say) is not the one sent to: each member not reached yet whose address differs is told.
 */
async function tellChangedAddresses(
  sources: MeetingSources,
  folder: CommitteeFolder,
  due: SendResult['due'],
  onEvent: (event: SendEvent) => void,
) {
  const { date } = sources;
  if (!(await hasArchive(folder.dir, date))) return;
  const live = (await checkShared(folder)).read.committee?.value?.medlemmer ?? [];
  for (const { recipient } of due) {
    const place = recipient.member;
    const now = place === undefined ? undefined : liveEntry(sources.committee.medlemmer, place, live, date)?.email;
    if (recipient.name && now && now.toLowerCase() !== recipient.email.toLowerCase())
      onEvent({
        type: 'frozen-address',
        name: recipient.name,
        email: recipient.email,
        live: now,
        archived: path.join(archiveDir(folder.dir, date), 'udvalg.yaml'),
      });
  }
}

/**
 * The live udvalg.yaml's entry of a member of the archived one (`place` its place there), or none
 * where that is not certain: udvalg.yaml gives a member no key of its own, a name may be shared or
 * changed, and a place shifts where a member is removed or added. The entry of its name and seat
 * (titel, parti), in office on the day, where each file has exactly one; otherwise the entry in its
 * place, where that holds its seat under a name no archived member has (renamed since). A wrong
 * guess would have the clerk copy another member's address into the archive: none is told instead.
 */
function liveEntry(archived: MemberInput[], place: number, live: MemberInput[], date: string): MemberInput | undefined {
  const member = archived[place];
  if (!member) return undefined;
  const seat = (m: MemberInput) => m.titel === member.titel && m.parti === member.parti && within(date, m.fra, m.til);
  const named = (list: MemberInput[]) => list.filter((m) => seat(m) && m.navn === member.navn);
  const [only, ...more] = named(live);
  if (only && more.length === 0 && named(archived).length === 1) return only;
  const there = live[place];
  return there && seat(there) && !archived.some((m) => m.navn === there.navn) ? there : undefined;
}

/** Recipients this version has not yet reached; a changed meeting is said to be so. */
function notYetSent(
  recipients: Recipient[],
  log: SendLogEntry[],
  attachment: Attachment,
  force: boolean,
  onEvent: (event: SendEvent) => void,
): Recipient[] {
  const due = recipients.filter((r) => {
    const sent = lastSent(log, r.email, attachment.names, attachment);
    if (sent && !force) onEvent({ type: 'already-sent', email: r.email, sentAt: sent.tid, outcomeUnknown: !sent.sendt });
    return !sent || force;
  });
  // Told only where this version goes to someone: else nothing is sent (nothingDue says why).
  const earlier = lastOtherVersion(log, attachment.names, attachment);
  if (earlier && due.length > 0) onEvent({ type: 'changed', filename: attachment.filename, sentAt: earlier.tid });
  return due;
}

/**
 * Why nothing is sent where this version was sent, or begun, to every recipient: a usage mistake where each has it;
 * where a message's outcome is unknown, a send not known to have reached everyone (SendError), as when it dropped.
 */
function nothingDue(recipients: Recipient[], log: SendLogEntry[], attachment: Attachment, date: string): UsageError | SendError {
  const unknown = recipients.filter((r) => !lastSent(log, r.email, attachment.names, attachment)?.sendt).map((r) => r.email);
  const version = `${attachment.filename} (this version)`;
  if (unknown.length === 0) return new UsageError(`${version} has reached every recipient already: --force sends it again`);
  const others = unknown.length < recipients.length ? 'every other recipient has it; ' : '';
  return new SendError(
    `${version} was begun to ${unknown.join(', ')} and its outcome never known (the run stopped, or the connection dropped, first), ` +
      `so it is not sent again, as it may have arrived: ${others}ask whether it came; ${sendAgain(date, unknown)}`,
  );
}

/** How a message whose outcome is unknown is sent again: to the one recipient who did not get it, not to all. */
export function sendAgain(date: string, emails: string[]): string {
  const to = emails.length === 1 ? emails[0] : 'ADDRESS';
  return `agenda send ${date} --to ${to} --force sends it again to that one (--force alone: to every recipient)`;
}

/**
 * One message per recipient. The intent is logged before each message and the outcome after, so a
 * run stopped in between (killed, the disk full) leaves a log that says which outcome is unknown:
 * a message is sent at most once per recipient and version. A message whose outcome is unknown (the
 * server was handed all of it, and the connection dropped before it answered) stays logged as begun,
 * for the same reason; one the server never had whole (it went down part-way) is logged as not sent,
 * and the command the caller names (`again`) sends it. Where the server could not be reached at all, or would not serve
 * (`unreached`: it said 421, or closed the connection before its greeting), the rest are not tried (each would wait
 * as long, or be turned away alike, by the same server): they are left unlogged, for `again` to send.
 * Returns how many the server took, and of how many the outcome is unknown.
 */
export async function deliver(
  due: SendResult['due'],
  attachment: Attachment,
  run: {
    smtp: SmtpConfig;
    /** How long the server may take to accept a connection and greet (Mailer). */
    connectMs?: number | undefined;
    log: SendLogEntry[];
    logFile: string;
    items: SentItem[];
    beforeFirst: () => Promise<void>;
    /** The command that sends a message not sent (`unsent`) again, as the clerk is told it. */
    again: string;
    /** How the first message's intent is written (SendFreeze.begin learns from it that one was begun). */
    begin?: ((writeIntent: () => Promise<void>) => Promise<void>) | undefined;
  },
  onEvent: (event: SendEvent) => void,
): Promise<{ sent: number; unknown: number }> {
  const mailer = new Mailer(run.smtp, run.connectMs);
  await mailer.verify();
  // Once the server answers: what must stand before a message goes (the version kept for agenda diff; the meeting frozen).
  await run.beforeFirst();
  let sent = 0;
  let unknown = 0;
  const version = versionNumber(run.log, attachment.names, attachment.sha256);
  for (const [index, { recipient, letter }] of due.entries()) {
    const entry = {
      tid: new Date().toISOString(),
      til: recipient.email,
      dokument: attachment.filename,
      sha256: attachment.sha256,
      punkter: run.items,
      version,
      ...(attachment.indhold ? { indhold: attachment.indhold } : {}),
    };
    run.log.push({ ...entry, sendt: false, påbegyndt: true });
    const writeIntent = () => writeSendLog(run.logFile, run.log);
    await (sent + unknown === 0 && run.begin ? run.begin(writeIntent) : writeIntent());
    const failure = await mailer.send({ to: recipient.email, ...letter, attachment }).then(
      () => undefined,
      (err: unknown) => {
        if (err instanceof MessageError) return err;
        throw err;
      },
    );
    if (!failure) sent++;
    else if (failure.failure === 'unknown') unknown++;
    const unreached = failure?.failure === 'unreached' ? due.length - index : 0;
    if (unreached)
      onEvent({ type: 'unreached', error: `${failure?.message}: ${unreached} of ${due.length} not reached; ${run.again} sends to them` });
    else if (failure) onEvent({ type: 'failed', email: recipient.email, error: failed(failure, run.again) });
    run.log[run.log.length - 1] = {
      ...entry,
      sendt: !failure,
      ...(failure ? { påbegyndt: failure.failure === 'unknown', fejl: failure.message } : {}),
    };
    await writeSendLog(run.logFile, run.log);
    if (unreached) break;
  }
  return { sent, unknown };
}

/** A failure as told: what becomes of the message, where the clerk need not put anything right. */
function failed(failure: MessageError, again: string): string {
  if (failure.failure === 'unsent') return `${failure.message}: not sent; ${again} sends it`;
  if (failure.failure === 'unknown')
    return `${failure.message}; the server may have taken it: logged as begun, not sent again (ask; --force sends it again)`;
  return failure.message;
}
