import { loadPdfLib } from '../shared/bundled.js';

/** pdf-lib, loaded on first use rather than at start (a command that prints nothing never loads it). */
let loading: Promise<typeof import('@cantoo/pdf-lib')> | undefined;

export function pdfLib(): Promise<typeof import('@cantoo/pdf-lib')> {
  loading ??= Promise.resolve().then(loadPdfLib);
  return loading;
}
