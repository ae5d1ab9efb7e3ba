import type { Item, Meeting } from './meeting.js';

/**
 * Whether the item, as this version shows it, holds anything closed: the item, a text, a timetable
 * row, an attachment, the decision, an addition, a point of the forward plan, or an earlier committee's closed decision it carries. The one
 * notion behind the page marker, the front page's warning and the PDF's subject.
 */
export function holdsClosed(meeting: Meeting, item: Item): boolean {
  // The public version has nothing closed left in it: a closed item shows only that it is closed.
  if (meeting.audience !== 'medlemmer') return false;
  const closedParts = [
    ...item.sections.map((s) => s.text),
    ...item.subItems.flatMap((sub) => [sub, ...sub.sections.map((s) => s.text)]),
    ...item.tidsplan,
    ...item.bilag,
    item.beslutning,
    ...item.earlierDecisions.map((d) => d.decision),
    ...item.additions.map((a) => a.text),
    ...(item.forwardPlan ? [...item.forwardPlan.meetings.flatMap((m) => m.points), ...item.forwardPlan.awaiting] : []),
  ];
  return item.lukket || closedParts.some((part) => part?.lukket);
}

/** Whether the document holds closed content, and so must not be published. */
export function meetingHoldsClosed(meeting: Meeting): boolean {
  return meeting.items.some((item) => holdsClosed(meeting, item));
}
