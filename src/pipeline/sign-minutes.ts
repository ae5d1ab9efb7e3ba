import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApprovalEntry } from '../approval/approval-log.js';
import { archiveDir, hasArchive } from '../input/archive.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { writeSealed } from '../input/sealed.js';
import { findBrowser } from '../pdf/browser.js';
import { openCredential } from '../pdf/certificate.js';
import { signPdf } from '../pdf/signature.js';
import { EnvironmentError, errnoCode, messageOf, UsageError } from '../shared/errors.js';
import { meetingFor } from './document.js';
import { approvalsOf, publicContent } from './approval.js';
import { outputsOf, publicMinutes, sentAs } from './output.js';
import { documentToSend } from './document-to-send.js';
import type { OfficeSettings } from './office.js';
import { readMeetingSources } from './sources.js';

export interface SealRequest extends OfficeSettings {
  dir: string;
  folder?: CommitteeFolder;
  date: string;
  /** The PKCS#12 file of the municipality's certificate. */
  certificate: string;
  /** Its password: from the environment or a prompt, never from a meeting's files or the command line. */
  password: string;
  browser?: string;
  timeoutMs?: number;
}

export interface SealResult {
  /** The files written: the sealed members', completed (-godkendt.pdf) and public minutes, and the list naming them. */
  files: string[];
  /** The SHA-256 of the members' minutes sealed, the version approved. */
  sha256: string;
  /** The approvals of that version, the last of which gives the signing time. */
  approvals: ApprovalEntry[];
  signedAt: Date;
}

/**
 * `agenda forsegl`: the members' and the public minutes, as built (or reused, made from these very
 * inputs), signed with the municipality's certificate once members have approved exactly this
 * version, and written to the meeting's archive. Where the house's Godkendelsesside lists the
 * approvals, the members' minutes with that page completed (-godkendt.pdf) are sealed too, after it
 * is complete: a later change to the page breaks the seal; the version approved is sealed as it was,
 * so the archive holds the very bytes each approval's SHA-256 names. The signing time is the last
 * approval's, so the same inputs and certificate give the same files.
 */
export async function sealMinutes(request: SealRequest): Promise<SealResult> {
  const { date } = request;
  const folder = request.folder ?? (await toFolder(request.dir));
  const { dir } = folder;
  if (!(await hasArchive(dir, date)))
    throw new UsageError(`${date} is not finalized (no ${archiveDir(dir, date)}): minutes are sealed once the meeting has gone out`);
  // The certificate first: a wrong password is told before anything is built.
  const credential = openCredential(await readCertificate(request.certificate), request.password, request.certificate);
  const { sources } = await readMeetingSources(folder, date);
  const members = await meetingFor(sources, 'medlemmer');
  if (members.kind !== 'referat') throw new UsageError(`${date} holds no decisions yet: only minutes are sealed`);
  const browser = () => ({ executablePath: findBrowser({ explicit: request.browser }), timeoutMs: request.timeoutMs ?? 60_000 });
  // Minutes changed since an approval (otherwise than by an addition) are refused, as a build refuses them.
  const log = await approvalsOf(dir, { sources, meeting: members });
  const membersDoc = await documentToSend(dir, sentAs({ document: members }), browser, request);
  const sha256 = createHash('sha256').update(membersDoc.bytes).digest('hex');
  const approvals = log.filter((a) => a.sha256 === sha256);
  const signedAt = lastApproval(approvals, sha256, date);
  // The completed minutes, where the house prints the approvals on them, as a build makes them.
  const completed = outputsOf(members, { audiences: ['medlemmer'] }, log).find((o) => o.approved);
  const completedDoc = completed && (await documentToSend(dir, sentAs(completed), browser, request));
  // The public minutes with the approvals the house shows the public, as a build and publish print them.
  const publicVersion = publicMinutes(members, log);
  const publicDoc = await documentToSend(dir, sentAs(publicVersion), browser, request);
  const sealed = async (doc: { file: string; bytes: Uint8Array }) => ({
    name: path.basename(doc.file),
    bytes: await signPdf(doc.bytes, credential, signedAt),
  });
  const files = await writeSealed(
    dir,
    date,
    {
      medlemmer: await sealed(membersDoc),
      ...(completedDoc ? { godkendt: await sealed(completedDoc) } : {}),
      offentlig: await sealed(publicDoc),
    },
    // The members' version the public minutes are the counterpart of: in the archive's list, not the public file.
    { medlemmer_sha256: sha256, offentlig_indhold: publicContent(publicVersion.document) },
  );
  return { files, sha256, approvals, signedAt };
}

async function readCertificate(file: string): Promise<Uint8Array> {
  return readFile(file).catch((err: unknown) => {
    throw new EnvironmentError(`${file}: the certificate file cannot be read (${errnoCode(err) ?? messageOf(err)})`);
  });
}

/** The time of the last approval of this version: the seal's time, fixed by the inputs. */
function lastApproval(approvals: ApprovalEntry[], sha256: string, date: string): Date {
  const times = approvals.map((a) => new Date(a.tid)).filter((t) => !Number.isNaN(t.getTime()));
  if (approvals.length === 0)
    throw new UsageError(
      `no member has approved the minutes of ${date} as they stand (sha256 ${sha256.slice(0, 12)}): nothing to seal yet`,
    );
  if (times.length === 0) throw new UsageError(`the approvals of ${date} give no time that can be read (tid: an ISO date and time)`);
  return new Date(Math.max(...times.map((t) => t.getTime())));
}
