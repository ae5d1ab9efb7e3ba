import { chooseCommittees, type CommitteeChoice } from '../input/repository.js';

// The committees a publication holds: those of the repository, found as `build --all` finds them.

/** The folder of each committee to publish: every committee of the repository, or the one --udvalg or --meetings names. */
export async function committeeFolders(choice: CommitteeChoice): Promise<string[]> {
  return (await chooseCommittees(choice)).map((c) => c.dir);
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
