import { existsSync } from 'node:fs';
import path from 'node:path';
import { schemaFileFor, sharedJsonSchemas } from '../input/json-schema.js';
import type { CommitteeFolder } from '../input/repository.js';
import type { SharedSources } from '../input/sources.js';
import { writeAtomically } from '../shared/files.js';

/** Each shared file's schema beside it (udvalg.schema.json beside udvalg.yaml): in the committee's folder, else the repository's root. */
export async function writeSharedSchemas(folder: CommitteeFolder, { style }: Pick<SharedSources, 'style'>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, schema] of Object.entries(sharedJsonSchemas(style.afsnit.map((a) => a.nøgle)))) {
    const yamlFile = [path.join(folder.dir, name), path.join(folder.root, name)].find((f) => existsSync(f));
    if (!yamlFile) continue;
    const file = schemaFileFor(yamlFile);
    await writeAtomically(file, `${JSON.stringify(schema, null, 2)}\n`);
    written.push(file);
  }
  return written;
}
