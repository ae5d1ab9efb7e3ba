import { createHash } from 'node:crypto';
import type { Meeting } from '../model/meeting.js';
import { versionsOf } from './versions.js';

/**
 * What a document shows, as one SHA-256: its own model (its items, the meeting's facts, the house
 * style) and its attachment files' bytes, not how its PDF was made (the fingerprint it records), so
 * that send tells a document changed since it went out from one only built again. An addendum is
 * its own: the agenda's correction mark is not on it.
 */
export async function documentContent(dir: string, document: Meeting): Promise<string> {
  const { correction, ...facts } = document;
  const shown = document.kind === 'dagsorden' ? document : facts;
  const { medlemmer } = await versionsOf(dir, document);
  return createHash('sha256')
    .update(JSON.stringify({ shown, files: medlemmer.items.map((i) => i.bilag) }))
    .digest('hex');
}
