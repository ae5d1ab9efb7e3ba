/** The designer's templates from a repository's husstil/: each partial's source by its name (partials/NAME.hbs), and style.css. */
export interface HouseTemplates {
  /** The husstil/ folder they were read from, to name a template's file in its errors. */
  folder: string;
  partials: Record<string, string>;
  css?: string;
  /** Tells one set of templates from another (a SHA-256 of them): a renderer is prepared once for each. */
  key: string;
}
