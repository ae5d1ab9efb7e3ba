import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/input/fields.js';
import { meetingJsonSchema, sharedJsonSchemas } from '../../src/input/json-schema.js';
import { houseStyleOverrideSchema } from '../../src/input/schema/house-style.js';

type Node = { [key: string]: unknown; properties?: Record<string, Node>; anyOf?: Node[]; description?: string };

/** Every key the schema describes, with its path, wherever it stands. */
function keys(node: unknown, at = ''): Array<{ path: string; schema: Node }> {
  if (!node || typeof node !== 'object') return [];
  // A rule about a key (`{ not: { type: 'null' } }`: an item needs fast or titel; `{ enum: [true, ...] }`:
  // a closed attachment; `{ type: 'null', errorMessage }`: a public title only on what is closed) is not the key's schema.
  const rule = (v: Node) => ['not', 'enum', 'type,errorMessage'].includes(Object.keys(v).join());
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

describe('the JSON Schemas of the shared files (udvalg.yaml, faste-punkter.yaml, plan.yaml, kalender.yaml, kommune.yaml)', () => {
  it('give every key its description, for the editor to show', () => {
    for (const [file, schema] of Object.entries(sharedJsonSchemas(['sagsfremstilling', 'indstilling']))) {
      const all = keys(schema);
      expect(all.length, file).toBeGreaterThan(1);
      expect(
        all.filter((k) => !described(k.schema)).map((k) => k.path),
        file,
      ).toEqual([]);
    }
  });
});

/** The patterns of the first key `key` in a JSON Schema, as the editor compiles them (Unicode). */
/** The patterns of the key at `path` ("datoer.forside": a word and a date pattern may share a name), each part found at any depth below the last. */
function patternsOf(schema: unknown, path: string): RegExp[] {
  const find =
    (key: string) =>
    (node: unknown): unknown => {
      if (!node || typeof node !== 'object') return undefined;
      const own = (node as Node).properties?.[key];
      return (
        own ??
        Object.values(node)
          .map(find(key))
          .find((n) => n !== undefined)
      );
    };
  const collect = (node: unknown): string[] =>
    !node || typeof node !== 'object'
      ? []
      : [
          ...(typeof (node as Node).pattern === 'string' ? [(node as Node).pattern as string] : []),
          ...Object.values(node).flatMap(collect),
        ];
  return collect(path.split('.').reduce((node, key) => find(key)(node), schema)).map((p) => new RegExp(p, 'u'));
}

/** Every string of up to `length` pieces of `alphabet`. */
const strings = (alphabet: string[], length: number): string[] =>
  length === 0
    ? ['']
    : [
        ...strings(alphabet, length - 1),
        ...strings(alphabet, length - 1)
          .filter((s) => s.length >= length - 1)
          .flatMap((s) => alphabet.map((a) => s + a)),
      ];

describe("the editor's patterns and agenda check's rules", () => {
  const both = (patterns: RegExp[], value: string) => patterns.length > 0 && patterns.every((p) => p.test(value));

  it('take the same dates: leap years, month lengths, no year before 0100', () => {
    const patterns = patternsOf(sharedJsonSchemas(['a'])['plan.yaml'], 'dato');
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const years = [0, 4, 99, 100, 400, 1900, 2000, 2023, 2024, 2100, 2400, 9999];
    let compared = 0;
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          expect(both(patterns, date), date).toBe(isoDate.safeParse(date).success);
          compared++;
        }
      }
    }
    expect(compared).toBe(years.length * 14 * 33);
  });

  it('take the same date patterns and phrases of a house style', () => {
    const schema = sharedJsonSchemas(['a'])['kommune.yaml'];
    const cases = [
      {
        key: 'datoer.forside',
        alphabet: ['d', 'M', 'y', 'E', 'm', 'h', 'D', 'o', 'n', "'", ' '],
        length: 4,
        value: (s: string) => ({ datoer: { forside: s } }),
      },
      { key: 'ord.afbud', alphabet: ['{', '}', 'medlem', 'navn', ' '], length: 4, value: (s: string) => ({ ord: { afbud: s } }) },
    ];
    for (const { key, alphabet, length, value } of cases) {
      const patterns = patternsOf(schema, key);
      const tried = strings(alphabet, length).filter((s) => s.trim() !== '');
      const differ = tried.filter((s) => both(patterns, s) !== houseStyleOverrideSchema.safeParse(value(s)).success);
      expect(differ, key).toEqual([]);
      expect(tried.length, key).toBeGreaterThan(500);
    }
  });
});
