import { describe, expect, it } from 'vitest';
import { genitive } from '../../src/render/wording.js';
import { agendaLayout, pageNumbers } from '../../src/shared/printable.js';

describe("a committee's name in the genitive ({udvalgs})", () => {
  it('adds an s, but not after s, x or z, and takes the name its file gives', () => {
    expect(genitive('Økonomiudvalget')).toBe('Økonomiudvalgets');
    expect(genitive('Udvalget for Teknik og Miljø')).toBe('Udvalget for Teknik og Miljøs');
    expect(genitive('Ældrerådets Repræsentants')).toBe('Ældrerådets Repræsentants');
    expect(genitive('Fax')).toBe('Fax');
    expect(genitive('Kommunalbestyrelsen', 'Kommunalbestyrelsens')).toBe('Kommunalbestyrelsens');
    expect(genitive('Direktionen', 'Direktionens egen')).toBe('Direktionens egen');
  });
});

describe('the page numbers, counted from the first item or from the front page', () => {
  // The contents on sheet 1 (0-based), items on sheets 2, 3 and 5, seven sheets in all.
  const headings = { pages: [1, 2, 3, 5], sheets: 7 };
  it('from the first item: its sheet is page 1, the front matter not counted', () => {
    expect(pageNumbers(headings)).toEqual({ body: [1, 2, 4], total: 5 });
  });
  it('from the front page: every sheet its own number', () => {
    expect(pageNumbers(headings, true)).toEqual({ body: [3, 4, 6], total: 7 });
    expect(agendaLayout(headings, [], false, true).agenda).toEqual({ body: [3, 4, 6], total: 7 });
  });
});
