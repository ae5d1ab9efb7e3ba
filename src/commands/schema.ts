import path from 'node:path';
import { meetingJsonSchema } from '../input/json-schema.js';
import { chooseCommittee, type CommitteeChoice } from '../input/repository.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import { readSharedSources } from '../pipeline/sources.js';
import { writeAtomically } from '../shared/files.js';

/** Beside the meeting files, where their `# yaml-language-server: $schema=` line points. */
export const schemaFileName = 'schema.json';

export interface SchemaOptions extends CommitteeChoice {
  out?: string;
}

/** `agenda schema`: the JSON Schema of a committee's meeting file, with its house's sections, made from the same zod schemas that check it. */
export async function schemaCommand(options: SchemaOptions): Promise<void> {
  const folder = await chooseCommittee(options);
  const { style } = await readSharedSources(folder);
  if (options.out === '-') {
    process.stdout.write(schemaText(style));
    return;
  }
  const file = await writeSchema(folder.dir, style, options.out);
  process.stdout.write(`wrote ${file}\n`);
}

export async function writeSchema(dir: string, style: HouseStyleInput, file = path.join(dir, schemaFileName)): Promise<string> {
  await writeAtomically(file, schemaText(style));
  return file;
}

function schemaText(style: HouseStyleInput): string {
  return `${JSON.stringify(meetingJsonSchema(style.afsnit.map((a) => a.nøgle)), null, 2)}\n`;
}
