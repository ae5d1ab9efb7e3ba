import { z } from 'zod';
import { firstControlCharacter } from '../shared/control-characters.js';
import { isRealDate } from '../shared/dates.js';

// The YAML is read with the failsafe schema, so every scalar arrives as the text the clerk typed.
// These fields give that text its meaning, with messages a clerk can act on.

/** The code point of a character, as U+000B. */
const codePoint = (c: string | undefined) => `U+${(c?.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Text that must say something, without control characters (shared/control-characters.ts says why). */
export const text = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .refine((s) => firstControlCharacter(s) === undefined, {
    error: (iss) => `holds the control character ${codePoint(firstControlCharacter(String(iss.input)))}: remove it`,
  });

/** A name or a title: text on one line. */
export const name = text.refine((s) => !/[\n\u2028\u2029]/u.test(s), { error: 'must be one line: remove the line break' });

/** An optional field; an empty value (`key:` with nothing after it, read as null) counts as not given; `key: ""` is an empty text. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === null ? undefined : v), schema.optional());
}

/** A list; an empty value counts as an empty list. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === null ? [] : v), z.array(item));
}

export const flag = z
  .enum(['true', 'false', 'ja', 'nej'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === 'ja');

export const wholeNumber = z
  .string()
  .regex(/^\d+$/, { error: 'expected a whole number', abort: true })
  .transform(Number)
  .refine((n) => n >= 1, { error: 'expected a number from 1 up' });

/** A calendar date written YYYY-MM-DD, which must exist (2023-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written YYYY-MM-DD, e.g. 2023-11-22', abort: true })
  .refine(isRealDate, { error: (iss) => `${String(iss.input)} is not a date in the calendar` });

/**
 * A name that becomes part of a file's name (a committee's `kort` begins its documents' names,
 * out/ØK-2023-11-22-dagsorden.pdf): no folder separator, no `..`, no control character, short enough
 * for a file name, so it can never lead out of the output folder.
 */
const nameRule = "is part of the documents' file names: at most 40 characters, and no /, \\, .. or control characters";
// eslint-disable-next-line no-control-regex -- control characters are what a name may not hold
const nameCharacters = /^(?!.*\.\.)[^/\\\u0000-\u001f\u007f-\u009f]+$/;
export const namePart = text.max(40, { error: nameRule, abort: true }).regex(nameCharacters, { error: nameRule });

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
  .regex(/^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u, { error: 'expected one e-mail address, e.g. navn@kommune.dk' });

/** A clock time as the house writes it: 9:00, 9.00 or 17:30. */
export const clock = z.string().regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, { error: 'expected a time such as 9:00' });

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
  const sections = Object.fromEntries(sectionKeys.map((k) => [k, optional(sectionValue).describe(`The section ${k} of the house style (Markdown).`)]));
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
