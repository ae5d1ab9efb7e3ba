import { readFileSync } from 'node:fs';
import { descendants } from '../test/support/preview.js';

/** Proportional set size (kB) of a process and its descendants; 0 where /proc cannot tell. */
export function treeMemory(root: number): number {
  try {
    return [root, ...descendants(root)].reduce((sum, pid) => {
      try {
        return sum + Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        return sum;
      }
    }, 0);
  } catch {
    return 0;
  }
}
