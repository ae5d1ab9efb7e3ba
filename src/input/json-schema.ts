import { z } from 'zod';
import { clock, clockMessage, closedFlag, emptyIsList, flag, patternMessages, readAsText, wholeNumber } from './fields.js';
import { calendarSchema } from './schema/calendar.js';
import { committeeSchema } from './schema/committee.js';
import { forwardPlanSchema } from './schema/forward-plan.js';
import { meetingSchemaFor } from './schema/meeting.js';
import { municipalitySchema } from './schema/municipality.js';
import { standingItemsSchemaFor } from './schema/standing-items.js';

// We read YAML with the failsafe schema (every scalar is text); an editor's YAML language server
// reads YAML 1.2's core schema, where `lukket: true` is a boolean and `tid: 11.00` a number. The JSON
// Schema describes what the editor sees, so it accepts exactly what `agenda check` accepts: the rules
// zod cannot write as JSON Schema itself stand beside them as `.meta()`; docs/develop/schemas.md lists
// the few that JSON Schema cannot say at all.

/**
 * 0.00 to 23.59 read as a number: an hour and its minutes, .00 to .59, the hours check's text rule
 * (fields.ts clock) takes. The editor reads `9` as 9.00 and `9.5` as 9.50, which check refuses for
 * want of the minutes' two digits; JSON Schema cannot tell them apart (docs/develop/schemas.md).
 */
const clockNumber = {
  type: 'number',
  anyOf: Array.from({ length: 24 }, (_, h) => ({ minimum: h, maximum: Number(`${h}.59`) })),
  errorMessage: clockMessage,
};

const flagAsRead = { anyOf: [{ type: 'boolean' }, { type: 'string', enum: flag.def.in.options }] };
const refusesEmpty = 'an empty value is an error, not "not given"';

/** What the editor may read in place of the text the field's own JSON Schema describes, keyed by definition (a field given a description is a copy with the same one). */
const asAnEditorReadsIt = new Map<unknown, (own: JsonSchema) => JsonSchema>([
  [flag._zod.def, () => flagAsRead],
  // An empty `lukket:` is refused (fields.ts closedFlag): allowEmptyOptionals leaves a key marked so as it is.
  [closedFlag._zod.def, () => ({ ...flagAsRead, $comment: refusesEmpty })],
  [wholeNumber._zod.def, (own) => ({ anyOf: [{ type: 'integer', minimum: 1 }, own] })],
  [clock._zod.def, (own) => ({ anyOf: [clockNumber, own] })],
]);

/** A field's JSON Schema as the editor reads YAML, and with each pattern's message as `agenda check` words it. */
function asAnEditorReads(zodSchema: { _zod: { def: object } }, json: JsonSchema): void {
  const def = zodSchema._zod.def;
  for (const node of [json, ...(Array.isArray(json.allOf) ? json.allOf.filter(isSchema) : [])]) {
    const message = typeof node.pattern === 'string' ? patternMessages.get(node.pattern) : undefined;
    if (message) node.patternErrorMessage = message;
  }
  const { description, ...own } = json;
  const readAs = readAsText.has(def)
    ? (o: JsonSchema) => ({ anyOf: [o, { type: 'number' }, { type: 'boolean' }] })
    : asAnEditorReadsIt.get(def);
  const emptyList = emptyIsList.has(def) ? (o: JsonSchema) => ({ anyOf: [o, { type: 'null' }] }) : undefined;
  if (!readAs && !emptyList) return;
  const replacement = [readAs, emptyList].reduce((o, f) => (f ? f(o) : o), own);
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, replacement, description ? { description } : {});
}

/** A file's JSON Schema made from the zod schema that checks it, as an editor reads YAML. */
function editorJsonSchema(schema: z.ZodType, title: string, description: string): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => asAnEditorReads(zodSchema, jsonSchema),
  });
  return { ...allowEmptyOptionals(json), title, description };
}

/**
 * The JSON Schema of a meeting file with the house's sections, for editors (`# yaml-language-server:
 * $schema=...`); given the standing items' ids, an editor completes `fast:` with them.
 */
export function meetingJsonSchema(sectionKeys: string[], standingIds: string[] = []): object {
  const editable = editorJsonSchema(
    meetingSchemaFor(sectionKeys),
    'Et møde: <dato>.yaml',
    'What is new at one meeting; see the README of agenda.',
  );
  if (standingIds.length > 0) offerStandingIds(editable, standingIds);
  return editable;
}

/** The shared files' JSON Schemas, by the file each describes; the standing items' with the house's sections. */
export function sharedJsonSchemas(sectionKeys: string[]): Record<string, object> {
  const readme = 'see the README of agenda.';
  return {
    'udvalg.yaml': editorJsonSchema(
      committeeSchema,
      'Udvalget: udvalg.yaml',
      `Who meets, where and when, shared by every meeting of the committee; ${readme}`,
    ),
    'faste-punkter.yaml': editorJsonSchema(
      standingItemsSchemaFor(sectionKeys),
      'De faste punkter: faste-punkter.yaml',
      `The standing items on every agenda, with their fixed text; ${readme}`,
    ),
    'plan.yaml': editorJsonSchema(forwardPlanSchema, 'Punkter til kommende møder: plan.yaml', `The forward plan, by meeting; ${readme}`),
    'kalender.yaml': editorJsonSchema(
      calendarSchema,
      'Den politiske kalender: kalender.yaml',
      `The year's meetings of the political committees; ${readme}`,
    ),
    'kommune.yaml': editorJsonSchema(
      municipalitySchema,
      'Kommunen: kommune.yaml',
      `The municipality of a repository of committees, and its house style; ${readme}`,
    ),
  };
}

/** `udvalg.yaml` → `udvalg.schema.json`: where a shared file's schema is written, beside it. */
export const schemaFileFor = (yamlFile: string) => yamlFile.replace(/\.yaml$/, '.schema.json');

/** `fast:` of every item takes one of the ids (or stays empty): what `agenda check` accepts, as a list to pick from. */
function offerStandingIds(node: unknown, ids: string[]): void {
  if (!node || typeof node !== 'object') return;
  // The key as allowEmptyOptionals left it: { anyOf: [the key's own schema, null] }; not the item's rule that it be given.
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a node of zod's JSON Schema, where fast is the key allowEmptyOptionals wrote
  const fast = (node as JsonSchema).properties?.fast as { anyOf?: Array<{ description?: string }> } | undefined;
  if (fast?.anyOf) {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions, @typescript-eslint/no-non-null-assertion -- fast was read from these properties just above
    (node as JsonSchema).properties!.fast = {
      description: fast.anyOf[0]?.description,
      anyOf: [{ type: 'string', enum: ids }, { type: 'null' }],
    };
  }
  for (const child of Object.values(node)) offerStandingIds(child, ids);
}

type JsonSchema = { [key: string]: unknown; properties?: Record<string, unknown>; required?: string[] };

/** A JSON Schema object, not a value within one (a list, a string, a number). */
const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the schema says what an empty value is already: a list, whose empty value is an empty list; `lukket`, where it is an error. */
const saysWhatEmptyIs = (v: unknown) =>
  isSchema(v) &&
  (v.type === 'null' || (Array.isArray(v.anyOf) && v.anyOf.some((a) => isSchema(a) && a.type === 'null')) || v.$comment === refusesEmpty);

/** An optional key left empty (`sagsfremstilling:`) counts as not given, and an editor reads it as null. */
function allowEmptyOptionals(node: unknown): JsonSchema {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- an array within a schema (anyOf, items) passes through as it is
  if (Array.isArray(node)) return node.map(allowEmptyOptionals) as unknown as JsonSchema;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a value within a schema (a string, a number) passes through as it is
  if (!node || typeof node !== 'object') return node as JsonSchema;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a copy of a JSON Schema object is one
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, allowEmptyOptionals(v)])) as JsonSchema;
  if (copy.properties) {
    const required = new Set(copy.required ?? []);
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([k, v]) => [k, required.has(k) || saysWhatEmptyIs(v) ? v : { anyOf: [v, { type: 'null' }] }]),
    );
  }
  return copy;
}
