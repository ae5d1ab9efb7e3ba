import { describe, expect, it } from 'vitest';
import { contentBox, cssPixels } from '../../src/pdf/layout-guess.js';

const mm = 96 / 25.4;
const box = (size: string, margins: [string, string, string, string] = ['', '', '', '']) => contentBox({ size, margins });

describe("a page's content box, from its @page rule", () => {
  it('reads absolute lengths in every unit, and no other', () => {
    expect(cssPixels('1in')).toBe(96);
    expect(cssPixels('72pt')).toBe(96);
    expect(cssPixels('2.54cm')).toBeCloseTo(96);
    expect(cssPixels('25.4MM')).toBeCloseTo(96);
    expect(cssPixels('0')).toBe(0);
    for (const other of ['10%', 'auto', '2em', '3vw', '12', 'calc(1mm + 2px)', '']) expect(cssPixels(other), other).toBeUndefined();
  });

  it('takes named sizes, two lengths, one for a square page, and landscape', () => {
    const a4 = box('A4', ['22mm', '20mm', '24mm', '25mm'])!;
    expect(a4.width).toBeCloseTo(165 * mm);
    expect(a4.height).toBeCloseTo(251 * mm);
    expect(box('a4 landscape')!.width).toBeCloseTo(297 * mm);
    expect(box('landscape A5')!.height).toBeCloseTo(148 * mm);
    expect(box('8.5in 11in')).toEqual({ width: 816, height: 1056 });
    expect(box('letter')!.width).toBeCloseTo(816);
    expect(box('100mm')!.height).toBeCloseTo(100 * mm);
  });

  it('gives none where the print would decide: no size, auto, a relative margin, margins wider than the page', () => {
    for (const size of ['', 'auto', 'A9', '10% 20%', 'A4 A5']) expect(box(size), size).toBeUndefined();
    expect(box('A4', ['10%', '0', '0', '0'])).toBeUndefined();
    expect(box('A4', ['0', '110mm', '0', '110mm'])).toBeUndefined();
  });
});
