import path from 'node:path';
import { meetingJsonSchema } from '../input/json-schema.js';
import { chooseCommittee } from '../input/repository.js';
import { meetingDates } from '../input/meeting-names.js';
import { namingNoSchema, schemaLine, writeSharedSchemas } from '../pipeline/schemas.js';
import { printable } from '../shared/errors.js';
import type { SharedSources } from '../input/sources.js';
import { readSharedSources } from '../pipeline/sources.js';
import { writeAtomically } from '../shared/files.js';
import type { OptionsOf } from './options.js';

/** Beside the meeting files, where their `# yaml-language-server: $schema=` line points. */
export const schemaFileName = 'schema.json';

/** Its options, as declared in options.ts. */
export type SchemaOptions = OptionsOf<'schema'>;

/** `agenda schema`: the JSON Schema of a committee's meeting file, with its house's sections, made from the same zod schemas that check it. */
export async function schemaCommand(options: SchemaOptions): Promise<void> {
  const folder = await chooseCommittee(options);
  const shared = await readSharedSources(folder);
  if (options.out === '-') {
    process.stdout.write(schemaText(shared));
    return;
  }
  const file = await writeSchema(folder.dir, shared, options.out);
  const beside = options.out ? [] : await writeSharedSchemas(folder, shared);
  process.stdout.write([file, ...beside.map((b) => b.schema)].map((f) => `wrote ${f}\n`).join(''));
  if (options.out) return;
  const meetings = (await meetingDates(folder.dir)).map((d) => ({ yaml: path.join(folder.dir, `${d}.yaml`), schema: file }));
  for (const { yaml, schema } of await namingNoSchema([...beside, ...meetings]))
    process.stderr.write(printable(`${yaml}: names no schema, so an editor offers none: add "${schemaLine(schema)}" as its first line\n`));
}

export async function writeSchema(
  dir: string,
  shared: Pick<SharedSources, 'style' | 'standingItems'>,
  file = path.join(dir, schemaFileName),
): Promise<string> {
  await writeAtomically(file, schemaText(shared));
  return file;
}

/** The schema for a committee's meetings: the house's sections, and its standing items' ids for `fast:`. */
function schemaText({ style, standingItems }: Pick<SharedSources, 'style' | 'standingItems'>): string {
  const ids = standingItems.punkter.map((p) => p.id);
  return `${JSON.stringify(
    meetingJsonSchema(
      style.afsnit.map((a) => a.nøgle),
      ids,
    ),
    null,
    2,
  )}\n`;
}
