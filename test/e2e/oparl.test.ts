import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { copyOut, sharedExampleSite, sharedRepositorySite } from '../support/shared-build.js';
import { checkMeetingPages, fileOf, readJson, url } from '../support/oparl-pages.js';
import { siteFiles } from '../support/site.js';
import { exampleRoot } from '../support/examples.js';

// The open data as OParl's own tools read it: every object of the published example sites (the
// root's meetings/ and eksempel/) against the OParl 1.1 schema files of the specification
// (fixtures/oparl-1.1/), and every object fetched by its id from the site folder.

const oparlDir = path.join(exampleRoot(), 'fixtures', 'oparl-1.1');

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** OParl's schemas in its own dialect: `"schema": "File.json"` is a $ref to the object's schema. */
function asJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonSchema);
  if (!isObject(value)) return value;
  const converted = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asJsonSchema(v)]));
  return typeof value.schema === 'string' ? { ...converted, $ref: value.schema } : converted;
}

/**
 * A validator per OParl type (its patterns escape ":" and "/", which a Unicode RegExp refuses); `url`:
 * what a link must be, an http(s) address, or (without --url) any reference.
 */
function oparlValidators(absolute: boolean): Map<string, ValidateFunction | undefined> {
  const ajv = formats.default(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }));
  const isUrl = (s: string) => (absolute ? /^https?:\/\/[^/]/.test(s) && URL.canParse(s) : URL.canParse(s, 'https://x.invalid/'));
  ajv.addFormat('url', { type: 'string', validate: isUrl });
  const files = readdirSync(oparlDir).filter((f) => f.endsWith('.json'));
  for (const file of files) ajv.addSchema(asJsonSchema(readJson(path.join(oparlDir, file))) as object, file);
  return new Map(files.map((file) => [`https://schema.oparl.org/1.1/${file.replace('.json', '')}`, ajv.getSchema(file)]));
}

/** Every OParl object in a JSON value, nested ones included. */
function oparlObjects(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(oparlObjects);
  if (!isObject(value)) return [];
  const inner = Object.values(value).flatMap(oparlObjects);
  return typeof value.type === 'string' && value.type.startsWith('https://schema.oparl.org/1.1/') ? [value, ...inner] : inner;
}

/** The keys whose values are references into the site (with --url, the only ones that hold its address). */
const referenceKeys = [
  '$schema',
  'id',
  'self',
  // A page's links to the other pages of its list.
  'first',
  'prev',
  'next',
  'last',
  'system',
  'body',
  'organization',
  'person',
  'meeting',
  'paper',
  'web',
  'accessUrl',
  'downloadUrl',
  'file',
  'agenda:calendar',
];

/** Every value under a reference key, resolved from the document `from` to a file of the site (a page's #fragment kept). */
function resolved(root: string, value: unknown, from: string, key = ''): unknown {
  if (typeof value === 'string' && referenceKeys.includes(key)) return `${fileOf(root, value, from)}${/#.*$/.exec(value)?.[0] ?? ''}`;
  if (Array.isArray(value)) return value.map((v) => resolved(root, v, from, key));
  return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(root, v, from, k)])) : value;
}

/** The keys of the strings that hold the site's address. */
function addressKeys(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return value.startsWith(url) ? [key] : [];
  if (Array.isArray(value)) return value.flatMap((v) => addressKeys(v, key));
  return isObject(value) ? Object.entries(value).flatMap(([k, v]) => addressKeys(v, k)) : [];
}

const withoutSchema = ({ $schema: _, ...object }: Json) => object;

/** The OParl property names of a type, to tell an extension key from OParl's. */
function properties(type: string): string[] {
  const schema = readJson(path.join(oparlDir, `${type.split('/').at(-1)}.json`));
  return isObject(schema) && isObject(schema.properties) ? Object.keys(schema.properties) : [];
}

function checkSite(root: string, absolute: boolean): { documents: number; objects: number } {
  const validators = oparlValidators(absolute);
  let documents = 0;
  let objects = 0;
  for (const file of siteFiles(root).filter((f) => f.startsWith('data/') && f.endsWith('.json') && !f.startsWith('data/schema/'))) {
    const doc = readJson(path.join(root, file));
    expect(isObject(doc), file).toBe(true);
    if (!isObject(doc)) continue;
    documents++;
    if ('data' in doc) {
      // An external list: one page, with OParl's pagination and links.
      expect(Object.keys(doc).sort(), file).toEqual(['data', 'links', 'pagination']);
      expect(fileOf(root, String((doc.links as Json).self), file), file).toBe(path.join(root, file));
    } else {
      expect(typeof doc.$schema, file).toBe('string');
      expect(existsSync(fileOf(root, String(doc.$schema), file)), `${file}: $schema ${String(doc.$schema)}`).toBe(true);
      // A document is the object its id names.
      expect(fileOf(root, String(doc.id), file), file).toBe(path.join(root, file));
    }
    if (absolute)
      expect(
        [...new Set(addressKeys(doc))].filter((k) => !referenceKeys.includes(k)),
        file,
      ).toEqual([]);
    for (const object of oparlObjects(doc)) {
      objects++;
      const where = `${file}: ${String(object.id)}`;
      const validate = validators.get(String(object.type));
      expect(validate, where).toBeDefined();
      expect(validate?.(object), `${where}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      expect(object.created, where).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(object.modified, where).toMatch(/^\d{4}-\d\d-\d\dT/);
      // Retrievable under its id: the document there is this very object, its references resolved from where each stands.
      const at = path.relative(root, fileOf(root, String(object.id), file));
      const there = readJson(path.join(root, at));
      expect(isObject(there) && resolved(root, withoutSchema(there), at), where).toEqual(resolved(root, withoutSchema(object), file));
      const own = properties(String(object.type));
      expect(
        Object.keys(object).filter((key) => !own.includes(key) && key !== '$schema' && !key.startsWith('agenda:')),
        where,
      ).toEqual([]);
      // Empty optional lists are left out; a Body's legislativeTerm is required.
      const empty = Object.entries(object).filter(([key, v]) => Array.isArray(v) && v.length === 0 && key !== 'legislativeTerm');
      expect(
        empty.map(([key]) => key),
        where,
      ).toEqual([]);
      checkReferences(root, object, file, where);
    }
  }
  checkMeetingPages(root);
  return { documents, objects };
}

/** An object's links into the data: each external list is a list, each file's access URL its PDF with its size and checksum. */
function checkReferences(root: string, object: Json, from: string, where: string): void {
  const lists: Record<string, string[]> = {
    System: ['body'],
    Body: ['organization', 'person', 'meeting', 'paper'],
    Organization: ['meeting'],
  };
  for (const key of lists[String(object.type).split('/').at(-1) ?? ''] ?? []) {
    const list = readJson(fileOf(root, String(object[key]), from));
    expect(isObject(list) && Array.isArray(list.data), `${where}: ${key}`).toBe(true);
  }
  if (object.type === 'https://schema.oparl.org/1.1/Meeting') {
    expect(['terminiert', 'eingeladen', 'durchgeführt'], where).toContain(object.meetingState);
  }
  if (object.type === 'https://schema.oparl.org/1.1/File') {
    const bytes = readFileSync(fileOf(root, String(object.accessUrl), from));
    expect(bytes.byteLength, where).toBe(object.size);
    expect(createHash('sha512').update(bytes).digest('hex'), where).toBe(object.sha512Checksum);
  }
  for (const reference of ['meeting', 'body', 'system']) {
    const value = object[reference];
    // An Organization's meeting is a list, read above; elsewhere these name one object.
    if (object.type !== 'https://schema.oparl.org/1.1/Organization' && typeof value === 'string') {
      expect(existsSync(fileOf(root, value, from)), `${where}: ${reference}`).toBe(true);
    }
  }
}

// The two example repositories, each published without --url (once for the suite, shared with other files that
// read it: test/support/shared-build.ts) and again, in a copy of that site, with it (the PDFs are reused).
const published = {
  meetings: sharedExampleSite,
  eksempel: sharedRepositorySite,
};
const sites = { meetings: path.join(tempDir(), 'site'), eksempel: path.join(tempDir(), 'site') };

/**
 * Publishes the example with --url into a copy of the site published without it, from the same input (publish
 * only reads it), so that its PDFs are reused; what publish says of the data.
 */
function publishWithUrl(which: keyof typeof sites, options: string[]): string[] {
  const { out, input } = published[which]();
  copyOut(out, sites[which]);
  const run =
    which === 'meetings'
      ? agenda(['publish', '--meetings', input, '--out', sites.meetings, ...options])
      : agenda(['publish', '--out', sites.eksempel, ...options], { cwd: input });
  expect(run.status, run.stderr).toBe(0);
  return oparlLines(run.stderr);
}

const oparlLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('OParl'));

describe.each(['meetings', 'eksempel'] as const)('the open data of the example in %s/', (which) => {
  it('without --url: every object valid against OParl 1.1 but for its relative ids, which resolve from their document to files of the site', () => {
    const { run, out } = published[which]();
    expect(run.status, run.stderr).toBe(0);
    expect(oparlLines(run.stderr)).toEqual([
      expect.stringMatching(/^note: without --url .* OParl clients need absolute ones: publish with --url/),
    ]);
    const { documents, objects } = checkSite(out, false);
    expect(documents).toBeGreaterThan(10);
    expect(objects).toBeGreaterThan(documents);
    const system = readJson(path.join(out, 'data', 'index.json'));
    const oparl = 'https://schema.oparl.org/1.1/';
    expect(system).toMatchObject({ type: `${oparl}System`, oparlVersion: oparl, id: 'index.json', body: 'oparl/bodies.json' });
    const bodies = readJson(path.join(out, 'data', 'oparl', 'bodies.json'));
    expect(bodies).toMatchObject({ data: [{ system: '../index.json' }], links: { self: 'bodies.json' } });
  });

  it('with --url: every object valid against OParl 1.1 with absolute URLs, each fetched by its id from the folder', () => {
    expect(publishWithUrl(which, ['--url', url])).toEqual([]);
    checkSite(sites[which], true);
    const system = readJson(path.join(sites[which], 'data', 'index.json'));
    expect(system).toMatchObject({ id: `${url}data/index.json`, body: `${url}data/oparl/bodies.json` });
    const bodies = readJson(path.join(sites[which], 'data', 'oparl', 'bodies.json'));
    expect(bodies).toMatchObject({ data: [{ type: 'https://schema.oparl.org/1.1/Body', system: `${url}data/index.json` }] });
  });
});
