import path from 'node:path';
import type { Meeting } from '../model/meeting.js';

/**
 * `out/2023-11-22-dagsorden.pdf`, or `-referat.pdf` once the meeting holds decisions; the public
 * version ends in `-offentlig.pdf`, so the two cannot be mistaken for each other.
 */
export function defaultPdfPath(meeting: Meeting): string {
  const audience = meeting.audience === 'offentlig' ? '-offentlig' : '';
  return path.join('out', `${meeting.date}-${meeting.kind}${audience}.pdf`);
}
