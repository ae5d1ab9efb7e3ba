import { MarkdownIt } from '../shared/bundled.js';

/**
 * The Markdown a clerk may write: paragraphs, lists, bold, italic, links, tables. Raw HTML is shown
 * as text (`html: false`), never interpreted. Images are off so no text can make the printer fetch
 * anything, and headings are off because the document's own headings build its contents and outline.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image', 'heading', 'lheading']);

const safeLink = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => safeLink.test(url.trim());

export function markdownToHtml(source: string): string {
  return markdown.render(source);
}

/** Markdown within a line: bold, italic, links; no paragraphs or lists. */
export function markdownInlineToHtml(source: string): string {
  return markdown.renderInline(source);
}
