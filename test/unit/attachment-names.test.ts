import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAttachmentBytes } from '../../src/input/attachments.js';
import { InputError } from '../../src/shared/errors.js';
import { tempDir } from '../support/cli.js';

// A missing attachment file is told with the name its folder has that it may be meant as: the same name
// in another Unicode form (a Mac saves "ö" as "o" and a combining diaeresis), else a near spelling.

const dir = tempDir('agenda-attachment-names-');
mkdirSync(path.join(dir, 'bilag'));
writeFileSync(path.join(dir, 'bilag', 'Bo\u0308rn og unge.pdf'), '%PDF-1.7\n');
writeFileSync(path.join(dir, 'bilag', 'Budget 2027.pdf'), '%PDF-1.7\n');
const at = { file: path.join(dir, '2026-12-22.yaml'), line: 9, col: 14, path: 'punkter[0].bilag[0].fil' };
const messageOf = (file: string) =>
  readAttachmentBytes(dir, { path: file, at }).then(
    () => 'read',
    (err: unknown) => (err instanceof InputError ? err.findings.map((f) => `${f.line}:${f.col}: ${f.message}`).join('\n') : String(err)),
  );

describe('a missing attachment file', () => {
  it('names the file of that name in another Unicode form', async () => {
    expect(await messageOf('bilag/B\u00f6rn og unge.pdf')).toBe(
      '9:14: bilag/B\u00f6rn og unge.pdf: no such file; a file of that name is there, its letters written in another Unicode form (as a Mac saves them): rename it, typing its name anew',
    );
  });
  it('names a near spelling', async () => {
    expect(await messageOf('bilag/Budget 2026.pdf')).toBe("9:14: bilag/Budget 2026.pdf: no such file (did you mean 'Budget 2027.pdf'?)");
  });
  it('says no more where nothing is near', async () => {
    expect(await messageOf('bilag/Referat.docx')).toBe('9:14: bilag/Referat.docx: no such file');
  });
});
