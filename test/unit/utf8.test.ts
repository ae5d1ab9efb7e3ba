import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../src/input/utf8.js';
import { InputError } from '../../src/shared/errors.js';

describe('an input file read as UTF-8 (input/utf8.ts)', () => {
  it('gives the text without a UTF-8 byte order mark (Notepad writes one): before a stylesheet rule it would be its selector', () => {
    const css = '.punkt h2 { color: rgb(200, 0, 0); }\n';
    expect(utf8Text('husstil/style.css', Buffer.from(`\uFEFF${css}`, 'utf8'))).toBe(css);
    expect(utf8Text('husstil/style.css', Buffer.from(css, 'utf8'))).toBe(css);
  });

  it('locates the first byte that is not UTF-8, in characters', () => {
    const bytes = Buffer.concat([Buffer.from('titel: Møde\nsted: ', 'utf8'), Buffer.from([0xe6]), Buffer.from('\n')]);
    expect(() => utf8Text('m.yaml', bytes)).toThrow(InputError);
    try {
      utf8Text('m.yaml', bytes);
    } catch (err) {
      expect((err as InputError).findings[0]).toMatchObject({ file: 'm.yaml', line: 2, col: 7 });
    }
  });
});
