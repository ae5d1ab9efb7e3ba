import { listData, type ListPage } from './json.js';
import { frameOf, partsIn, type PartsFormat } from './parts.js';
import type { SiteMap } from './site-map.js';

// The site's data as JSON, and OParl's lists of it joined of their elements (parts.ts): each element as
// JSON.stringify writes it within its list, so the joined list is the one stringified whole.

/** A value as the site's data writes it: two spaces an indent, a line feed at the end. */
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What stands in each element's place in a list's skeleton: no address, count or name is this. */
const marker = '\u0000element';

/** How the list at `sitePath` (or its `page`) joins its elements, each an object: the list as json() writes it. */
export function listFormat(map: SiteMap, sitePath: string, page?: ListPage): PartsFormat {
  const frame = (count: number) =>
    frameOf(
      json(map.inDocument(listData(map, sitePath, Array<string>(count).fill(marker), page), sitePath)),
      JSON.stringify(marker),
      count,
    );
  return { frame, split: (text, count) => partsIn(text, frame(count), '{') };
}

/** An element of the list at `sitePath` as json() of the list writes it there: two levels in. */
export const listPart = (map: SiteMap, sitePath: string, value: object): string =>
  JSON.stringify(map.inDocument(value, sitePath), null, 2).replaceAll('\n', '\n    ');
