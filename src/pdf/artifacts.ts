import { deflateSync, inflateSync } from 'node:zlib';
import type { PDFDocument, PDFPage, PDFRawStream } from '@cantoo/pdf-lib';
import { pdfLib } from './pdf-lib.js';

/**
 * Chromium tags what a page's boxes print, and leaves what the page's margin boxes print (the page
 * number, the running header, the "Lukket indhold" mark) and the boxes' backgrounds and borders outside
 * any marked content: neither structure nor artifact, which a screen reader may read out in the middle
 * of the text. Each run of the page's content outside marked content that paints anything is marked
 * an artifact here, so the reader skips it. Chromium marks each drawing whole, never a part of a text
 * object, so a run never begins or ends inside one.
 */
export async function markPageFurniture(doc: PDFDocument): Promise<void> {
  for (const page of doc.getPages()) await markPage(doc, page);
}

async function markPage(doc: PDFDocument, page: PDFPage): Promise<void> {
  const { PDFArray, PDFName, PDFRawStream } = await pdfLib();
  const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return;
    parts.push(await decoded(stream));
  }
  const marked = withArtifacts(Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')])));
  // Compressed by node's zlib, not pdf-lib's flateStream (pako, in JavaScript): some four times the CPU.
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(deflateSync(marked), { Filter: 'FlateDecode' })));
}

/**
 * A content stream's bytes. Chromium writes each page's content Flate-compressed, without parameters:
 * inflated by node's zlib, some thirty times quicker than pdf-lib's decoder (in JavaScript), which
 * reads any other filter.
 */
async function decoded(stream: PDFRawStream): Promise<Uint8Array> {
  const { PDFName, decodePDFRawStream } = await pdfLib();
  const flate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
  return flate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

/** Operators that leave a mark on the page. */
const painting = new Set(['Tj', 'TJ', "'", '"', 'Do', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'EI']);

/** The content with each run outside marked content that paints anything between `/Artifact BMC` and `EMC`. */
export function withArtifacts(content: Uint8Array): Buffer {
  const text = Buffer.from(content).toString('latin1');
  const out: string[] = [];
  let depth = 0;
  let run: { start: number; paints: boolean } | undefined;
  const close = (at: number) => {
    if (run) out.push(run.paints ? `/Artifact BMC\n${text.slice(run.start, at)}\nEMC\n` : text.slice(run.start, at));
    run = undefined;
  };
  let last = 0;
  for (const { op, start, end } of operators(text)) {
    last = end;
    const opens = op === 'BMC' || op === 'BDC';
    if (depth === 0 && !opens) {
      run ??= { start, paints: false };
      run.paints ||= painting.has(op);
      continue;
    }
    close(start);
    out.push(text.slice(start, end));
    depth += opens ? 1 : op === 'EMC' ? -1 : 0;
  }
  close(last);
  out.push(text.slice(last));
  return Buffer.from(out.join(''), 'latin1');
}

/** The first characters of the tokens that are not operators: a comment, a string, a name, a number, an array, a dictionary. */
const operandStart = new Set([...'%(</[]{}+-.0123456789']);

/**
 * The operators of a content stream, each with where its instruction starts (after the one before)
 * and where it ends. Strings, names, numbers, arrays and dictionaries are operands; an inline image's
 * data is skipped whole. A token takes the white space before it (one match a token, not two) and is
 * told an operand by its first character, not by a second expression: some five times quicker.
 */
function* operators(text: string): Generator<{ op: string; start: number; end: number }> {
  const literal = /\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)/.source;
  const token = new RegExp(`\\s*(%[^\\r\\n]*|${literal}|<<|>>|<[^>]*>|[[\\]{}]|\\/[^\\s/()<>[\\]{}%]*|[^\\s/()<>[\\]{}%]+)`, 'gy');
  let start = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const t = m[1] ?? '';
    if (operandStart.has(t.charAt(0)) || t === '>>') continue;
    if (t === 'ID') {
      // An inline image's data runs to its EI; with none, the rest is its data (read on from -1 + 2, the
      // tokens began again at the stream's start, for ever).
      const end = text.indexOf('EI', token.lastIndex);
      token.lastIndex = end < 0 ? text.length : end + 2;
    }
    yield { op: t === 'ID' ? 'EI' : t, start, end: token.lastIndex };
    start = token.lastIndex;
  }
}
