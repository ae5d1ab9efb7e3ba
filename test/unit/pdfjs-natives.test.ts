import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

// pdfjs-dist's legacy build carries core-js, which on node 20 puts JavaScript in the place of JSON.parse,
// JSON.stringify and Array.prototype.push for the whole process (JSON.stringify some 50 times slower).
// core-js makes its functions look native (their toString), so they are told by identity, in a process
// of its own: this one's may have loaded pdf.js before.
const script = `
const before = [JSON.parse, JSON.stringify, Array.prototype.push];
const { pageTexts } = await import(${JSON.stringify(pathToFileURL(path.join(packageRoot, 'dist/src/pdf/page-text.js')).href)});
const texts = await pageTexts(new Uint8Array((await import('node:fs')).readFileSync('fixtures/producenter/cairo.pdf')));
const after = [JSON.parse, JSON.stringify, Array.prototype.push];
const random = (await import('node:crypto')).randomBytes(300_001);
const fromBase64 = (...args) => { try { return Array.from(Uint8Array.fromBase64(...args)); } catch (err) { return err.name; } };
const base64 = {
  plain: [0, 1, 2].every((cut) => Buffer.compare(Uint8Array.fromBase64(random.subarray(cut).toString('base64')), random.subarray(cut)) === 0),
  plainIsUint8Array: Object.getPrototypeOf(Uint8Array.fromBase64('AAEC')) === Uint8Array.prototype,
  unpadded: fromBase64('AAE'),
  spaced: fromBase64('AA EC'),
  bad: fromBase64('AA*C'),
  strict: fromBase64('AAE', { lastChunkHandling: 'strict' }),
  url: fromBase64('_-8=', { alphabet: 'base64url' }),
  notText: fromBase64(1),
};
console.log(JSON.stringify({ pages: texts.length, kept: before.map((f, i) => f === after[i]), withResolvers: typeof Promise.withResolvers, base64 }));
`;

describe('reading a PDF with pdf.js', () => {
  it("keeps the process's own JSON.parse, JSON.stringify and Array.prototype.push", () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' });
    // What node 20 lacks and pdf.js uses (Promise.withResolvers) stays.
    // ...and Uint8Array.fromBase64, which Puppeteer then decodes each print with: node's Buffer where it gives the same
    // bytes, core-js's as the standard says for the rest (no padding, white space, options, errors).
    expect(JSON.parse(out)).toEqual({
      pages: 2,
      kept: [true, true, true],
      withResolvers: 'function',
      base64: {
        plain: true,
        plainIsUint8Array: true,
        unpadded: [0, 1],
        spaced: [0, 1, 2],
        bad: 'SyntaxError',
        strict: 'SyntaxError',
        url: [255, 239],
        notText: 'TypeError',
      },
    });
  });
});
