import type { z } from 'zod';

/** zod's issues, worded for a clerk who edits YAML by hand. */
export const clerkErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === null) return 'must not be empty';
      return issue.input === undefined ? 'is missing' : `expected ${describe(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_union':
      return issue.input === null ? 'must not be empty' : waysExpected(issue.errors, issue.input);
    case 'unrecognized_keys':
      return unknownKeys(issue.keys, knownKeys(issue.inst));
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `must list at least ${String(issue.minimum)}` : undefined;
    default:
      return undefined;
  }
};

/** "expected text or a list ..., got a block of keys": where the value is of none of the types its ways take. */
function waysExpected(ways: z.core.$ZodIssue[][], input: unknown): string | undefined {
  const types = ways.map((issues) => issues.find((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (types.some((t) => t === undefined)) return undefined;
  const expected = [...new Set(types.map((t) => (t?.code === 'invalid_type' ? describe(t.expected) : '')))];
  return `expected ${expected.join(' or ')}, got ${describeValue(input)}`;
}

function describe(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    array: 'a list (lines starting with "- ")',
    object: 'a block of keys (key: value)',
  };
  return words[expected] ?? expected;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'a block of keys';
  if (typeof v === 'string') return `the text "${shorten(v)}"`;
  return String(v);
}

/** A value of the clerk's as it can stand inside a one-line message. */
export function shorten(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}

function knownKeys(inst: unknown): string[] {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- zod's issue names the schema as unknown; an object's keeps its shape in _zod.def (each step optional)
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** zod reports all unknown keys of a block as one issue; its message holds one line per key, in order. */
export const perKeySeparator = '\n';

function unknownKeys(keys: string[], known: string[]): string {
  return keys
    .map((key) => {
      const guess = closest(key, known);
      return `unknown key${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (known keys here: ${known.join(', ')})` : ''}`;
    })
    .join(perKeySeparator);
}

/** The known key a misspelling most likely meant, if any is close enough. */
export function closest(word: string, candidates: string[]): string | undefined {
  const scored = candidates.map((c) => ({ c, d: distance(word.toLowerCase(), c.toLowerCase()) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.c : undefined;
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- j runs within 1..b.length, and both rows are b.length + 1 long
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the row is b.length + 1 long
  return row[b.length]!;
}
