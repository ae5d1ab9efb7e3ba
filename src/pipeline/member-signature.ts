import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readApprovalLog, writeApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { coverageOf } from '../approval/coverage.js';
import { approver, sameName } from '../approval/participants.js';
import { checkSignature } from '../pdf/pdfsig.js';
import { signedRevisions } from '../pdf/signature.js';
import { withSendLock } from '../send/lock.js';
import { recipientsOf } from '../send/recipients.js';
import { readSendLog, sendLogFile } from '../send/send-log.js';
import { EnvironmentError, errnoCode, messageOf, UsageError } from '../shared/errors.js';
import { currentMinutes, type MinutesRequest } from './approval.js';

export interface MemberSignatureRequest extends MinutesRequest {
  /** The PDF the member signed with their own certificate. */
  file: string;
  /** The member, as udvalg.yaml names them. */
  member: string;
}

/**
 * A member's approval by signature: the members' minutes as they stand, as sent to the member, signed
 * with their own certificate as an incremental update. It is held to what `agenda godkend` holds an
 * approval to (final minutes unchanged since an approval, a member who took part, one approval at a
 * time under the send log's lock, what it covers recorded), and more: pdfsig must find the signature
 * valid, covering the whole file and made by the member's own certificate (its name is theirs), and
 * the document signed (the bytes before the signature) must be the current minutes and recorded by
 * the send log as sent to that member. Then it is their approval of that version (måde: signatur), at
 * the signing time.
 */
export async function recordMemberSignature(
  request: MemberSignatureRequest,
): Promise<{ entry: ApprovalEntry; signer: string; logFile: string }> {
  const { date, file } = request;
  const { sources, meeting, logFile, document } = await currentMinutes(request);
  const person = approver(meeting, request.member);
  const recipient = recipientsOf(sources.committee, sources.meeting, date).recipients.find(
    (r) => r.name !== undefined && sameName(r.name, person),
  );
  if (!recipient)
    throw new UsageError(
      `${person.name}: no member of ${sources.committee.navn} on ${date} with an email in udvalg.yaml, to whom the minutes were sent`,
    );
  const report = await checkSignature(file);
  if (report.missing) throw new EnvironmentError('cannot check the signature: pdfsig not found; install poppler-utils');
  if (!report.signed) throw new UsageError(`${file}: pdfsig finds no signature in it`);
  if (!report.valid) throw new UsageError(`${file}: the signature does not hold: ${report.validation}`);
  if (!report.wholeFile) throw new UsageError(`${file}: the signature does not cover the whole file: something was added after signing`);
  if (!sameName(report.signer, person))
    throw new UsageError(`${file}: signed by ${report.signer || 'a certificate that names no one'}, not by ${person.name}`);
  const bytes = await readFile(file).catch((err: unknown) => {
    throw new UsageError(`${file}: cannot be read (${errnoCode(err) ?? messageOf(err)})`);
  });
  const dokument = path.basename(document.file);
  const signed = new Set(signedRevisions(bytes).map((b) => createHash('sha256').update(b).digest('hex')));
  // An agenda, an addendum or an earlier version of the minutes sent to the member approves nothing now.
  if (!signed.has(document.sha256))
    throw new UsageError(
      `${file}: what ${person.name} signed is not ${dokument} as it stands (sha256 ${document.sha256.slice(0, 12)}): not the minutes to approve`,
    );
  const sent = (await readSendLog(sendLogFile(sources.folder.dir, date))).some(
    (e) => e.sendt && e.sha256 === document.sha256 && e.til.toLowerCase() === recipient.email.toLowerCase(),
  );
  if (!sent) throw new UsageError(`${file}: what ${person.name} signed is no document the send log records as sent to ${recipient.email}`);
  const entry: ApprovalEntry = {
    medlem: person.name,
    tid: report.signedAt ?? new Date().toISOString(),
    dokument,
    sha256: document.sha256,
    måde: 'signatur',
    ...coverageOf(meeting),
  };
  // Under the lock `agenda godkend` and `agenda send` take, the log read again: another approval may have been recorded since.
  await withSendLock(logFile, async () => {
    const log = await readApprovalLog(logFile);
    const known = log.some((e) => sameName(e.medlem, person) && e.sha256 === entry.sha256 && e.måde === 'signatur');
    if (!known) await writeApprovalLog(logFile, [...log, entry]);
  });
  return { entry, signer: report.signer, logFile };
}
