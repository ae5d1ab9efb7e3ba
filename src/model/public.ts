import type { Bilag, Item, ItemSection, Meeting } from './meeting.js';

/**
 * The version for publication: a closed item keeps its number and place under its public title (or
 * the house's "Lukket punkt") and nothing else; closed texts, timetable rows, earlier decisions,
 * attachments' titles and document numbers, and closed decisions with their record are gone. It is
 * made from the model, before rendering, so nothing closed reaches the HTML, the contents, the
 * outline, the metadata or the file name.
 */
export function publicVersion(meeting: Meeting): Meeting {
  const closedTitle = meeting.style.ord.lukket_punkt;
  return {
    ...meeting,
    audience: 'offentlig',
    items: meeting.items.map((item) => (item.lukket ? closedItem(item, closedTitle) : openItem(item))),
  };
}

/** What is left of a closed decision: nothing. Who did not take part and why, the vote and the dissent are closed with it. */
const noRecord: Pick<Item, 'beslutning' | 'notTakingPart' | 'vote' | 'dissent'> = {
  beslutning: undefined,
  notTakingPart: [],
  vote: undefined,
  dissent: [],
};

function closedItem(item: Item, closedTitle: string): Item {
  return {
    number: item.number,
    title: publicTitle(item, closedTitle),
    lukket: true,
    sections: item.sections.map((s) => ({ key: s.key, heading: s.heading, main: s.main })),
    tidsplan: [],
    bilag: item.bilag.map((b) => closedBilag(b)),
    earlierDecisions: [],
    // Why a closed item could not wait is closed with it.
    addendum: item.addendum && { number: item.addendum.number },
    ...noRecord,
  };
}

/** The title the public sees: an open item's own; a closed item's public title, or the house's "Lukket punkt" (`closedTitle`). */
export function publicTitle(item: Item, closedTitle: string): string {
  return item.lukket ? (item.publicTitle ?? closedTitle) : item.title;
}

function openItem(item: Item): Item {
  return {
    ...item,
    publicTitle: undefined,
    sections: item.sections.map(openSection),
    tidsplan: item.tidsplan.filter((s) => !s.lukket),
    bilag: item.bilag.map((b) => (b.lukket ? closedBilag(b) : b)),
    earlierDecisions: item.earlierDecisions.filter((d) => !d.decision.lukket),
    ...(item.beslutning?.lukket ? noRecord : {}),
  };
}

function openSection(section: ItemSection): ItemSection {
  return section.text?.lukket ? { ...section, text: undefined } : section;
}

function closedBilag(b: Bilag): Bilag {
  return { number: b.number, lukket: true, publicNote: b.publicNote };
}
