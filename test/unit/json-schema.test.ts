import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { meetingJsonSchema, sharedJsonSchemas } from '../../src/input/json-schema.js';

type Node = { [key: string]: unknown; properties?: Record<string, Node>; anyOf?: Node[]; description?: string };

/** Every key the schema describes, with its path, wherever it stands. */
function keys(node: unknown, at = ''): Array<{ path: string; schema: Node }> {
  if (!node || typeof node !== 'object') return [];
  // A rule about a key (`{ not: { type: 'null' } }`: an item needs fast or titel; `{ enum: [true, ...] }`:
  // a closed attachment) is not the key's schema.
  const rule = (v: Node) => ['not', 'enum'].includes(Object.keys(v).join());
  const own = Object.entries((node as Node).properties ?? {})
    .filter(([, v]) => !rule(v))
    .map(([k, v]) => ({ path: `${at}.${k}`, schema: v }));
  const nested = Object.values(node).flatMap((v) => keys(v, at));
  return [...own, ...nested.filter((n) => !own.some((o) => o.schema === n.schema))];
}
const described = (s: Node): boolean => Boolean(s.description) || (s.anyOf ?? []).some((a) => Boolean(a.description));

describe('the JSON Schema of a meeting file', () => {
  it('gives every key its description, for the editor to show', () => {
    const all = keys(meetingJsonSchema(['sagsfremstilling', 'indstilling']));
    expect(all.length).toBeGreaterThan(25);
    expect(all.filter((k) => !described(k.schema)).map((k) => k.path)).toEqual([]);
  });

  it("offers the standing items' ids for fast:, and refuses another", () => {
    const validate = new Ajv2020.default({ strict: false }).compile(meetingJsonSchema(['sagsfremstilling'], ['økonomi', 'eventuelt']));
    expect(JSON.stringify(meetingJsonSchema(['sagsfremstilling'], ['økonomi', 'eventuelt']))).toContain('"enum":["økonomi","eventuelt"]');
    expect(validate({ punkter: [{ fast: 'økonomi' }] })).toBe(true);
    expect(validate({ punkter: [{ fast: 'økonomii' }] })).toBe(false);
  });
});

describe("the JSON Schemas of the shared files (udvalg.yaml, faste-punkter.yaml, plan.yaml, kalender.yaml, kommune.yaml)", () => {
  it('give every key its description, for the editor to show', () => {
    for (const [file, schema] of Object.entries(sharedJsonSchemas(['sagsfremstilling', 'indstilling']))) {
      const all = keys(schema);
      expect(all.length, file).toBeGreaterThan(1);
      expect(all.filter((k) => !described(k.schema)).map((k) => k.path), file).toEqual([]);
    }
  });
});
