import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { approvalLogFile, readApprovalLog, writeApprovalLog, type ApprovalEntry } from '../approval/approval-log.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { checkSignature } from '../pdf/pdfsig.js';
import { signedRevisions } from '../pdf/signature.js';
import { recipientsOf } from '../send/recipients.js';
import { readSendLog, sendLogFile } from '../send/send-log.js';
import { EnvironmentError, errnoCode, messageOf, UsageError } from '../shared/errors.js';
import { readMeetingSources } from './sources.js';

export interface MemberSignatureRequest {
  dir: string;
  folder?: CommitteeFolder;
  date: string;
  /** The PDF the member signed with their own certificate. */
  file: string;
  /** The member, as udvalg.yaml names them. */
  member: string;
}

/**
 * A member's approval by signature: the PDF they were sent, signed with their own certificate as an
 * incremental update. pdfsig must find the signature valid and covering the whole file, and the
 * document signed (the bytes before the signature) must be one the send log records as sent to
 * that member; then it is their approval of that version (måde: signatur), at the signing time.
 */
export async function recordMemberSignature(
  request: MemberSignatureRequest,
): Promise<{ entry: ApprovalEntry; signer: string; logFile: string }> {
  const { date, file, member } = request;
  const folder = request.folder ?? toFolder(request.dir);
  const { dir } = folder;
  const { sources } = await readMeetingSources(folder, date);
  const recipient = recipientsOf(sources.committee, sources.meeting, date).recipients.find((r) => r.name === member);
  if (!recipient)
    throw new UsageError(
      `${member}: no member of ${sources.committee.navn} on ${date} with an email in udvalg.yaml, to whom the minutes were sent`,
    );
  const report = await checkSignature(file);
  if (report.missing) throw new EnvironmentError('cannot check the signature: pdfsig not found; install poppler-utils');
  if (!report.signed) throw new UsageError(`${file}: pdfsig finds no signature in it`);
  if (!report.valid) throw new UsageError(`${file}: the signature does not hold: ${report.validation}`);
  if (!report.wholeFile) throw new UsageError(`${file}: the signature does not cover the whole file: something was added after signing`);
  const bytes = await readFile(file).catch((err: unknown) => {
    throw new UsageError(`${file}: cannot be read (${errnoCode(err) ?? messageOf(err)})`);
  });
  const signed = new Set(signedRevisions(bytes).map((b) => createHash('sha256').update(b).digest('hex')));
  const sent = (await readSendLog(sendLogFile(dir, date))).findLast(
    (e) => e.sendt && signed.has(e.sha256) && e.til.toLowerCase() === recipient.email.toLowerCase(),
  );
  if (!sent) throw new UsageError(`${file}: what ${member} signed is no document the send log records as sent to ${recipient.email}`);
  const logFile = approvalLogFile(dir, date);
  const entry: ApprovalEntry = {
    medlem: member,
    tid: report.signedAt ?? new Date().toISOString(),
    dokument: sent.dokument,
    sha256: sent.sha256,
    måde: 'signatur',
  };
  const log = await readApprovalLog(logFile);
  const known = log.some((e) => e.medlem === member && e.sha256 === entry.sha256 && e.måde === 'signatur');
  if (!known) await writeApprovalLog(logFile, [...log, entry]);
  return { entry, signer: report.signer, logFile };
}
