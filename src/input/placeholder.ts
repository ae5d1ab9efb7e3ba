import { textsIn } from '../shared/texts.js';

/** The word `agenda new` puts where the clerk has yet to write; `agenda check` warns while any is left. */
export const placeholder = 'UDFYLD';

/**
 * The key paths of the texts that still say the placeholder: what `agenda check` warns of, one warning a text, and
 * what `agenda new` counts of the file it wrote, so that the two give the clerk one number.
 */
export function unfilledPaths(value: unknown): PropertyKey[][] {
  return textsIn(value)
    .filter(({ text }) => text.includes(placeholder))
    .map(({ path }) => path);
}
