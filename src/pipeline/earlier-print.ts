import { readEarlierOutput } from '../input/read-file.js';
import { headingPages, loadPdf } from '../pdf/outline.js';
import type { HeadingPages } from '../shared/printable.js';

/** Far more than an agenda without its attachments takes (14 pages: 0.2 MB): anything bigger is not read for a guess. */
const maxGuess = 8 * 1024 * 1024;

/**
 * Where the headings landed in the document's last build, read from the PDF it left: a guess (see
 * printWithContents) that saves a rebuild a print, as a clerk rebuilds the same meeting after each
 * edit. A file that is not a PDF with an outline is no guess, and a wrong guess costs only the print
 * it would have saved, never a page number.
 */
export async function earlierHeadings(file: string): Promise<HeadingPages | undefined> {
  const bytes = await readEarlierOutput(file, maxGuess);
  if (!bytes) return undefined;
  return loadPdf(bytes)
    .then(headingPages)
    .catch(() => undefined);
}
