import type { CommitteeChoice } from '../input/repository.js';
import { UsageError } from '../shared/errors.js';
import { feedCommittee } from './atom.js';
import { committeeId } from './committees.js';
import { SiteMap } from './site-map.js';
import { ownBytes, type EarlierPublication } from './state.js';

/** A committee this publication holds: its folder in the site (of its name), its short name (kort) and its authority (the municipality). */
export interface CommitteeNames {
  id: string;
  shortName: string;
  authority: string;
}

/** A committee's folder in the site taken as this publication's committee under a new name: the old folder, the new, the short name both have. */
export interface Renamed {
  from: string;
  to: string;
  shortName: string;
}

/**
 * Refuses publishing one committee (`--udvalg`, or its folder by `--meetings`) into a site that holds
 * other committees: a site is one publication of all it holds (its lists, feeds, open data and search
 * span every committee), so publishing one committee there would remove the others' pages. Told
 * before anything is printed, naming them and what to run instead. `published`: the committees this
 * publication holds. Gives the one rename it takes (see below), whose old folder's pages go.
 */
export async function refuseRemovingCommittees(
  choice: CommitteeChoice,
  published: CommitteeNames[],
  earlier: EarlierPublication,
): Promise<Renamed | undefined> {
  const named = choice.udvalg !== undefined ? { flag: '--udvalg', value: choice.udvalg } : { flag: '--meetings', value: choice.meetings };
  if (named.value === undefined) return undefined;
  const map = new SiteMap();
  const folders = new Set([...earlier.files.keys()].map((file) => file.split('/')[0] ?? file));
  const committees = [...folders].filter((id) => earlier.files.has(map.committeeData(id)));
  const others = committees.filter((id) => !published.some((c) => c.id === id));
  if (others.length === 0) return undefined;
  // `--udvalg` chooses among the repository's committees, which the clerk still has: any other's pages would go.
  // `--meetings` names a folder, perhaps outside any repository: a site of that one committee under an earlier
  // name (its folder follows the name) is its to replace. Known by its short name, which every id of its feeds
  // holds as the site's readers know it (a name may change, the committee stays: atom.ts), and by the authority its
  // feeds name (a short name such as ØK is not unique across municipalities); not by the count alone: a site of
  // another committee is not this one's, whatever it holds.
  const [other] = others;
  const [own] = published;
  const renamed = choice.udvalg === undefined && committees.length === 1 && published.length === 1 && other && own;
  const unlike = renamed ? notRenamed(await feedCommitteeOf(earlier, other, map), other, own) : undefined;
  if (renamed && unlike === undefined) return { from: other, to: own.id, shortName: own.shortName };
  const { flag, value } = named;
  const why = unlike === undefined ? '' : ` (${other}/ is not ${value}'s committee renamed: ${unlike})`;
  throw new UsageError(
    `${flag} ${value}: the site in ${earlier.out} holds other committees too (${others.map((id) => `${id}/`).join(', ')}), ` +
      `which publishing ${value} alone would remove${why}: publish every committee there (agenda publish --out ${earlier.out}, without ${flag}), ` +
      `or give ${value} a site of its own (another --out)`,
  );
}

/** Why the site's one committee `other`, as its feed names it (`known`), is not `own` renamed; none where it is. */
function notRenamed(known: ReturnType<typeof feedCommittee>, other: string, own: CommitteeNames): string | undefined {
  if (known === undefined) return `no feed of ${other}/ as publish wrote it names its committee`;
  const ownId = committeeId(own.shortName);
  if (known.committee !== ownId) return `its feeds name its committee ${known.committee}, not ${ownId} (kort: ${own.shortName})`;
  if (known.authority !== own.authority)
    return `its feeds name its committee ${known.committee} of ${known.authority ?? 'no authority'}, not of ${own.authority}`;
  return undefined;
}

/** The committee a committee folder's feed names (feedCommittee), where the feed is as the last publication wrote it. */
async function feedCommitteeOf(earlier: EarlierPublication, folder: string, map: SiteMap): Promise<ReturnType<typeof feedCommittee>> {
  const bytes = await ownBytes(earlier, map.documentsFeed(folder));
  return bytes instanceof Uint8Array ? feedCommittee(Buffer.from(bytes).toString('utf8')) : undefined;
}
