import { Pieces } from '../../src/publish/parts.js';

/** The files a unit test composes (setOfParts), each as text: a text of pieces joined, as StagedFiles writes it. */
export class TextFiles extends Map<string, string> {
  override set(file: string, content: string | Pieces): this {
    return super.set(file, content instanceof Pieces ? [...content.each()].join('') : content);
  }
}
