import { UsageError } from '../shared/errors.js';
import { SiteMap } from './site-map.js';
import type { EarlierPublication } from './state.js';

/**
 * Refuses `publish --udvalg` into a site that holds other committees: a site is one publication of
 * all it holds (its lists, feeds, open data and search span every committee), so publishing one
 * committee there would remove the others' pages. Told before anything is printed, naming them and
 * what to run instead. `published`: the ids of the committees this publication holds.
 */
export function refuseRemovingCommittees(udvalg: string | undefined, published: string[], earlier: EarlierPublication): void {
  if (udvalg === undefined) return;
  const map = new SiteMap();
  const folders = new Set([...earlier.files.keys()].map((file) => file.split('/')[0] ?? file));
  const others = [...folders].filter((id) => !published.includes(id) && earlier.files.has(map.committeeData(id)));
  if (others.length === 0) return;
  throw new UsageError(
    `--udvalg ${udvalg}: the site in ${earlier.out} holds other committees too (${others.map((id) => `${id}/`).join(', ')}), ` +
      `which publishing ${udvalg} alone would remove: publish every committee there (agenda publish --out ${earlier.out}, without --udvalg), ` +
      `or give ${udvalg} a site of its own (another --out)`,
  );
}
