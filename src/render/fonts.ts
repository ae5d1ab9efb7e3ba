import { readFileSync } from 'node:fs';
import { houseFontFile, houseFontSubsets } from '../shared/house-font.js';

const subsets = ['latin', 'latin-ext'] as const;
const faces = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

export interface FontFace {
  /** The woff2 file in the font's package. */
  file: string;
  weight: number;
  style: string;
  unicodeRange: string;
}

/** Each face of the house font, in the subsets Danish text needs. */
export function fontFaces(): FontFace[] {
  const ranges = houseFontSubsets();
  return subsets.flatMap((subset) =>
    faces.map(({ weight, style }) => ({
      file: houseFontFile(subset, weight, style),
      weight,
      style,
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the font package has a range for each subset we use
      unicodeRange: ranges[subset]!,
    })),
  );
}

/** The @font-face rule of a face whose file is at `url`. */
export function fontFaceRule(face: FontFace, url: string): string {
  return `@font-face { font-family: "Source Sans 3"; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; src: url(${url}) format("woff2"); unicode-range: ${face.unicodeRange}; }`;
}

/**
 * The house font shipped with the package and inlined as data: URLs, so every machine lays the
 * document out alike and the page needs no request for it.
 */
export function fontFaceCss(): string {
  return fontFaces()
    .map((face) => fontFaceRule(face, `data:font/woff2;base64,${readFileSync(face.file).toString('base64')}`))
    .join('\n');
}
