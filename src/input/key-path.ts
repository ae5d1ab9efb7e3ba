/** `['punkter', 2, 'bilag', 0, 'nummer']` as `punkter[2].bilag[0].nummer`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
