import type { z } from 'zod';
import type { Finding } from '../shared/errors.js';
import { clerkErrorMap, perKeySeparator } from './messages.js';
import type { YamlFile } from './yaml-file.js';
import { formatPath } from './key-path.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; findings: Finding[] };

/** Checks a parsed file against its schema; every problem comes back at once, with its place in the file. */
export function validate<S extends z.ZodType>(source: YamlFile, schema: S): Validated<z.output<S>> {
  const result = schema.safeParse(source.data ?? {}, { error: clerkErrorMap });
  const read = source.findings ?? [];
  if (result.success && read.length === 0) return { ok: true, value: result.data };
  return { ok: false, findings: [...read, ...(result.success ? [] : result.error.issues.flatMap((issue) => toFindings(source, issue)))] };
}

function toFindings(source: YamlFile, issue: z.core.$ZodIssue): Finding[] {
  const at = (path: PropertyKey[], message: string, key = false): Finding => ({
    file: source.file,
    ...source.locate(path, { key }),
    path: formatPath(path),
    message,
  });
  const written = issue.code === 'invalid_union' ? wayWritten(issue.errors) : undefined;
  if (written) return written.flatMap((w) => toFindings(source, { ...w, path: [...issue.path, ...w.path] }));
  if (issue.code !== 'unrecognized_keys') return [at(issue.path, issue.message)];
  const messages = issue.message.split(perKeySeparator);
  return issue.keys.map((key, i) => at([...issue.path, key], messages[i] ?? 'unknown key', true));
}

/**
 * A value that may be written in more than one way (a text, or a block with `tekst`) and fails the
 * way it was written: that way's issues, each where it stands, not zod's "Invalid input" for the whole.
 * The way written is the only one whose issues are not that the value has another type.
 */
function wayWritten(ways: z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  const written = ways.filter((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return written.length === 1 && written[0]?.length ? written[0] : undefined;
}
