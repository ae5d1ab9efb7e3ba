// Control characters: C0 but tab and line feed, DEL and C1. No text a document, a calendar feed or
// XML 1.0 shows holds one: XML cannot hold most of them at all, and a carriage return or vertical
// tab ends a line for some readers of a feed.
export const control = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]';

/** The first control character of `text`, if any. */
export function firstControlCharacter(text: string): string | undefined {
  return new RegExp(control, 'u').exec(text)?.[0];
}

/** `text` without its control characters: a carriage return, alone or before a line feed, as a line feed. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(new RegExp(control, 'gu'), '');
}
