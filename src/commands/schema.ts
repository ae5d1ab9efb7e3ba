import path from 'node:path';
import { meetingJsonSchema } from '../input/json-schema.js';
import { readSharedFiles } from '../input/load.js';
import { writeAtomically } from '../shared/files.js';

/** Beside the meeting files, where their `# yaml-language-server: $schema=` line points. */
export const schemaFileName = 'schema.json';

export interface SchemaOptions {
  meetings: string;
  out?: string;
}

/** `agenda schema`: the JSON Schema of a meeting file, made from the same zod schemas that check it. */
export async function schemaCommand(options: SchemaOptions): Promise<void> {
  if (options.out === '-') {
    process.stdout.write(await schemaText(options.meetings));
    return;
  }
  const file = await writeSchema(options.meetings, options.out);
  process.stdout.write(`wrote ${file}\n`);
}

export async function writeSchema(dir: string, file = path.join(dir, schemaFileName)): Promise<string> {
  await writeAtomically(file, await schemaText(dir));
  return file;
}

/** The schema for the meetings of `dir`: its standing items' ids are what `fast:` offers. */
async function schemaText(dir: string): Promise<string> {
  const { standingItems } = await readSharedFiles(dir, []);
  const ids = standingItems?.value?.punkter.map((p) => p.id) ?? [];
  return `${JSON.stringify(meetingJsonSchema(ids), null, 2)}\n`;
}
