import { readSendLog, sendLogFile, sentItem } from '../send/send-log.js';
import { withSendLock } from '../send/lock.js';
import { reminderFor } from '../send/message.js';
import { messageLimitMb, smtpConfig } from '../send/smtp-config.js';
import { UsageError } from '../shared/errors.js';
import { currentMinutes } from './approval.js';
import { statusOf } from './approve.js';
import { keepSentVersion } from '../send/sent-versions.js';
import { versionsOf } from './versions.js';
import { attachmentFrom, deliver, withinLimit, type SendEvent, type SendRequest, type SendResult } from './send.js';

/**
 * `agenda send <date> --påmind`: the members' minutes as they stand, with a reminder in the house's
 * words, to exactly the members who took part and have not approved this version; each message in
 * the send log like any other. Not `force`d: a reminder may go again, as often as the clerk sends it.
 */
export async function remindMembers(request: SendRequest, onEvent: (event: SendEvent) => void = () => undefined): Promise<SendResult> {
  // The mail settings are read before the document is built, so a mistake in them is told at once.
  const smtp = request.dryRun ? undefined : smtpConfig(request.env ?? process.env, request.smtp);
  const state = await currentMinutes(request);
  const { meeting, sources, document } = state;
  const status = statusOf(state);
  const addresses = new Map(sources.committee.medlemmer.flatMap((m) => (m.email ? [[m.navn, m.email] as const] : [])));
  const waiting = status.members.filter((m) => !m.current);
  if (waiting.length === 0)
    throw new UsageError(`every member who took part has approved ${status.dokument} as it stands: nobody to remind`);
  const due: SendResult['due'] = [];
  for (const { person } of waiting) {
    const email = addresses.get(person.name);
    if (email) due.push({ recipient: { name: person.name, email }, letter: reminderFor(meeting, person.name, status.dokument) });
    else onEvent({ type: 'without-email', name: person.name });
  }
  const attachment = attachmentFrom(meeting, document);
  withinLimit(attachment, messageLimitMb(request.env ?? process.env));
  const logFile = sendLogFile(request.dir, request.date);
  const result = { attachment, due, sent: 0, logFile, finalized: false };
  if (!smtp || due.length === 0) return result;
  // The version reminded of is kept as any version sent, so that agenda diff and a later corrected send can compare with it.
  const versions = await versionsOf(request.dir, meeting);
  const beforeFirst = () => keepSentVersion(request.dir, request.date, attachment.sha256, versions);
  const outcome = await withSendLock(logFile, async () =>
    deliver(
      due,
      attachment,
      // A plain send would offer the ordinary letter, and freeze the meeting: a reminder not sent is sent by another reminder.
      {
        smtp,
        connectMs: request.smtpTimeoutMs,
        log: await readSendLog(logFile),
        logFile,
        beforeFirst,
        items: meeting.items.map(sentItem),
        again: `agenda send ${request.date} --påmind`,
      },
      onEvent,
    ),
  );
  result.sent = outcome.sent;
  return result;
}
