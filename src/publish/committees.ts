import { chooseCommittees, type CommitteeChoice, type CommitteeFolder } from '../input/repository.js';

// The committees a publication holds: those of the repository, found as `build --all` finds them.

/**
 * Each committee to publish: every committee of the repository, or the one --udvalg or --meetings
 * names; found as build finds them, so each meeting read names its documents as build, send and
 * forsegl named them (the send log's names, with the committee's where the repository has several).
 */
export async function committeeFolders(choice: CommitteeChoice): Promise<CommitteeFolder[]> {
  return chooseCommittees(choice);
}

/** "Økonomiudvalget" → "oekonomiudvalget": the committee in the site's addresses and the feed's UIDs. */
export function committeeId(name: string): string {
  const ascii = name.toLocaleLowerCase('da').replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
  return (
    ascii
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'udvalg'
  );
}
