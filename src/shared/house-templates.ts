/** The designer's templates from a repository's husstil/: each partial's source by its name (partials/NAME.hbs), and style.css. */
export interface HouseTemplates {
  /** The husstil/ folder they were read from, to name a template's file in its errors. */
  folder: string;
  partials: Record<string, string>;
  css?: string;
  /** Tells one set of templates from another (a SHA-256 of them): a renderer is prepared once for each. */
  key: string;
}

/**
 * The house's own site pages and mail letter, which replace the package's of the same name: each
 * file's source by its name in husstil/web/ (`side.hbs`, `site.css`) and husstil/mail/ (`brev.hbs`).
 * Apart from HouseTemplates, which every document carries: a change to these reprints no PDF.
 */
export interface HousePages {
  /** The husstil/ folder they were read from, to name a template's file in its errors. */
  folder: string;
  web: Record<string, string>;
  mail: Record<string, string>;
  /** Tells one set from another (a SHA-256 of them): its templates are compiled once for each. */
  key: string;
  /**
   * Tells one set of the site's page templates from another (husstil/web/*.hbs): a meeting's pages are
   * made anew when it changes. Not the letter, which no page prints, nor site.css, which the pages link
   * to and none embeds: a change to either rewrites no page.
   */
  pagesKey: string;
}

/** The folders of husstil/ whose files replace the package's templates/ of the same folder and name. */
export const housePageFolders = ['web', 'mail'] as const;

/**
 * What of templates/web/ a house may not replace: the search index's records (soegepost.hbs) and the
 * search page's script (sog.js) are no pages and have no words; the script reads the records' fields.
 */
export const packageOnly = ['web/soegepost.hbs', 'web/sog.js'];
