/**
 * The text of every h1–h6 in a page we rendered ourselves, in document order. Our templates put plain,
 * escaped text in headings (the clerk's Markdown has headings switched off), so a pattern reads them.
 */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => decodeEntities(m[2]!.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim());
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`' };

function decodeEntities(s: string): string {
  return s.replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole);
}
