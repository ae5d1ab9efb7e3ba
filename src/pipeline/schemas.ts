import { existsSync } from 'node:fs';
import path from 'node:path';
import { schemaFileFor, sharedJsonSchemas } from '../input/json-schema.js';
import { inputLimit, readInputFile } from '../input/read-file.js';
import type { CommitteeFolder } from '../input/repository.js';
import type { SharedSources } from '../input/sources.js';
import { writeAtomically } from '../shared/files.js';

/** A YAML file and the JSON Schema of it beside it. */
export interface SchemaOf {
  yaml: string;
  schema: string;
}

/** Each shared file's schema beside it (udvalg.schema.json beside udvalg.yaml): in the committee's folder, else the repository's root. */
export async function writeSharedSchemas(folder: CommitteeFolder, { style }: Pick<SharedSources, 'style'>): Promise<SchemaOf[]> {
  const written: SchemaOf[] = [];
  for (const [name, schema] of Object.entries(sharedJsonSchemas(style.afsnit.map((a) => a.nøgle)))) {
    const yamlFile = [path.join(folder.dir, name), path.join(folder.root, name)].find((f) => existsSync(f));
    if (!yamlFile) continue;
    const file = schemaFileFor(yamlFile);
    await writeAtomically(file, `${JSON.stringify(schema, null, 2)}\n`);
    written.push({ yaml: yamlFile, schema: file });
  }
  return written;
}

/** The line that tells an editor (yaml-language-server) a file's schema, beside it; read only among the comments before the first key. */
export const schemaLine = (schema: string): string => `# yaml-language-server: $schema=${path.basename(schema)}`;

/**
 * Those of `files` whose comments before their first key do not name their schema, so an editor offers nothing: told,
 * never added, as the file is the clerk's to write. A file that cannot be read is left to the checks to tell.
 */
export async function namingNoSchema(files: readonly SchemaOf[]): Promise<SchemaOf[]> {
  const lacking: SchemaOf[] = [];
  for (const file of files) {
    const text = await readInputFile(file.yaml, inputLimit).then(
      (bytes) => Buffer.from(bytes).toString('utf8'),
      () => undefined,
    );
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/);
    const firstKey = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
    const comments = firstKey === -1 ? lines : lines.slice(0, firstKey);
    if (!comments.some((line) => line.trim() === schemaLine(file.schema))) lacking.push(file);
  }
  return lacking;
}
