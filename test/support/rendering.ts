import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { tempDir } from './cli.js';

// A page as poppler draws it, in grey, to compare with how another PDF draws the same page.

export interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * `sheet` (1-based) of `file` drawn by pdftoppm in grey at `dpi`; with `crop`, only that region (in
 * pixels at that resolution, from the top left).
 */
export function drawn(file: string, sheet: number, dpi: number, crop?: { x: number; y: number; width: number; height: number }): Grey {
  const out = path.join(tempDir('agenda-draw-'), 'page');
  const region = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.width), '-H', String(crop.height)] : [];
  const pages = ['-f', String(sheet), '-l', String(sheet), '-singlefile'];
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), ...pages, ...region, file, out], { stdio: 'pipe' });
  const bytes = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`pdftoppm wrote no greymap for ${file}`);
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

/** How much of the page is drawn on: the share of its 4 × 4 blocks that are not white. */
export function ink(grey: Grey): number {
  const blocks = blockMeans(grey, grey.width, grey.height);
  return blocks.filter((b) => b < 250).length / blocks.length;
}

/**
 * The mean difference (0 to 255) between two drawings of the same page, over blocks of 4 × 4 pixels
 * (so that a region cut a pixel off does not count as a difference), the larger one cut to the smaller.
 */
export function difference(a: Grey, b: Grey): number {
  const [width, height] = [Math.min(a.width, b.width), Math.min(a.height, b.height)];
  const [x, y] = [blockMeans(a, width, height), blockMeans(b, width, height)];
  return x.reduce((sum, v, i) => sum + Math.abs(v - (y[i] ?? 255)), 0) / x.length;
}

function blockMeans(grey: Grey, width: number, height: number): number[] {
  const means: number[] = [];
  for (let by = 0; by + 4 <= height; by += 4) {
    for (let bx = 0; bx + 4 <= width; bx += 4) {
      let sum = 0;
      for (let y = by; y < by + 4; y++) for (let x = bx; x < bx + 4; x++) sum += grey.pixels[y * grey.width + x] ?? 255;
      means.push(sum / 16);
    }
  }
  return means;
}
