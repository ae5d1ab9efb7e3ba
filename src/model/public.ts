import type { Bilag, Item, Meeting, Section } from './meeting.js';

/** The title of a closed item in the public version when the clerk gave none for publication. */
export const closedItemTitle = 'Lukket punkt';

/**
 * The version for publication: a closed item keeps its number and place under its public title and
 * nothing else; closed texts, timetable rows and attachments' titles and document numbers are gone.
 * It is made from the model, before rendering, so nothing closed reaches the HTML, the contents, the
 * outline, the metadata or the file name.
 */
export function publicVersion(meeting: Meeting): Meeting {
  return { ...meeting, audience: 'offentlig', items: meeting.items.map((item) => (item.lukket ? closedItem(item) : openItem(item))) };
}

function closedItem(item: Item): Item {
  return {
    number: item.number,
    title: item.publicTitle ?? closedItemTitle,
    lukket: true,
    sagsfremstilling: {},
    tidsplan: [],
    konsekvenser: {},
    indstilling: {},
    bilag: item.bilag.map((b) => closedBilag(b)),
  };
}

function openItem(item: Item): Item {
  return {
    ...item,
    publicTitle: undefined,
    sagsfremstilling: openSection(item.sagsfremstilling),
    tidsplan: item.tidsplan.filter((s) => !s.lukket),
    konsekvenser: openSection(item.konsekvenser),
    indstilling: openSection(item.indstilling),
    bilag: item.bilag.map((b) => (b.lukket ? closedBilag(b) : b)),
    beslutning: item.beslutning?.lukket ? undefined : item.beslutning,
  };
}

function openSection(section: Section): Section {
  return section.text?.lukket ? { before: section.before, after: section.after } : section;
}

function closedBilag(b: Bilag): Bilag {
  return { number: b.number, lukket: true, publicNote: b.publicNote };
}
