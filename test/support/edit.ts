import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Replaces `from`, which must be in the file, with `to`. */
export function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${String(from)} in ${file}`).not.toBe(text);
  writeFileSync(file, changed);
}
