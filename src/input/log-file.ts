import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { z } from 'zod';
import { list } from './fields.js';
import path from 'node:path';
import { meetingsFolder } from './read-file.js';
import { validate } from './validate.js';
import { readYamlFile } from './yaml-file.js';
import { InputError, MissingFileError } from '../shared/errors.js';
import { writeAtomically } from '../shared/files.js';

/**
 * A log the tool keeps beside a meeting (what was sent, who approved), read as every other file is:
 * validated, a damaged one a located error, never guessed at. A log not yet written is empty. It lies
 * beside the meeting, so only a file inside the meetings folder is read: a link to another committee's log is refused.
 */
export async function readLogFile<T extends z.ZodType>(file: string, entry: T): Promise<z.output<T>[]> {
  const source = await readYamlFile(file, meetingsFolder(path.dirname(file))).catch((err: unknown) => {
    if (err instanceof MissingFileError && err.message.endsWith('no such file')) return undefined;
    throw err;
  });
  if (!source || source.data === '' || source.data === null || source.data === undefined) return [];
  const result = validate(source, list(entry));
  if (!result.ok) throw new InputError(result.findings);
  return result.value;
}

/** The whole log, written at once: a comment line that says what it is, then its entries; each block in a list under `inline` on one line. */
export async function writeLogFile(file: string, header: string, entries: unknown[], inline?: string): Promise<void> {
  const doc = new Document(entries);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === inline && isSeq(pair.value))
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
    },
  });
  await writeAtomically(file, `# ${header}\n${doc.toString({ lineWidth: 0 })}`);
}
