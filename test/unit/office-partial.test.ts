import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertOffice } from '../../src/pdf/office/convert.js';

describe.skipIf(process.platform === 'win32')('a conversion ended by a signal (office/convert.ts)', () => {
  it('is refused, not taken with what it had written of the PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-partial-'));
    // A LibreOffice ended (its CPU limit, the OOM killer) while it copied the PDF into place: part of it is there.
    const program = path.join(dir, 'soffice');
    const script = [
      '#!/bin/sh',
      'while [ "$#" -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done',
      'printf "%%PDF-1.7\\n1 0 obj" > "$out/$(basename "$1" .rtf).pdf"',
      // As oosplash tells soffice.bin killed (SIGKILL): exit code 128 + 9.
      'exit 137',
    ].join('\n');
    writeFileSync(program, `${script}\n`, { mode: 0o755 });
    const bytes = Buffer.from('{\\rtf1\\ansi Et brev}');
    const file = {
      ref: {
        path: path.join(dir, 'brev.rtf'),
        at: { file: path.join(dir, '2024-01-16.yaml'), line: 3, col: 9, path: 'punkter[0].bilag[0].fil' },
      },
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      extension: '.rtf',
    };
    writeFileSync(file.ref.path, bytes);
    const converting = convertOffice(file, { converter: { program, version: 'LibreOffice 7.4.7.2' }, cacheDir: path.join(dir, 'cache') });
    await expect(converting).rejects.toThrow(/LibreOffice stopped converting it \(exit code 137/);
  });
});
