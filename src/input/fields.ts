import { z } from 'zod';
import { control, firstControlCharacter } from '../shared/control-characters.js';

// The YAML is read with the failsafe schema, so every scalar arrives as the text the clerk typed.
// These fields give that text its meaning, with messages a clerk can act on. Where a rule can be a
// pattern it is one: zod checks it, and the editor's JSON Schema (json-schema.ts) carries the same
// pattern with the same words, so the editor and `agenda check` refuse the same text.

/** Each pattern's message, by its source, for the editor's JSON Schema to say what `agenda check` says. */
export const patternMessages = new Map<string, string>();

/** A rule as a pattern, with the message that explains it; zod's own `params` may word it for the value at hand. */
export function rule(pattern: RegExp, message: string, params: z.core.$ZodCheckRegexParams = {}): [RegExp, z.core.$ZodCheckRegexParams] {
  patternMessages.set(pattern.source, message);
  return [pattern, { error: message, ...params }];
}

/** Fields an editor may read as a number or true/false (`titel: 2024`), which `agenda check` reads as the text typed. */
export const readAsText = new WeakSet<object>();
export function asText<T extends z.ZodType>(schema: T): T {
  readAsText.add(schema._zod.def);
  return schema;
}

/** The code point of a character, as U+000B. */
const codePoint = (c: string | undefined) => `U+${(c?.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Text that must say something, without control characters (shared/control-characters.ts says why). */
export const text = asText(
  z
    .string()
    .regex(...rule(/\S/, 'must not be empty'))
    .regex(
      ...rule(new RegExp(`^[^${control.slice(1, -1)}]*$`, 'u'), 'holds a control character: remove it', {
        error: (iss) => `holds the control character ${codePoint(firstControlCharacter(String(iss.input)))}: remove it`,
      }),
    )
    .trim(),
);

/** A name or a title: text on one line (a line break before or after it is trimmed off). */
export const name = asText(text.regex(...rule(/^\s*[^\n\u2028\u2029]*\s*$/u, 'must be one line: remove the line break')));

/** An optional field; an empty value (`key:` with nothing after it, read as null) counts as not given; `key: ""` is an empty text. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === null ? undefined : v), schema.optional());
}

/** Lists whose empty value (`punkter:`) is an empty list, which the editor is to accept as `agenda check` does. */
export const emptyIsList = new WeakSet<object>();

/** A list; an empty value counts as an empty list. */
export function list<T extends z.ZodType>(item: T) {
  const schema = z.preprocess((v) => (v === null ? [] : v), z.array(item));
  emptyIsList.add(schema._zod.def);
  return schema;
}

/**
 * The ways of writing yes and no: YAML's true and false as any YAML reader spells them (an editor reads
 * True as true), and Danish ja and nej spelt the same three ways. `yes`, `on` and `1` stay errors: a
 * YAML 1.1 reader takes them for true, another for text, and a closing word must mean one thing.
 */
export const flagYes = ['true', 'True', 'TRUE', 'ja', 'Ja', 'JA'] as const;
const flagWords = [...flagYes, 'false', 'False', 'FALSE', 'nej', 'Nej', 'NEJ'] as const;
const flagMessage = 'expected ja or nej (or true or false)';
/** Whether a flag's word (one of flagWords) says yes. */
export const isYes = (word: string): boolean => flagYes.some((yes) => yes === word);
export const flag = z.enum(flagWords, { error: flagMessage }).transform(isYes);

/**
 * `lukket`, wherever it stands: an empty `lukket:` is an error, not the "not given" of other keys, for
 * the clerk who wrote it meant to close something and an open default would publish it.
 */
export const emptyClosedMessage = 'is empty: write lukket: true to close it (or false to keep it open)';
export const closedFlag = z.enum(flagWords, { error: (iss) => (iss.input === null ? emptyClosedMessage : flagMessage) }).transform(isYes);

export const wholeNumber = z
  .string()
  .regex(...rule(/^\d+$/, 'expected a whole number', { abort: true }))
  .regex(...rule(/[1-9]/, 'expected a number from 1 up'))
  .transform(Number);

/**
 * The days of the calendar written YYYY-MM-DD, as a pattern (2023-02-30 is not one; 2024-02-29 is):
 * a day 29 of February only in a leap year, and no year before 0100, as shared/dates.ts reads dates.
 */
const year = '(?!00)\\d{4}';
const leapYear = '(?:(?!00)\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)';
const monthDay = '(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)';
const calendarDay = new RegExp(`^(?:${year}-${monthDay}|${leapYear}-02-29)$`);

/** A calendar date written YYYY-MM-DD, which must exist (2023-02-30 does not). */
export const isoDate = z
  .string()
  .regex(...rule(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD, e.g. 2023-11-22', { abort: true }))
  .regex(...rule(calendarDay, 'is not a date in the calendar', { error: (iss) => `${String(iss.input)} is not a date in the calendar` }));

/**
 * A name that becomes part of a file's name (a committee's `kort` begins its documents' names,
 * out/ØK-2023-11-22-dagsorden.pdf): no folder separator, no `..`, no control character, short enough
 * for a file name, so it can never lead out of the output folder.
 */
const nameRule = "is part of the documents' file names: at most 40 characters, and no /, \\, .. or control characters";
export const namePart = asText(
  text
    .max(40, { error: nameRule, abort: true })
    // eslint-disable-next-line no-control-regex -- control characters are what a file name's part must not hold
    .regex(...rule(/^(?!.*\.\.)[^/\\\u0000-\u001f\u007f-\u009f]+$/, nameRule)),
);

/**
 * For the editor's JSON Schema (`.meta()` of a block): the key is given and not empty, as zod sees a key
 * given; with `message`, the editor says what `agenda check` says where it is missing.
 */
export const given = (key: string, message?: string) => ({
  required: [key],
  properties: { [key]: { not: { type: 'null' } } },
  ...(message ? { errorMessage: message } : {}),
});

/** For the editor's JSON Schema: the flag `key` is given and says yes. */
export const saysYes = (key: string) => ({ required: [key], properties: { [key]: { enum: [true, ...flagYes] } } });

/** Whether an item is closed: by its own `lukket`, else by its standing item's (what it holds is closed with it: `closedWithin`). */
export function itemClosed(entry: { lukket?: boolean } | undefined, standing: { lukket?: boolean } | undefined): boolean {
  return entry?.lukket ?? standing?.lukket ?? false;
}

/** Whether a part (a sub-item, an attachment) is closed: by its own `lukket`, or by what holds it. */
export const closedWithin = (holder: boolean, own: boolean | undefined): boolean => holder || (own ?? false);

/** A key only something closed has (a public title, why it is closed), on something open (check/closed-only.ts). */
export const closedOnlyMessage = (key: string) => `only something closed has ${key}: add lukket: true, or remove ${key}`;

/** For the editor's JSON Schema: where `unless` does not hold, `key` is not given (an empty `key:` is no value). */
export const notGivenUnless = (key: string, unless: object) => ({
  if: { not: unless },
  then: { properties: { [key]: { type: 'null', errorMessage: closedOnlyMessage(key) } } },
});

/** A period's end before its start is a mistake, told at the end's key: `til` comes before `fra`. */
export function notBefore(from: string, to: string) {
  return [
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- from and to are keys of dates or clocks: strings
    (v: Partial<Record<string, unknown>>) => v[from] === undefined || v[to] === undefined || String(v[from]) <= String(v[to]),
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- zod's path is a mutable array; `as const` above would make it readonly
    { error: `comes before ${from}: the end of a period cannot be before its start`, path: [to] as PropertyKey[] },
  ] as const;
}

/**
 * One e-mail address, something@somewhere: no spaces, and none of the characters that would make it
 * a list of addresses (`kontor,lene@example.dk` mails lene as well).
 */
export const email = z
  .string()
  .trim()
  .regex(
    ...rule(
      /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u,
      'expected one e-mail address, e.g. navn@kommune.dk',
    ),
  );

/** A clock time as the house writes it: 9:00, 9.00 or 17:30. */
export const clockMessage = 'expected a time such as 9:00';
export const clock = z.string().regex(...rule(/^([01]?\d|2[0-3])[:.][0-5]\d$/, clockMessage));

export const weekdays = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;
export const weekday = z.enum(weekdays, { error: `expected a weekday: ${weekdays.join(', ')}` });

/** The keys of `o` that have a value: what an override sets, what a schedule entry gives. */
export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the entries of a T, less some: Object.fromEntries types them apart from T
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A YAML block of keys; an unknown key is an error, so a misspelt one is never silently ignored. */
export function block<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape);
}

/**
 * A block of its own keys and one key for each section of the house style (sagsfremstilling,
 * indstilling ...), which are gathered under `afsnit`, in the style's order.
 */
export function blockWithSections<S extends z.ZodRawShape, T extends z.ZodType>(shape: S, sectionKeys: string[], sectionValue: T) {
  const sections = Object.fromEntries(
    sectionKeys.map((k) => [k, optional(sectionValue).describe(`The section ${k} of the house style (Markdown).`)]),
  );
  return block({ ...shape, ...sections }).transform((raw) => {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the strict object of shape and sections, whose keys zod's type of a spread cannot name
    const all = raw as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the values of shape's own keys, as zod parsed them
    const own = definedOnly(Object.fromEntries(Object.keys(shape).map((k) => [k, all[k]]))) as z.output<z.ZodObject<S>>;
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the values of the section keys, each parsed by sectionValue
    const afsnit = definedOnly(Object.fromEntries(sectionKeys.map((k) => [k, all[k]]))) as Record<string, z.output<T> | undefined>;
    return { ...own, afsnit };
  });
}
