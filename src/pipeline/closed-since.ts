import type { Meeting } from '../model/meeting.js';
import { recordedDocument } from '../pdf/postprocess.js';
import { titlesMeeting } from '../render/html.js';

/**
 * Of a PDF agenda made for the public alone that publish did not write (nor one whose bytes it publishes now,
 * publish/site-strays.ts): what it is of, and what is closed since that it may hold open (made from other inputs),
 * where either holds:
 * - the meeting it is of (its committee, and its title's day) is one of `closing` (each public, whose members'
 *   version holds anything closed now);
 * - it is a combined document (it holds its attachments' pages) and any meeting of the archive closes a file now
 *   (`closedFiles`, how many it closes): the file may be one of its attachments', closed by another meeting or committee. What the PDF
 *   records of its attachments (their labels: title and document number) does not tell their files, so any such
 *   PDF is refused while any file is closed.
 * None otherwise (one closing nothing, another tool's PDF, a gone meeting's).
 */
export function closedSince(
  closing: Meeting[],
  closedFiles: number,
): (bytes: Uint8Array) => Promise<{ of: string; since: string } | undefined> {
  return async (bytes) => {
    if (closing.length === 0 && closedFiles === 0) return undefined;
    const { committee, title, combined } = await recordedDocument(bytes);
    const meeting = title === undefined ? undefined : closing.find((m) => m.committee === committee && titlesMeeting(title, m));
    if (meeting) return { of: `the meeting of ${meeting.date} (${meeting.committee})`, since: 'the meeting closes something now' };
    if (combined && closedFiles > 0)
      return {
        of: `${title === undefined ? 'a combined document' : `"${title}"`}, with its attachments' pages`,
        since: 'a meeting of the archive closes a file now (lukket), maybe one of them',
      };
    return undefined;
  };
}
