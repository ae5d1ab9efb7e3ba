/**
 * pdf-lib, loaded on first use rather than at start: its 180 ms of loading then run while the
 * browser lays out the first document, instead of before it (npm run bench).
 */
let loading: Promise<typeof import('pdf-lib')> | undefined;

export function pdfLib(): Promise<typeof import('pdf-lib')> {
  loading ??= import('pdf-lib');
  return loading;
}
