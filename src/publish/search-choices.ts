import { attachmentAnchor } from '../model/attachments.js';
import type { Item } from '../model/meeting.js';
import type { SearchChoices } from '../render/web.js';
import { asHeading, kindWord } from '../render/wording.js';
import type { PublishedAttachment, PublishedMeeting } from './json.js';
import { SiteMap } from './site-map.js';

// The values of the search's filters, as the search page offers them: publish knows them, so the page
// holds them and a reader's browser loads no index's filters to list them (Pagefind would load every
// filter of every index for that). The records of the index (search.ts) take theirs from here too.

/** The year a meeting's records are filtered by. */
export const yearOf = (meeting: PublishedMeeting['meeting']): string => meeting.date.slice(0, 4);

/** An item's open attachments' files as published. */
export const filesOf = (item: Item, attachments: PublishedAttachment[]): PublishedAttachment[] =>
  attachments.filter((a) => item.bilag.some((_, place) => attachmentAnchor(item, place) === a.anchor));

const collator = new Intl.Collator('da', { numeric: true });

/** The choices of the committees with an index (their open items' meetings), in Danish order. */
export function searchChoices(committees: { id: string; name: string; meetings: PublishedMeeting[] }[]): SearchChoices {
  const map = new SiteMap();
  const years = new Set<string>();
  const kinds = new Set<string>();
  for (const { meeting, attachments } of committees.flatMap((c) => c.meetings)) {
    const open = meeting.items.filter((item) => !item.lukket);
    if (open.length === 0) continue;
    years.add(yearOf(meeting));
    kinds.add(kindWord(meeting));
    if (open.some((item) => filesOf(item, attachments).length > 0)) kinds.add(asHeading(meeting.style.ord.bilag));
  }
  return {
    committees: committees.map((c) => ({ name: c.name, index: map.searchIndex(c.id) })).sort((a, b) => collator.compare(a.name, b.name)),
    years: [...years].sort(collator.compare).reverse(),
    kinds: [...kinds].sort(collator.compare),
  };
}
