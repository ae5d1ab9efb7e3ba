import { describe, expect, it } from 'vitest';
import { committeeSchema } from '../../src/input/schema/committee.js';
import { forwardPlanSchema } from '../../src/input/schema/forward-plan.js';
import { meetingSchemaFor } from '../../src/input/schema/meeting.js';

const meetingSchema = meetingSchemaFor(['sagsfremstilling', 'økonomiske_konsekvenser', 'indstilling']);
import { formatFinding } from '../../src/shared/errors.js';
import { validate } from '../../src/input/validate.js';
import { parseYaml } from '../../src/input/yaml-file.js';

const problems = (schema: Parameters<typeof validate>[1], text: string) => {
  const result = validate(parseYaml('m.yaml', text), schema);
  return result.ok ? [] : result.findings.map(formatFinding);
};

describe('the meeting schema', () => {
  it('accepts a meeting and gives numbers and flags their meaning', () => {
    const result = validate(
      parseYaml('m.yaml', 'punkter:\n  - titel: Nyt\n    bilag:\n      - nummer: 3\n        titel: Notat\n      - lukket: ja\n'),
      meetingSchema,
    );
    expect(result).toEqual({
      ok: true,
      value: { punkter: [{ titel: 'Nyt', bilag: [{ nummer: 3, titel: 'Notat' }, { lukket: true }], afsnit: {} }] },
    });
  });

  it('names a misspelt key with the key it most likely meant', () => {
    expect(problems(meetingSchema, 'punkter:\n  - titel: A\n    indstiling: B\n')).toEqual([
      "m.yaml:3:5: punkter[0].indstiling: unknown key (did you mean 'indstilling'?)",
    ]);
  });

  it('lists the known keys when a key is nothing like them', () => {
    expect(problems(meetingSchema, 'zzz: 1\n')[0]).toBe(
      'm.yaml:1:1: zzz: unknown key (known keys here: sted, start, slut, fraværende, deltagere, modtagere, punkter)',
    );
  });

  it('reports wrong types where the value stands, all at once', () => {
    expect(
      problems(
        meetingSchema,
        'start: ni\npunkter:\n  - titel: [a]\n    bilag:\n      - nummer: to\n        titel: x\n      - dokument: 1/23\n',
      ),
    ).toEqual([
      'm.yaml:1:8: start: expected a time such as 9:00',
      'm.yaml:3:12: punkter[0].titel: expected text, got a list',
      'm.yaml:5:17: punkter[0].bilag[0].nummer: expected a whole number',
      'm.yaml:7:9: punkter[0].bilag[1].titel: an open attachment needs a titel',
    ]);
  });

  it('wants a title on an item that fills in no standing item', () => {
    expect(problems(meetingSchema, 'punkter:\n  - indstilling: x\n')).toEqual([
      'm.yaml:2:5: punkter[0].titel: an item needs a titel (or fast: the id of a standing item)',
    ]);
  });
});

describe('dates', () => {
  it('refuses a date that is not in the calendar, and one written otherwise', () => {
    expect(problems(forwardPlanSchema, 'møder:\n  - dato: 2023-02-30\n    punkter: []\n  - dato: 22/11/2023\n    punkter: []\n')).toEqual([
      'm.yaml:2:11: møder[0].dato: 2023-02-30 is not a date in the calendar',
      'm.yaml:4:11: møder[1].dato: expected a date written YYYY-MM-DD, e.g. 2023-11-22',
    ]);
  });

  it('accepts 29 February in a leap year only', () => {
    const member = (fra: string) => `navn: D\nsted: S\nstart: 9:00\nslut: 17:00\nmedlemmer:\n  - titel: T\n    navn: N\n    fra: ${fra}\n`;
    expect(problems(committeeSchema, member('2024-02-29'))).toEqual([]);
    expect(problems(committeeSchema, member('2023-02-29'))).toEqual([
      'm.yaml:8:10: medlemmer[0].fra: 2023-02-29 is not a date in the calendar',
    ]);
  });
});

describe('the committee schema', () => {
  it('says what is missing', () => {
    expect(problems(committeeSchema, 'navn: D\n')).toEqual([
      'm.yaml:1:1: sted: is missing',
      'm.yaml:1:1: start: is missing',
      'm.yaml:1:1: medlemmer: is missing',
    ]);
  });
});
