import { z } from 'zod';
import { clock, flag, text, wholeNumber } from './fields.js';
import { meetingSchema } from './schema/meeting.js';

// We read YAML with the failsafe schema (every scalar is text); an editor's YAML language server
// reads YAML 1.2's core schema, where `lukket: true` is a boolean and `tid: 11.00` a number. The JSON
// Schema describes what the editor sees, so it accepts exactly what `agenda check` accepts.

const flagValues = ['true', 'false', 'ja', 'nej'];
const { $schema: _, ...clockText } = z.toJSONSchema(clock);
const asAnEditorReadsIt = new Map<unknown, object>([
  [flag, { anyOf: [{ type: 'boolean' }, { type: 'string', enum: flagValues }] }],
  [wholeNumber, { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\d+$' }] }],
  [clock, { anyOf: [{ type: 'number' }, clockText] }],
  [text, { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }, { type: 'boolean' }] }],
]);

/** The JSON Schema of a meeting file, for editors (`# yaml-language-server: $schema=...`). */
export function meetingJsonSchema(): object {
  const schema = z.toJSONSchema(meetingSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const replacement = asAnEditorReadsIt.get(zodSchema);
      if (!replacement) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
      Object.assign(jsonSchema, replacement);
    },
  });
  return { ...schema, title: 'Et møde: <dato>.yaml', description: 'What is new at one meeting; see the README of agenda.' };
}
