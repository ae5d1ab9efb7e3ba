import { chooseCommitteeOf } from '../input/repository.js';
import { sendAgain, sendMeeting, type SendEvent, type SendResult } from '../pipeline/send.js';
import { remindMembers } from '../pipeline/remind.js';
import { checkedDate } from '../pipeline/select.js';
import { ExitCode, ReportedFailure } from '../shared/errors.js';
import { printFindings } from './report.js';
import type { OptionsOf } from './options.js';
import { clockTime } from '../shared/clock-time.js';

/** Its options, as declared in options.ts. */
export type SendOptions = OptionsOf<'send'>;

/** `agenda send <date>`: the members' PDF to every member and extra recipient, logged; see pipeline/send.ts. */
export async function sendCommand(dateArg: string, options: SendOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const request = {
    ...options,
    dir: folder.dir,
    folder,
    date,
    timeoutMs: options.timeout * 1000,
    smtpTimeoutMs: options.smtpTimeout * 1000,
  };
  // Those a message was begun to earlier, its outcome never known: not sent again, so not known to have it.
  const unknown: string[] = [];
  const tell = (event: SendEvent) => {
    if (event.type === 'already-sent' && event.outcomeUnknown) unknown.push(event.email);
    tellEvent(event, date);
  };
  const result = options.påmind ? await remindMembers(request, tell) : await sendMeeting(request, tell);
  const { attachment, due, sent, logFile } = result;
  if (options.dryRun) return dryRun(result);
  if (result.finalized)
    process.stdout.write(`finalized ${request.date}: its shared files are archived, so the document sent can be rebuilt exactly\n`);
  process.stdout.write(
    `sent ${attachment.filename} (sha256 ${attachment.sha256.slice(0, 12)}) to ${sent} of ${due.length} recipients; log: ${logFile}\n`,
  );
  if (unknown.length > 0) process.stderr.write(`not known to have reached ${unknown.join(', ')}: begun earlier, the outcome never known\n`);
  // Exit 5 as a send whose connection dropped: not every recipient is known to have the document.
  if (sent < due.length || unknown.length > 0) throw new ReportedFailure(ExitCode.sendingFailed);
}

function tellEvent(event: SendEvent, date: string): void {
  if (event.type === 'warnings') printFindings(event.findings);
  else if (event.type === 'document') process.stdout.write(`${event.built ? 'built' : 'reusing'} ${event.file}${documentNote(event)}\n`);
  else if (event.type === 'without-email')
    process.stderr.write(
      `warning: ${event.name} has no email in udvalg.yaml: not sent (give the member an email, or deliver it by hand)\n`,
    );
  else if (event.type === 'changed')
    process.stdout.write(
      `the meeting has changed since ${event.filename} was sent on ${clockTime(event.sentAt)}: this sends the new version\n`,
    );
  else if (event.type === 'already-sent' && event.outcomeUnknown) {
    process.stdout.write(
      `${event.email}: a message of this version was begun on ${clockTime(event.sentAt)}, but its outcome is not known (the run stopped, or the connection dropped, first): not sent again, as it may have arrived (ask; ${sendAgain(date, [event.email])})\n`,
    );
  } else if (event.type === 'already-sent')
    process.stdout.write(`${event.email}: got this version on ${clockTime(event.sentAt)} already (--force sends it again)\n`);
  else if (event.type === 'left-frozen') process.stderr.write(`${event.file}: ${event.message}\n`);
  else if (event.type === 'unreached') process.stderr.write(`${event.error}\n`);
  else if (event.type === 'frozen-address')
    process.stderr.write(
      `warning: ${event.name}: udvalg.yaml now gives ${event.live}, but the meeting is frozen: sent to ${event.email}, as ${event.archived} has it (put the address right there too)\n`,
    );
  else process.stderr.write(`${event.email}: ${event.error}\n`);
}

/** Why a document was reused, or, where it says so, built. */
function documentNote({ built, changedAfterBuild }: { built: boolean; changedAfterBuild: boolean }): string {
  if (!built) return ' (made from these very inputs)';
  return changedAfterBuild ? ' (the one there was changed after it was built)' : '';
}

function dryRun({ due, attachment }: SendResult): void {
  for (const { recipient: r, letter } of due) {
    process.stdout.write(
      `to: ${r.name ? `${r.name} <${r.email}>` : r.email}\n  subject: ${letter.subject}\n  attachment: ${attachment.filename}, ${attachment.content.length} bytes, sha256 ${attachment.sha256}\n`,
    );
  }
  process.stdout.write(`dry run: nothing sent (${due.length} ${due.length === 1 ? 'message' : 'messages'} would go)\n`);
}
