/** A string of plain data, with the key path it stands at. */
export interface PlacedText {
  path: PropertyKey[];
  text: string;
}

/** Every string of plain data (a file's YAML, a model's values) with its key path; what stands under a key of `skip` left out. */
export function textsIn(value: unknown, skip: ReadonlySet<string> = new Set(), path: PropertyKey[] = []): PlacedText[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsIn(v, skip, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (skip.has(k) ? [] : textsIn(v, skip, [...path, k])));
  return [];
}
