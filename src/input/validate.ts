import type { z } from 'zod';
import type { Finding } from '../shared/errors.js';
import { clerkErrorMap, perKeySeparator } from './messages.js';
import type { YamlFile } from './yaml-file.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; findings: Finding[] };

/** Checks a parsed file against its schema; every problem comes back at once, with its place in the file. */
export function validate<S extends z.ZodType>(source: YamlFile, schema: S): Validated<z.output<S>> {
  const result = schema.safeParse(source.data ?? {}, { error: clerkErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, findings: result.error.issues.flatMap((issue) => toFindings(source, issue)) };
}

function toFindings(source: YamlFile, issue: z.core.$ZodIssue): Finding[] {
  const at = (path: PropertyKey[], message: string, key = false): Finding => ({
    file: source.file,
    ...source.locate(path, { key }),
    path: formatPath(path),
    message,
  });
  if (issue.code !== 'unrecognized_keys') return [at(issue.path, issue.message)];
  const messages = issue.message.split(perKeySeparator);
  return issue.keys.map((key, i) => at([...issue.path, key], messages[i] ?? 'unknown key', true));
}

/** `['punkter', 2, 'bilag', 0, 'nummer']` as `punkter[2].bilag[0].nummer`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
