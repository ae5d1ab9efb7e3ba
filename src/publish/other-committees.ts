import type { CommitteeChoice } from '../input/repository.js';
import { UsageError } from '../shared/errors.js';
import { SiteMap } from './site-map.js';
import type { EarlierPublication } from './state.js';

/**
 * Refuses publishing one committee (`--udvalg`, or its folder by `--meetings`) into a site that holds
 * other committees: a site is one publication of all it holds (its lists, feeds, open data and search
 * span every committee), so publishing one committee there would remove the others' pages. Told
 * before anything is printed, naming them and what to run instead. `published`: the ids of the
 * committees this publication holds.
 */
export function refuseRemovingCommittees(choice: CommitteeChoice, published: string[], earlier: EarlierPublication): void {
  const named = choice.udvalg !== undefined ? { flag: '--udvalg', value: choice.udvalg } : { flag: '--meetings', value: choice.meetings };
  if (named.value === undefined) return;
  const map = new SiteMap();
  const folders = new Set([...earlier.files.keys()].map((file) => file.split('/')[0] ?? file));
  const committees = [...folders].filter((id) => earlier.files.has(map.committeeData(id)));
  const others = committees.filter((id) => !published.includes(id));
  // `--udvalg` chooses among the repository's committees, which the clerk still has: any other's pages would go.
  // `--meetings` names a folder, perhaps outside any repository: into a site of no more committees than it
  // publishes, another folder there is that committee's under an earlier name (a committee's folder follows its
  // name; its documents keep their ids in the feeds), as a site of several committees is not.
  const renamed = choice.udvalg === undefined && committees.length <= published.length;
  if (others.length === 0 || renamed) return;
  const { flag, value } = named;
  throw new UsageError(
    `${flag} ${value}: the site in ${earlier.out} holds other committees too (${others.map((id) => `${id}/`).join(', ')}), ` +
      `which publishing ${value} alone would remove: publish every committee there (agenda publish --out ${earlier.out}, without ${flag}), ` +
      `or give ${value} a site of its own (another --out)`,
  );
}
