import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { sfntOfWoff } from './woff.js';
import { houseFontFile, houseFontSubsets } from '../shared/house-font.js';

interface Face {
  /** The font's TrueType or OpenType bytes. */
  bytes: Buffer;
  has: (codePoint: number) => boolean;
}

type Faces = [Face, ...Face[]];

/** A piece of text in the one font that writes all of it. */
export interface Run {
  text: string;
  font: PDFFont;
}

/**
 * The fonts of the stamps on attachment pages, embedded (subset) so that a reader shows and finds
 * their text as written: the house font, Source Sans 3, subset by subset as the package ships it
 * (Latin first), and for a character none of them has (an arrow, a mathematical sign) the system's
 * sans-serif font that fontconfig finds for it, as the browser does for the agenda's own text. A
 * character no font has is written as a question mark.
 */
export class StampFonts {
  private readonly embedded = new Map<Face, Promise<PDFFont>>();

  private constructor(
    private readonly doc: PDFDocument,
    /** In the order they are tried; the first writes the question mark for a character none has. */
    private readonly faces: Faces,
  ) {}

  /** The fonts for stamps with the `texts`: those that lack a character the house font has not get a system font for it. */
  static async load(doc: PDFDocument, texts: string[]): Promise<StampFonts> {
    const fontkit = await import('@cantoo/fontkit');
    doc.registerFontkit(fontkit);
    const face = (bytes: Buffer): Face => {
      const font = fontkit.create(bytes);
      return { bytes, has: (c) => 'hasGlyphForCodePoint' in font && font.hasGlyphForCodePoint(c) };
    };
    const house = (subset: string) => face(sfntOfWoff(readFileSync(houseFontFile(subset, 400, 'normal', 'woff'))));
    const faces: Faces = [
      house('latin'),
      ...Object.keys(houseFontSubsets())
        .filter((s) => s !== 'latin')
        .map(house),
    ];
    const missing = [...new Set(texts.flatMap((t) => [...t]))].filter((c) => !faces.some((f) => f.has(codePoint(c))));
    const fallback = missing.length > 0 ? systemFont(missing) : undefined;
    return new StampFonts(doc, fallback ? [...faces, face(readFileSync(fallback))] : faces);
  }

  /** `text` as runs, each in the first font that has its characters. */
  async runs(text: string): Promise<Run[]> {
    const runs: Run[] = [];
    for (const c of text) {
      const face = this.faces.find((f) => f.has(codePoint(c)));
      runs.push({ text: face ? c : '?', font: await this.font(face ?? this.faces[0]) });
    }
    return joined(runs);
  }

  private font(face: Face): Promise<PDFFont> {
    let font = this.embedded.get(face);
    if (!font) this.embedded.set(face, (font = this.doc.embedFont(face.bytes, { subset: true })));
    return font;
  }
}

/** Neighbouring runs in the same font as one. */
export function joined(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const { text, font } of runs) {
    const last = out.at(-1);
    if (last?.font === font) last.text += text;
    else out.push({ text, font });
  }
  return out;
}

function codePoint(c: string): number {
  return c.codePointAt(0) ?? 0;
}

/** The file of the sans-serif font fontconfig finds for the `chars`; undefined without fontconfig. */
function systemFont(chars: string[]): string | undefined {
  const charset = chars.map((c) => codePoint(c).toString(16)).join(' ');
  try {
    const file = execFileSync('fc-match', ['--format=%{file}', `sans-serif:charset=${charset}`], { encoding: 'utf8', timeout: 10_000 });
    return /\.(ttf|otf)$/i.test(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
