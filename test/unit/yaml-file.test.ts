import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wholeNumber } from '../../src/input/fields.js';
import { validate } from '../../src/input/validate.js';
import { InputError } from '../../src/shared/errors.js';
import { parseYaml } from '../../src/input/yaml-file.js';

const findings = (text: string) => {
  try {
    parseYaml('m.yaml', text);
  } catch (err) {
    if (err instanceof InputError) return err.findings.map((f) => `${f.line}:${f.col}: ${f.message}`);
    throw err;
  }
  return [];
};

describe('parseYaml', () => {
  it('keeps every scalar as the text typed: 11.00 stays a time, true stays text for the schema to read; an empty value is none', () => {
    const data = parseYaml('m.yaml', 'tid: 11.00\nnummer: 2\nlukket: true\ntom:\ntekst: ""\n').data;
    expect(data).toEqual({ tid: '11.00', nummer: '2', lukket: 'true', tom: null, tekst: '' });
  });

  it('locates values, keys and missing keys by path', () => {
    const file = parseYaml('m.yaml', 'punkter:\n  - titel: A\n  - titel: B\n    bilag:\n      - nummer: x\n');
    expect(file.locate(['punkter', 1, 'bilag', 0, 'nummer'])).toEqual({ line: 5, col: 17 });
    expect(file.locate(['punkter', 1, 'bilag'], { key: true })).toEqual({ line: 4, col: 5 });
    expect(file.locate(['punkter', 0, 'mangler'])).toEqual({ line: 2, col: 5 });
  });

  it('places a syntax error where it stands', () => {
    expect(findings('a: 1\nb: [1, 2\nc: 3\n')).toEqual([expect.stringMatching(/^3:1: .*end with a \]/)]);
  });

  it('explains tab indentation', () => {
    expect(findings('a:\n\tb: 1\n').join()).toMatch(/tab/i);
  });

  it('refuses a file whose aliases would expand without bound', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(',')}]`,
      );
    expect(findings(laughs.join('\n')).join()).toMatch(/alias/i);
  });
});

describe('a key given twice', () => {
  it('is told at its own path, however deep', () => {
    const text = 'punkter:\n  - titel: x\n  - titel: y\n    bilag:\n      - { titel: a, titel: b }\n    titel: z\n';
    expect(parseYaml('m.yaml', text).findings?.map((f) => `${f.line}:${f.col}: ${f.path}`)).toEqual([
      '5:21: punkter[1].bilag[0].titel',
      '6:5: punkter[1].titel',
    ]);
  });

  it('is reported, and the file is still read and checked, so its other mistakes are found in the same run', () => {
    const file = parseYaml('m.yaml', 'a: 1\nb: x\na: 3\n');
    expect(file.findings?.map((f) => `${f.line}:${f.col}: ${f.path}: ${f.message}`)).toEqual([
      '3:1: a: this key is already given above in the same block',
    ]);
    const result = validate(file, z.strictObject({ a: z.string(), b: wholeNumber }));
    expect(result.ok ? [] : result.findings.map((f) => `${f.line}:${f.col}: ${f.path}: ${f.message}`)).toEqual([
      '3:1: a: this key is already given above in the same block',
      '2:4: b: expected a whole number',
    ]);
  });
});
