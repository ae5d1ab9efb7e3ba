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
