import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/shared/errors.js';
import { parseYaml } from '../../src/input/yaml-file.js';
import { agenda, copyOfMeetings } from '../support/cli.js';

/** Nine levels of nine aliases each: 9^9 (387 million) strings if expanded. */
function billionLaughs(): string {
  const names = 'abcdefghij';
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  return lines.join('\n') + '\n';
}

const notUtf8 =
  'the file is not UTF-8 text here (an æ, ø or å saved by an older editor as Windows-1252 or Latin-1?): open it in the editor and save it with the encoding UTF-8';

const traps = [
  {
    trap: 'a billion-laughs file',
    content: billionLaughs(),
    message: 'meetings/2023-11-29.yaml:1:1: its aliases (*name) expand to too much text; write the text out instead',
  },
  {
    trap: 'an alias to no anchor',
    content: 'punkter:\n  - titel: x\n    sagsfremstilling: *ukendt\n',
    message:
      'meetings/2023-11-29.yaml:3:23: punkter[0].sagsfremstilling: no anchor &ukendt is set before this alias (*ukendt); give the text it repeats &ukendt above it, or write the text out',
  },
  {
    trap: 'an alias before its anchor',
    content: 'punkter:\n  - titel: *senere\n    sagsfremstilling: &senere Tekst\n',
    message:
      'meetings/2023-11-29.yaml:2:12: punkter[0].titel: no anchor &senere is set before this alias (*senere); give the text it repeats &senere above it, or write the text out',
  },
  {
    trap: 'a file over the size limit',
    content: `punkter:\n  - titel: ${'x'.repeat(1024 * 1024)}\n`,
    message: 'meetings/2023-11-29.yaml:1:1: the file is larger than 1048576 bytes, the most that is read',
  },
  {
    // Located at its first byte that is not UTF-8 (the Latin-1 å of "på"), counted in characters after UTF-8 ones (Ærø, Køb).
    trap: 'a file that is not UTF-8',
    content: Buffer.concat([
      Buffer.from('punkter:\n  - titel: Ærø\n    sagsfremstilling: Køb af '),
      Buffer.from('grund på Ærø\n', 'latin1'),
    ]),
    message: `meetings/2023-11-29.yaml:3:37: ${notUtf8}`,
  },
  {
    trap: 'a file saved as UTF-16',
    content: Buffer.from('\ufeffpunkter:\n  - titel: Køb af grund\n', 'utf16le'),
    message:
      'meetings/2023-11-29.yaml:1:1: the file is UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8: open it in the editor and save it with the encoding UTF-8',
  },
  {
    trap: 'a tab for indentation',
    content: 'punkter:\n\t- titel: x\n',
    message: 'meetings/2023-11-29.yaml:2:1: a tab is used for indentation; indent with spaces',
  },
  {
    trap: 'a key given twice',
    content: 'punkter:\n  - titel: x\n    titel: y\n',
    message: 'meetings/2023-11-29.yaml:3:5: punkter[0].titel: this key is already given above in the same block',
  },
];

describe.each(traps)('agenda check on $trap', ({ content, message }) => {
  it('refuses it with one clear line (exit 1)', () => {
    const { dir, meetings } = copyOfMeetings();
    writeFileSync(path.join(meetings, '2023-11-29.yaml'), content);
    const run = agenda(['check', '2023-11-29'], { cwd: dir });
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.status).toBe(1);
  });
});

describe('a shared file that is not UTF-8', () => {
  it.each(['udvalg.yaml', 'plan.yaml'])('is located at its first byte that is not UTF-8: %s', (name) => {
    const { dir, meetings } = copyOfMeetings();
    writeFileSync(path.join(meetings, name), Buffer.concat([readFileSync(path.join(meetings, name)), Buffer.from('# Bemærk\n', 'latin1')]));
    const lines = readFileSync(path.join(meetings, name), 'latin1').split('\n').length - 1;
    const run = agenda(['check', '2023-11-22'], { cwd: dir });
    expect(run.stderr).toBe(`meetings/${name}:${lines}:6: ${notUtf8}\n`);
    expect(run.status).toBe(1);
  });
});

describe('the alias budget', () => {
  it('refuses a billion-laughs file in well under a second', () => {
    const start = performance.now();
    expect(() => parseYaml('m.yaml', billionLaughs())).toThrow(InputError);
    const ms = performance.now() - start;
    console.log(`billion laughs refused in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);
  });
});
