import { describe, expect, it } from 'vitest';
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
  it('keeps every scalar as the text typed: 11.00 stays a time, true stays text for the schema to read', () => {
    expect(parseYaml('m.yaml', 'tid: 11.00\nnummer: 2\nlukket: true\ntom:\n').data).toEqual({ tid: '11.00', nummer: '2', lukket: 'true', tom: '' });
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

  it('refuses a key given twice', () => {
    expect(findings('a: 1\nb: 2\na: 3\n')).toEqual(['3:1: this key is already given above in the same block']);
  });

  it('explains tab indentation', () => {
    expect(findings('a:\n\tb: 1\n').join()).toMatch(/tab/i);
  });

  it('refuses a file whose aliases would expand without bound', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) laughs.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    expect(findings(laughs.join('\n')).join()).toMatch(/alias/i);
  });
});
