import path from 'node:path';
import { readAttachmentBytes } from '../input/attachments.js';
import { filedAttachments } from '../model/attachments.js';
import type { Meeting } from '../model/meeting.js';
import type { AttachmentFileRef } from '../shared/attachment-file.js';
import { AgendaError, InputError, type Finding } from '../shared/errors.js';
import { statusOf } from '../shared/files.js';

// Closing always wins (lukning vinder altid): a file a meeting names for a closed attachment (closed
// itself, or by its item or sub-item) is closed wherever that meeting names it. An open attachment that
// names it again, by the same path or as a copy under another name (the same bytes), would publish the
// closed file; it is refused, as check refuses it, rather than quietly closed: the clerk meant to publish
// something there, and the public would get an attachment without its file without anyone knowing why.

/**
 * Each open attachment of the members' `meeting` whose file is a closed attachment's: an error at its
 * `fil:` naming the closed one by its place (its key path and line), never by its title or file name.
 * A file is read only where its size is a closed file's (a copy has the same size); one that cannot be
 * read is left to the reading that tells why (check's, a build's).
 */
export async function closedFileFindings(dir: string, meeting: Meeting): Promise<Finding[]> {
  const filed = filedAttachments(meeting).map((f) => f.bilag);
  const closed = filed.filter((b) => b.lukket).map((b) => b.file);
  const open = filed.filter((b) => !b.lukket).map((b) => b.file);
  if (closed.length === 0 || open.length === 0) return [];
  const where = (ref: AttachmentFileRef) => path.resolve(dir, ref.path);
  const sizeOf = (ref: AttachmentFileRef) => statusOf(where(ref), { follow: true })?.size;
  const hashes = new Map<string, Promise<string | undefined>>();
  const hashOf = (ref: AttachmentFileRef) => {
    const file = where(ref);
    if (!hashes.has(file))
      hashes.set(
        file,
        readAttachmentBytes(dir, ref).then((read) => read.sha256, unreadable),
      );
    return hashes.get(file);
  };
  const findings: Finding[] = [];
  for (const ref of open) {
    const same = closed.find((c) => where(c) === where(ref));
    if (same) {
      findings.push(reuse(ref, same, 'the file of the closed attachment'));
      continue;
    }
    const size = sizeOf(ref);
    const sized = closed.filter((c) => size !== undefined && sizeOf(c) === size);
    const sha = sized.length > 0 ? await hashOf(ref) : undefined;
    for (const c of sized)
      if (sha !== undefined && (await hashOf(c)) === sha) {
        findings.push(reuse(ref, c, 'a copy (the same bytes) of the file of the closed attachment'));
        break;
      }
  }
  return findings;
}

/** closedFileFindings as a build and publish refuse them: every one at once as an InputError. */
export async function refuseClosedFiles(dir: string, meeting: Meeting): Promise<void> {
  const findings = await closedFileFindings(dir, meeting);
  if (findings.length > 0) throw new InputError(findings);
}

function reuse(ref: AttachmentFileRef, closed: AttachmentFileRef, what: string): Finding {
  const place = closed.at.path.replace(/\.fil$/, '');
  return {
    ...ref.at,
    message: `${ref.path}: ${what} at ${place} (line ${closed.at.line}), and a file closed anywhere in the meeting is closed wherever it names it (lukning vinder altid): close this attachment too (lukket: true), or name another file`,
  };
}

/** A file that cannot be read has no SHA-256 here: its own reading tells why. */
function unreadable(err: unknown): undefined {
  if (err instanceof AgendaError) return undefined;
  throw err;
}
