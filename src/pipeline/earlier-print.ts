import { readInputFile } from '../input/read-file.js';
import { headingPages, loadPdf } from '../pdf/outline.js';
import type { HeadingPages } from '../shared/printable.js';

/** Far more than an agenda without its attachments takes (14 pages: 0.2 MB): anything bigger is not read for a guess. */
const limit = 8 * 1024 * 1024;

/**
 * Where the headings landed in the document's last build, read from the PDF it left: a guess (see
 * printWithContents) that saves a rebuild a print, as a clerk rebuilds the same meeting after each
 * edit. Only a regular file is read; one that is not a PDF with an outline is no guess, and a wrong
 * guess costs only the print it would have saved, never a page number.
 */
export async function earlierHeadings(file: string): Promise<HeadingPages | undefined> {
  try {
    const bytes = await readInputFile(file, limit);
    return bytes.length > limit ? undefined : await headingPages(await loadPdf(bytes));
  } catch {
    return undefined;
  }
}
