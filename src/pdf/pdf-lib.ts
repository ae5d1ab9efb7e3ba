import { loadPdfLib } from '../shared/bundled.js';

/**
 * pdf-lib, loaded on first use rather than at start (a command that prints nothing never loads it).
 * It loads on the next turn of the event loop, not in a microtask: asked for just before a print,
 * its 60 ms of loading then run while the browser lays the document out, instead of delaying the
 * message that starts the layout.
 */
let loading: Promise<typeof import('@cantoo/pdf-lib')> | undefined;

export function pdfLib(): Promise<typeof import('@cantoo/pdf-lib')> {
  loading ??= new Promise<void>((resolve) => setImmediate(resolve)).then(loadPdfLib);
  return loading;
}
