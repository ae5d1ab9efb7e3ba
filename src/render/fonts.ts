import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontPackage = '@fontsource/source-sans-3';
const subsets = ['latin', 'latin-ext'] as const;
const faces = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

/**
 * The house font shipped with the package and inlined as data: URLs, so every machine lays the
 * document out alike and the page needs no request for it.
 */
export function fontFaceCss(): string {
  const ranges = JSON.parse(readFileSync(require.resolve(`${fontPackage}/unicode.json`), 'utf8')) as Record<string, string>;
  return subsets
    .flatMap((subset) =>
      faces.map(({ weight, style }) => {
        const file = require.resolve(`${fontPackage}/files/source-sans-3-${subset}-${weight}-${style}.woff2`);
        const data = readFileSync(file).toString('base64');
        return `@font-face { font-family: "Source Sans 3"; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${data}) format("woff2"); unicode-range: ${ranges[subset]}; }`;
      }),
    )
    .join('\n');
}
