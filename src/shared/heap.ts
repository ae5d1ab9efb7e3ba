import { setFlagsFromString } from 'node:v8';

// A batch build makes a few large buffers per document (HTML, the PDF, its base64 on the wire), while
// what it keeps is small (some 30 MB). By default V8 lets the heap grow by half and more before it
// collects, to some 180 MB over a year of meetings; growing by a fifth keeps it near 110 MB at no
// measurable cost in time (npm run bench). Only for work of many documents: in a cold build of one,
// the small steps cost a full collection of some 80 ms while the modules load, and there is no year
// of garbage to keep down. V8 prints an error for a flag it does not know, so only on the Node
// versions whose V8 is known to have it.
const knownNode = Number(process.versions.node.split('.')[0]) <= 24;
let set = false;

/** From now on, the heap grows by a fifth before V8 collects (for a process that prints many documents). */
export function growHeapSlowly(): void {
  if (set || !knownNode) return;
  setFlagsFromString('--heap-growing-percent=20');
  set = true;
}
