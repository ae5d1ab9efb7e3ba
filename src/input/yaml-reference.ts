import { meetingJsonSchema, sharedJsonSchemas } from './json-schema.js';

// docs/reference/yaml.md: every key of every YAML file the clerk writes, read from the JSON Schemas
// that `agenda schema` writes for editors, which are made from the zod schemas that check the files.
// So a key, its description, whether it is required and the values it takes are said once, in zod.

type Node = {
  type?: string;
  description?: string;
  anyOf?: Node[];
  enum?: unknown[];
  pattern?: string;
  /** The rules of a text, each a pattern of its own (input/fields.ts, rule). */
  allOf?: Node[];
  items?: Node;
  properties?: Record<string, Node>;
  required?: string[];
  title?: string;
};

/** The reference of every file's keys, the sections being the house's given. */
export function yamlReference(sectionKeys: string[]): string {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- zod's JSON Schemas, typed as object: Node names the part of JSON Schema they use
  const files = [['YYYY-MM-DD.yaml', meetingJsonSchema(sectionKeys)], ...Object.entries(sharedJsonSchemas(sectionKeys))] as Array<
    [string, Node]
  >;
  const intro = [
    '# The YAML files: every key',
    '',
    'Written by `npm run build` from the zod schemas that check the files (src/input/schema/), through the',
    'JSON Schemas `agenda schema` writes for editors; do not edit it by hand. The sections of an item',
    "(sagsfremstilling, indstilling ...) are the package's house style's (templates/husstil.yaml); a house",
    "with other sections (`husstil: afsnit:`) has its own. The clerk's guide explains the files:",
    '[../clerk/README.md](../clerk/README.md).',
    '',
    ...files.map(([file, schema]) => `- [${cell(file)}](#${anchor(file)}): ${cell(schema.title ?? '')}`),
  ];
  return `${[...intro, ...files.flatMap(([file, schema]) => fileSection(file, schema))].join('\n')}\n`;
}

/** GitHub's anchor of a heading: `YYYY-MM-DD.yaml` → `yyyy-mm-ddyaml`. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');

function fileSection(file: string, schema: Node): string[] {
  return [
    '',
    `## ${cell(file)}`,
    '',
    cell(`${schema.title}. ${schema.description ?? ''}`.trim()),
    '',
    '| key | type | required | description |',
    '| --- | --- | --- | --- |',
    ...rows(schema, ''),
  ];
}

/** One row per key, then the keys of its blocks and of its lists' blocks, as `punkter[].bilag[].titel`. */
function rows(node: Node, prefix: string): string[] {
  return objectsIn(node).flatMap((object) =>
    Object.entries(object.properties ?? {}).flatMap(([key, value]) => {
      const path = `${prefix}${key}`;
      const { inner, description } = unwrap(value);
      const required = (object.required ?? []).includes(key) ? 'yes' : '';
      return [
        `| \`${path}\` | ${cell(kind(inner))} | ${required} | ${cell(description ?? '')} |`,
        ...rows(inner, inner.type === 'array' || listOf(inner) ? `${path}[].` : `${path}.`),
      ];
    }),
  );
}

/** The blocks a value may be: itself, a list's items, or any of its alternatives. */
function objectsIn(node: Node): Node[] {
  const { inner } = unwrap(node);
  if (inner.properties && inner.type === 'object') return [inner];
  if (inner.type === 'array' && inner.items) return objectsIn(inner.items);
  return (inner.anyOf ?? []).flatMap(objectsIn);
}

const listOf = (node: Node) => (node.anyOf ?? []).some((n) => n.type === 'array');

/** A key left empty is not given (`{ anyOf: [X, null] }`), and a description may stand on either level. */
function unwrap(node: Node): { inner: Node; description?: string } {
  const alternatives = node.anyOf?.filter((n) => n.type !== 'null');
  const [only] = alternatives ?? [];
  if (node.anyOf && only && alternatives?.length === 1 && alternatives.length < node.anyOf.length) {
    const { inner, description } = unwrap(only);
    return { inner, description: node.description ?? description };
  }
  return { inner: node, description: node.description };
}

/** What a value is, as the clerk writes it. */
function kind(node: Node): string {
  const alternatives = node.anyOf?.filter((n) => n.type !== 'null' && (n.type || n.anyOf));
  if (alternatives && alternatives.length > 0) return scalarKind(alternatives) ?? [...new Set(alternatives.map(kind))].join(' or ');
  if (node.enum) return `one of ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (node.type === 'array') return `list of ${node.items ? kind(unwrap(node.items).inner) : 'values'}`;
  if (node.type === 'object') return 'block';
  if (node.type === 'string') return patternKind(node);
  return node.type === 'string' ? 'text' : (node.type ?? 'any');
}

/** The editor's readings of one scalar the tool reads as text (input/json-schema.ts, asAnEditorReadsIt). */
function scalarKind(alternatives: Node[]): string | undefined {
  const types = alternatives.map((n) => n.type).join(',');
  if (types === 'boolean,string') return '`true`/`false` (`ja`/`nej`)';
  if (types === 'integer,string') return 'whole number';
  if (types === 'number,string') return 'time, e.g. 9:00';
  if (types === 'string,number,boolean') return alternatives[0] ? patternKind(alternatives[0]) : 'text';
  return undefined;
}

/** A text's patterns: its own and its rules'. */
const patternsOf = (node: Node): string[] => [node.pattern, ...(node.allOf ?? []).map((n) => n.pattern)].filter((p) => p !== undefined);

/** What a text's rules make of it; the rules every text has (not empty, no control character, one line) say nothing of its kind. */
function patternKind(node: Node): string {
  const patterns = patternsOf(node);
  if (patterns.some((p) => p.includes('@'))) return 'e-mail address';
  if (patterns.some((p) => p.startsWith('^\\d{4}-\\d{2}-\\d{2}$'))) return 'date, YYYY-MM-DD';
  if (patterns.some((p) => p.includes('\\.\\.'))) return 'short name (part of file names)';
  const own = patterns.find((p) => !everyText.has(p));
  const placeholders = own?.match(/\\\{\(\?:([^)]*)\)\\\}/)?.[1];
  if (placeholders)
    return `text with ${placeholders
      .split('|')
      .map((name) => `{${name}}`)
      .join(', ')}`;
  return own ? `text matching \`${own}\`` : 'text';
}

/** The patterns of every text (input/fields.ts): not empty, no control character, one line. */
const everyText = new Set([
  String.raw`\S`,
  String.raw`^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$`,
  String.raw`^\s*[^\n\u2028\u2029]*\s*$`,
]);

/** A table cell: one line; `<dato>` would be read as an HTML tag, `|` as a column. */
const cell = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
