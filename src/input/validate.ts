import type { z } from 'zod';
import type { Finding } from '../errors.js';
import { clerkErrorMap } from './messages.js';
import type { YamlFile } from './yaml-file.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; findings: Finding[] };

/** Checks a parsed file against its schema; every problem comes back at once, with its place in the file. */
export function validate<S extends z.ZodType>(source: YamlFile, schema: S): Validated<z.output<S>> {
  const result = schema.safeParse(source.data ?? {}, { error: clerkErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, findings: result.error.issues.map((issue) => toFinding(source, issue)) };
}

function toFinding(source: YamlFile, issue: z.core.$ZodIssue): Finding {
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
  const pos = source.locate(path, { key: unknownKey !== undefined });
  return { file: source.file, ...pos, path: formatPath(unknownKey === undefined ? path : issue.path), message: issue.message };
}

/** `['punkter', 2, 'bilag', 0, 'nummer']` as `punkter[2].bilag[0].nummer`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
