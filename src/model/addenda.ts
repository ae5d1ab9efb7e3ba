import type { Meeting } from './meeting.js';

// A meeting's agenda keeps the items it was sent with; those added after it went out form its
// tillægsdagsordener (addenda), each a document of its own; the minutes hold every item.

/** The numbers of the meeting's addenda, in order. */
export function addendumNumbers(meeting: Meeting): number[] {
  return [...new Set(meeting.items.flatMap((i) => (i.addendum ? [i.addendum.number] : [])))].sort((a, b) => a - b);
}

/** The agenda as it was sent: without the items added after (the minutes, and any other document, as they are). */
export function agendaOf(meeting: Meeting): Meeting {
  return meeting.kind === 'dagsorden' ? { ...meeting, items: meeting.items.filter((i) => !i.addendum) } : meeting;
}

/** The meeting's addendum `number`: its items only, numbered on from the agenda's (and the addenda's before it). */
export function addendumOf(meeting: Meeting, number: number): Meeting {
  return { ...meeting, kind: 'tillægsdagsorden', addendum: number, items: meeting.items.filter((i) => i.addendum?.number === number) };
}

/** The documents a meeting is made into: before it, the agenda and its addenda; after, the minutes. */
export function documentsOf(meeting: Meeting): Meeting[] {
  if (meeting.kind !== 'dagsorden') return [meeting];
  return [agendaOf(meeting), ...addendumNumbers(meeting).map((n) => addendumOf(meeting, n))];
}
