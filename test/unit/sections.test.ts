import { describe, expect, it } from 'vitest';
import { sectionsOf } from '../../src/publish/sections.js';

// renderItems' shape of an item: its heading, status line, sections under h3, decisions in frames of their own.
const item = [
  '<section class="punkt" id="punkt-1">',
  '<h2>1. Salg af grund</h2><p class="status">Åben sag</p>',
  '<h3>Indstilling</h3><p>Det indstilles,<br>at grunden sælges.</p>',
  '<div class="tidligere-beslutning"><h3>Beslutning i Økonomiudvalget den 09-01-2024</h3><p>Anbefalet.</p></div>',
  '<h3>Bilag</h3><table><tr><td>1</td></tr></table>',
  '<div class="beslutning"><h3>Beslutning i Kommunalbestyrelsen den 16-01-2024</h3>',
  '<div class="lukket"><p>Lukket</p></div><p>Godkendt &amp; vedtaget.</p></div>',
  '</section>',
].join('\n');

describe('an item in its sections', () => {
  it('gives each heading its own text, a decision in a frame ending with the frame, each balanced', () => {
    expect(sectionsOf(item)).toEqual([
      { heading: 'Indstilling', html: '<p>Det indstilles,<br>at grunden sælges.</p>' },
      { heading: 'Beslutning i Økonomiudvalget den 09-01-2024', html: '<p>Anbefalet.</p>' },
      { heading: 'Bilag', html: '<table><tr><td>1</td></tr></table>' },
      {
        heading: 'Beslutning i Kommunalbestyrelsen den 16-01-2024',
        html: '<div class="lukket"><p>Lukket</p></div><p>Godkendt &amp; vedtaget.</p>',
      },
    ]);
  });
});
