import type { Meeting } from '../model/meeting.js';
import { recordedDocument } from '../pdf/postprocess.js';
import { titlesMeeting } from '../render/html.js';

/**
 * Of a PDF agenda made for the public alone that publish did not write (nor one whose bytes it publishes now,
 * publish/site-strays.ts): the meeting it is of (its committee, and its title's day) where that meeting is one of
 * `closing` (each public, whose members' version holds anything closed now): the PDF, made from other inputs, may hold
 * that open. None where it names no such meeting (one closing nothing, another tool's PDF, a gone meeting's).
 */
export function closedSince(closing: Meeting[]): (bytes: Uint8Array) => Promise<string | undefined> {
  return async (bytes) => {
    if (closing.length === 0) return undefined;
    const { committee, title } = await recordedDocument(bytes);
    const meeting = title === undefined ? undefined : closing.find((m) => m.committee === committee && titlesMeeting(title, m));
    return meeting && `the meeting of ${meeting.date} (${meeting.committee})`;
  };
}
