import { decodeEntities } from '../shared/html-entities.js';
// An item's HTML (renderItems') in its sections, for the open data and the SBSYS folder. Each section is a
// fragment balanced on its own: OS2web stores each as a text of its own, and an unclosed <div> in one
// would swallow the page after it.

export interface Section {
  /** The heading as printed: "Sagsfremstilling", "Beslutning i Økonomiudvalget den 09-01-2024". */
  heading: string;
  html: string;
}

/**
 * The sections, one to a heading (h3). A heading inside a frame (the div of a decision, an earlier
 * committee's or the item's own) begins a section within that frame, so no section holds half of it.
 * What comes before the first heading (the item's own heading and its status line) is the item's
 * name and `public`.
 */
export function sectionsOf(itemHtml: string): Section[] {
  const sections: Section[] = [];
  collect(itemHtml, sections);
  return sections.map(({ heading, html }) => ({ heading: decodeEntities(heading), html: html.trim() }));
}

function collect(html: string, sections: Section[]): void {
  for (const node of topLevel(html)) {
    const inner = html.slice(node.innerStart, node.innerEnd);
    if (node.tag === 'h3') sections.push({ heading: inner, html: '' });
    else if (node.tag && /<h3\b/i.test(inner)) collect(inner, sections);
    else {
      const last = sections.at(-1);
      if (last) last.html += html.slice(node.start, node.end);
    }
  }
}

/** A node at the top of a fragment: an element (its tag) or text between elements (no tag). */
interface TopNode {
  tag?: string;
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
}

const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The top-level nodes of HTML as the templates and markdown-it write it: every element closed, no '>' in a value. */
function topLevel(html: string): TopNode[] {
  const nodes: TopNode[] = [];
  let depth = 0;
  let open = { tag: '', start: 0, innerStart: 0 };
  let textStart = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g)) {
    const [whole, slash, name = ''] = match;
    const tag = name.toLowerCase();
    const end = match.index + whole.length;
    if (voidTags.has(tag) || whole.endsWith('/>')) {
      if (depth === 0) textStart = pushText(nodes, textStart, end);
      continue;
    }
    if (depth === 0 && slash) continue;
    if (depth === 0) {
      pushText(nodes, textStart, match.index);
      open = { tag, start: match.index, innerStart: end };
    }
    depth += slash ? -1 : 1;
    if (depth > 0) continue;
    nodes.push({ tag: open.tag, start: open.start, end, innerStart: open.innerStart, innerEnd: match.index });
    textStart = end;
  }
  pushText(nodes, textStart, html.length);
  return nodes;
}

/** Text (and lone void elements) from `start` to `end` as a node of its own; where the next text begins. */
function pushText(nodes: TopNode[], start: number, end: number): number {
  if (end > start) nodes.push({ start, end, innerStart: start, innerEnd: end });
  return end;
}
