import { pdfPages } from './pdf.js';
import { ratio } from './sequence-matcher.js';

// A port of shared/tools/fidelity: both texts as words, page footers dropped, then difflib's ratio.

export function words(text: string): string[] {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('|', ' ')
    .replace(/[•·▪◦]/g, ' ')
    .replace(/\.{4,}/g, ' ')
    .replace(/([^\p{L}\p{N}_\s])/gu, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
}

const footer = /^\s*side\s+\d+(\s*(af|\/)\s*\d+)?\s*$/i;
const lone = /^\s*\d+\s*(\/\s*\d+)?\s*$/;

export function pdfBodyText(file: string): string {
  return pdfPages(file)
    .map((page) => {
      const lines = page.split('\n').filter((l) => l.trim() && !footer.test(l));
      while (lines.length && lone.test(lines.at(-1)!)) lines.pop();
      while (lines.length && lone.test(lines[0]!)) lines.shift();
      return lines.join('\n');
    })
    .join('\n');
}

export function fidelity(pdf: string, reference: string): number {
  return ratio(words(reference), words(pdfBodyText(pdf)));
}
