import { readdirSync, readFileSync } from 'node:fs';

/** A process's state letter (R, S, T stopped, Z dead but not yet reaped), or undefined once gone. */
export function processState(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0];
  } catch {
    return undefined;
  }
}

/** Every process descended from `root` (only those: a test never touches another's processes). */
export function descendants(root: number): number[] {
  return descendantsOf(root)();
}

/**
 * Every process descended from `root`, anew at each call, for a watch that looks often: a process's parent is read
 * once, when it is first seen, not every process's stat at each look (5 ms of CPU a look with some 240 processes). A
 * pid gone is forgotten, so one used again is read anew; one whose parent ended is still counted as `root`'s.
 */
export function descendantsOf(root: number): () => number[] {
  const parent = new Map<number, number>();
  return () => {
    const now = new Set(
      readdirSync('/proc')
        .filter((n) => /^\d+$/.test(n))
        .map(Number),
    );
    for (const pid of parent.keys()) if (!now.has(pid)) parent.delete(pid);
    for (const pid of now) {
      if (parent.has(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // gone meanwhile
      }
    }
    const found: number[] = [];
    const walk = (pid: number) => {
      for (const [child, of] of parent) {
        if (of !== pid) continue;
        found.push(child);
        walk(child);
      }
    };
    walk(root);
    return found;
  };
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Sends `signal` to `pid`; one that has ended meanwhile (ESRCH: a browser's helper gone with its browser) is no error. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
