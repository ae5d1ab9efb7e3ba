/** A4 in points, portrait: the sheet an attachment's page is put on, turned the way the page is. */
export const a4 = { width: 595.28, height: 841.89 };
