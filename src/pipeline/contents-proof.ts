import path from 'node:path';
import type { Meeting } from '../model/meeting.js';
import { contentsMistakes } from '../pdf/contents-proof.js';
import { OutlineMismatch } from '../pdf/outline.js';
import type { PdfText } from '../pdf/page-text.js';
import { TemplateError } from '../render/templates.js';
import { numberTexts } from '../render/margins.js';
import { RenderError } from '../shared/errors.js';
import type { HouseTemplates } from '../shared/house-templates.js';
import { pageNumbers, type HeadingPages, type RenderedDocument } from '../shared/printable.js';

/**
 * The contents proved against the print, whatever the templates made of it: each line's heading is on
 * the page that prints its number. A contents that is not right is an error, never a PDF: the house's
 * (naming its templates and stylesheet) where it has templates of its own, else agenda's.
 */
export async function proveContents(meeting: Meeting, print: PdfText, rendered: RenderedDocument, headings: HeadingPages): Promise<void> {
  const texts = numberTexts(meeting, pageNumbers(headings, meeting.style.sidetal_fra === 'forside').total);
  const mistakes = contentsMistakes(await print.pageTexts(), rendered.contents, texts);
  if (mistakes.length === 0) return;
  const house = meeting.style.templates;
  if (!house) throw new RenderError(`the contents do not match the print: ${mistakes.join('; ')}`);
  throw new TemplateError(
    `${houseFiles(house).join(', ')}: the house style's templates or stylesheet make a contents the print does not bear out: ${mistakes.join('; ')}`,
  );
}

/**
 * A print whose headings are not the document's (OutlineMismatch), where the house has templates of
 * its own: theirs to mend (a heading hidden with display: none), told as an error naming their files.
 */
export function houseFault(meeting: Meeting, err: unknown): unknown {
  const house = meeting.style.templates;
  if (!house || !(err instanceof OutlineMismatch)) return err;
  return new TemplateError(
    `${houseFiles(house).join(', ')}: the house style's templates or stylesheet leave headings out of the print (display: none?): ${err.message}`,
  );
}

/** The files of the house's husstil/, as they are named in its errors. */
function houseFiles(house: HouseTemplates): string[] {
  const partials = Object.keys(house.partials).map((name) => path.join(house.folder, 'partials', `${name}.hbs`));
  return [...(house.css === undefined ? [] : [path.join(house.folder, 'style.css')]), ...partials];
}
