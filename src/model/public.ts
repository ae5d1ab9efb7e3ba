import type { ApprovalView, Bilag, ForwardPlanView, Item, ItemSection, Meeting, PlannedPoint, SubItem } from './meeting.js';

/**
 * The version for publication: a closed item keeps its number and place under its public title (or
 * the house's "Lukket punkt") and nothing else, as does a closed point of the forward plan; closed texts, timetable rows, earlier decisions and
 * treatments of closed items, attachments' titles and document numbers, and closed decisions with
 * their record are gone. It is
 * made from the model, before rendering, so nothing closed reaches the HTML, the contents, the
 * outline, the metadata or the file name.
 */
export function publicVersion(meeting: Meeting): Meeting {
  const closedTitle = meeting.style.ord.lukket_punkt;
  return {
    ...meeting,
    audience: 'offentlig',
    items: meeting.items.map((item) => (item.lukket ? closedItem(item, closedTitle) : openItem(item, closedTitle))),
    approval: meeting.approval && publicApprovals(meeting.approval),
    // The public version's mark gives the day its own text changed, never the day only a closed part did.
    correction: meeting.correction?.public && { ...meeting.correction.public, public: meeting.correction.public },
  };
}

/**
 * The approvals as the public sees them: who approved and when, never a reservation (it may be of a
 * closed item) nor the SHA-256 of the members' version (a fingerprint of closed text).
 */
function publicApprovals(view: ApprovalView): ApprovalView {
  return { rows: view.rows.map(({ reservation: _closed, ...row }) => row) };
}

/** What is left of a closed decision: nothing. Who did not take part and why, the vote and the dissent are closed with it. */
const noRecord: Pick<Item, 'beslutning' | 'notTakingPart' | 'vote' | 'dissent' | 'additions'> = {
  beslutning: undefined,
  additions: [],
  notTakingPart: [],
  vote: undefined,
  dissent: [],
};

function closedItem(item: Item, closedTitle: string): Item {
  return {
    number: item.number,
    title: publicTitle(item, closedTitle),
    lukket: true,
    sections: item.sections.map(emptySection),
    subItems: item.subItems.map((sub) => closedSubItem(sub, closedTitle)),
    tidsplan: [],
    bilag: item.bilag.map((b) => closedBilag(b)),
    earlierDecisions: [],
    treatments: [],
    // Why a closed item could not wait is closed with it.
    addendum: item.addendum && { number: item.addendum.number },
    ...noRecord,
  };
}

/** The title the public sees: an open item's own; a closed item's public title, or the house's "Lukket punkt" (`closedTitle`). */
export function publicTitle(item: Pick<Item, 'lukket' | 'publicTitle' | 'title'>, closedTitle: string): string {
  return item.lukket ? (item.publicTitle ?? closedTitle) : item.title;
}

/** A closed sub-item keeps its letter and place under its public title (or "Lukket punkt") and nothing else. */
function closedSubItem(sub: SubItem, closedTitle: string): SubItem {
  return { letter: sub.letter, title: sub.publicTitle ?? closedTitle, lukket: true, sections: sub.sections.map(emptySection) };
}

function emptySection(s: ItemSection): ItemSection {
  return { key: s.key, heading: s.heading, main: s.main };
}

function openItem(item: Item, closedTitle: string): Item {
  return {
    ...item,
    publicTitle: undefined,
    forwardPlan: item.forwardPlan && publicPlan(item.forwardPlan, closedTitle),
    sections: item.sections.map(openSection),
    subItems: item.subItems.map((sub) =>
      sub.lukket ? closedSubItem(sub, closedTitle) : { ...sub, sections: sub.sections.map(openSection) },
    ),
    tidsplan: item.tidsplan.filter((s) => !s.lukket),
    bilag: item.bilag.map((b) => (b.lukket ? closedBilag(b) : b)),
    earlierDecisions: item.earlierDecisions.filter((d) => !d.decision.lukket),
    // A closed item's meeting, date and number are not for the public, as its decision is not.
    treatments: item.treatments.filter((t) => !t.lukket),
    additions: item.additions.filter((a) => !a.text.lukket),
    ...(item.beslutning?.lukket ? noRecord : {}),
  };
}

/**
 * The forward plan as the public sees it: a closed point keeps its place under the house's "Lukket
 * punkt", the title its item will have in the public agenda when it comes up, and nothing else; an
 * open line, for nothing closed is left of it.
 */
function publicPlan(plan: ForwardPlanView, closedTitle: string): ForwardPlanView {
  const point = (p: PlannedPoint): PlannedPoint => (p.lukket ? { text: closedTitle, lukket: false } : p);
  return {
    meetings: plan.meetings.map((m) => ({ ...m, points: m.points.map(point) })),
    awaiting: plan.awaiting.map(point),
  };
}

function openSection(section: ItemSection): ItemSection {
  return section.text?.lukket ? { ...section, text: undefined } : section;
}

function closedBilag(b: Bilag): Bilag {
  return { number: b.number, subItem: b.subItem, lukket: true, publicNote: b.publicNote };
}
