/** The word `agenda new` puts where the clerk has yet to write; `agenda check` warns while any is left. */
export const placeholder = 'UDFYLD';

/**
 * The key paths of the texts that still say the placeholder: what `agenda check` warns of, one warning a text, and
 * what `agenda new` counts of the file it wrote, so that the two give the clerk one number.
 */
export function unfilledPaths(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === 'string') return value.includes(placeholder) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilledPaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unfilledPaths(v, [...path, k]));
  return [];
}
