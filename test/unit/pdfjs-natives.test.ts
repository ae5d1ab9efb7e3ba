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
console.log(JSON.stringify({ pages: texts.length, kept: before.map((f, i) => f === after[i]), withResolvers: typeof Promise.withResolvers }));
`;

describe('reading a PDF with pdf.js', () => {
  it("keeps the process's own JSON.parse, JSON.stringify and Array.prototype.push", () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' });
    // What node 20 lacks and pdf.js uses (Promise.withResolvers) stays.
    expect(JSON.parse(out)).toEqual({ pages: 2, kept: [true, true, true], withResolvers: 'function' });
  });
});
