/**
 * The similarity ratio of Python's difflib.SequenceMatcher (autojunk off), ported so the tests measure
 * exactly what `shared/tools/fidelity` measures, without Python or the shared folder.
 */
export function matchingBlocks<T>(a: readonly T[], b: readonly T[]): Array<[number, number, number]> {
  const b2j = new Map<T, number[]>();
  b.forEach((x, j) => (b2j.get(x) ?? b2j.set(x, []).get(x)!).push(j));

  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let best: [number, number, number] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > best[2]) best = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    return best;
  };

  const blocks: Array<[number, number, number]> = [];
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    blocks.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

export function ratio<T>(a: readonly T[], b: readonly T[]): number {
  const matches = matchingBlocks(a, b).reduce((sum, [, , k]) => sum + k, 0);
  return a.length + b.length === 0 ? 1 : (2 * matches) / (a.length + b.length);
}
