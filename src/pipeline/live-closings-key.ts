import path from 'node:path';
import { parse } from 'yaml';
import { closedSince, type Closable } from '../check/live-closing.js';
import { isYes } from '../input/fields.js';
import { sharedFiles } from '../input/load.js';
import { readInputFileSync } from '../input/read-file.js';

/**
 * What a finalized meeting's documents take from the live shared files (check/live-closing.ts): the
 * points and standing items open in its archive's copies that the live files close, as a key for its
 * fingerprint; empty where there is none, so a routine edit of the live files (a point added, one
 * closed for a coming meeting) leaves the fingerprints of documents sent and sealed as they were.
 * Read loosely: a file that does not parse closes nothing here, and its check says why. For one run
 * (fingerprintsOnce): a committee's live files are read once, and an archive's only where they close something.
 */
export function liveClosingsKeys(): (dir: string, archive: string) => string {
  const live = new Map<string, { points: Closable[]; items: Closable[] }>();
  return (dir, archive) => {
    const now = live.get(dir) ?? closables(dir);
    live.set(dir, now);
    if (!now.points.some((p) => p.lukket) && !now.items.some((i) => i.lukket)) return '';
    const frozen = closables(archive);
    const points = [...closedSince(frozen.points, now.points)].sort();
    const items = [...closedSince(frozen.items, now.items)].sort();
    return points.length + items.length === 0 ? '' : JSON.stringify({ points, items });
  };
}

function closables(at: string): { points: Closable[]; items: Closable[] } {
  return {
    points: planPoints(yamlOf(path.join(at, sharedFiles.forwardPlan))),
    items: standingItems(yamlOf(path.join(at, sharedFiles.standingItems))),
  };
}

function yamlOf(file: string): unknown {
  try {
    const value: unknown = parse(Buffer.from(readInputFileSync(file, 1 << 20)).toString('utf8'));
    return value;
  } catch {
    return undefined;
  }
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
const isClosed = (value: unknown) => isYes(String(field(value, 'lukket')));

function planPoints(plan: unknown): Closable[] {
  const points = [...listOf(field(plan, 'møder')).flatMap((m) => listOf(field(m, 'punkter'))), ...listOf(field(plan, 'afventer_dato'))];
  return points.map((p) => ({ key: typeof p === 'string' ? p : String(field(p, 'tekst')), lukket: isClosed(p) }));
}

function standingItems(file: unknown): Closable[] {
  return listOf(field(file, 'punkter')).map((item) => ({ key: String(field(item, 'id')), lukket: isClosed(item) }));
}
