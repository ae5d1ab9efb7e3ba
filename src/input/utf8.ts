import { InputError } from '../shared/errors.js';

/**
 * An input file's text, which must be UTF-8. Where it is not, the clerk is told where its first byte that is not
 * UTF-8 stands (an æ, ø or å an older Windows editor saved as Windows-1252), and what the file seems to be: UTF-16 by
 * its byte order mark (Notepad's "Unicode"), else text in another encoding.
 */
export function utf8Text(file: string, bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  // The decoder puts U+FFFD for each invalid sequence: the bytes first differ from the text's own where one was.
  const again = Buffer.from(text, 'utf8');
  const at = bytes.findIndex((byte, i) => byte !== again[i]);
  // The byte order mark kept for that comparison is no text of the file's: before a stylesheet's first rule it would
  // make that rule's selector match nothing, and before a letter it is an invisible first character.
  if (at < 0 && again.length === bytes.length) return text.replace(/^\uFEFF/, '');
  const { line, col } = position(new TextDecoder().decode(bytes.subarray(0, at < 0 ? bytes.length : at)));
  const message = utf16(bytes)
    ? 'the file is UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8: open it in the editor and save it with the encoding UTF-8'
    : 'the file is not UTF-8 text here (an æ, ø or å saved by an older editor as Windows-1252 or Latin-1?): open it in the editor and save it with the encoding UTF-8';
  throw new InputError([{ file, line, col, path: '', message }]);
}

/** Line and column (from 1, in characters) of the end of `before`, the text that precedes a place. */
function position(before: string): { line: number; col: number } {
  const lines = before.split('\n');
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split() returns at least one string
  return { line: lines.length, col: [...lines.at(-1)!].length + 1 };
}

function utf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
