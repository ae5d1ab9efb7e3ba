import type { Item, Meeting } from './meeting.js';

/** Whether the item, as this version shows it, holds anything closed: the item, a text, a timetable row, an attachment or the decision. */
export function holdsClosed(meeting: Meeting, item: Item): boolean {
  // The public version has nothing closed left in it: a closed item shows only that it is closed.
  if (meeting.audience !== 'medlemmer') return false;
  return item.lukket || item.sections.some((s) => s.text?.lukket) || item.tidsplan.some((s) => s.lukket) || item.bilag.some((b) => b.lukket) || Boolean(item.beslutning?.lukket);
}

/** Whether the document holds closed content, and so must not be published. */
export function meetingHoldsClosed(meeting: Meeting): boolean {
  return meeting.items.some((item) => holdsClosed(meeting, item));
}

/** The words that say so, on the front page and in the PDF's subject. */
export const closedWarning = 'Indeholder lukkede oplysninger – må ikke offentliggøres';

/** Atop every page that holds closed content, so a page printed alone still says so. */
export const closedPageMarker = 'Lukket indhold';
