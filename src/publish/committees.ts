// The committees a publication holds. The repository of several committees (issue 17,
// input/repository.ts) will list them; until then the meetings folder is the one committee, and this
// is the one place that changes.

/** The folder of each committee to publish. */
export async function committeeFolders(meetingsDir: string): Promise<string[]> {
  return [meetingsDir];
}

/** "Økonomiudvalget" → "oekonomiudvalget": the committee in the site's addresses and the feed's UIDs. */
export function committeeId(name: string): string {
  const ascii = name.toLocaleLowerCase('da').replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
  return ascii.normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'udvalg';
}
