import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { exampleRoot } from './examples.js';

// fixtures/lukket/2024-03-06.yaml holds a marker in every field that is closed: a closed item's title,
// its case number (sag), sections, timetable, attachments and decision; closed texts, a closed decision (with its vote,
// a member inhabil and a protokoltilførsel), a closed timetable row and a closed attachment (title and
// document number) in open items; fixtures/lukket/plan.yaml holds three, in its closed points: one planned
// (XQZSECRET05), one awaiting a date (XQZSECRET12), and one on the meeting's own day (XQZSECRET18), which
// item 1 (fra_plan in faste-punkter.yaml) takes as a closed row of its timetable.
export const closedFixture = path.join(exampleRoot(), 'fixtures', 'lukket');
export const markers = Array.from({ length: 18 }, (_, i) => `XQZSECRET${String(i + 1).padStart(2, '0')}`);
/** The closed item's case number (sag): in every output, but printed only where the house prints case numbers (sagsnummer_i_punkt). */
export const caseMarker = 'XQZSECRET17';
/** The markers the members' version prints: all but the case number, which this house does not print. */
export const printedMarkers = markers.filter((m) => m !== caseMarker);

/**
 * Every way a marker can be spelt in a PDF's uncompressed bytes: as is, as a hex string (pdf-lib's
 * text), as UTF-16 in a hex string (bookmarks, metadata).
 */
export function spellings(marker: string): string[] {
  const hex = Buffer.from(marker, 'latin1').toString('hex');
  const utf16 = Buffer.from(`\ufeff${marker}`, 'utf16le').swap16().subarray(2).toString('hex');
  return [marker, hex, hex.toUpperCase(), utf16, utf16.toUpperCase()];
}

/** Where `marker` stands in `text` in any of its spellings, each as "`label` as spelling": none where it does not. */
export function markersIn(marker: string, label: string, text: string): string[] {
  return spellings(marker).flatMap((s) => (text.includes(s) ? [`${label} as ${s}`] : []));
}

/** Where `marker` stands in a mail: its subject, its text or its HTML. */
export function markersInMail(marker: string, mail: ParsedMail): string[] {
  return [
    ...markersIn(marker, 'the subject', mail.subject ?? ''),
    ...markersIn(marker, 'the text', mail.text ?? ''),
    ...markersIn(marker, 'the HTML', String(mail.html)),
  ];
}
